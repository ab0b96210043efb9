/**
 * Settings (rule params, config files) found valid against their JSON schema, remembered in the validator cache
 * folder: a later run with the same ones skips compiling the schema. In a process that just started, ajv's first
 * compiles cost more than the rest of a small lint (a pre-push hook's budget), and the built-in rules' params are
 * the same on every run. Keyed by a hash of ajv's version, the compiler setup, the schema and the value, so any
 * change is validated again; only "valid" is remembered (an invalid value is validated to word its problems).
 * Best effort: a folder that cannot be read or written costs the compile, never a result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CacheFolder } from './cache.js';

export class ValidSettings extends CacheFolder {
  has(schema: unknown, value: unknown): boolean {
    return fs.existsSync(this.file(schema, value));
  }

  add(schema: unknown, value: unknown): void {
    this.write(this.file(schema, value), () => '');
  }

  private file(schema: unknown, value: unknown): string {
    return path.join(this.dir, `${this.hash(JSON.stringify(schema), JSON.stringify(value))}.valid`);
  }
}
