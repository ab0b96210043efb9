/**
 * Settings (rule params, config files) found valid against their JSON schema, remembered in the validator cache
 * folder: a later run with the same ones skips compiling the schema. In a process that just started, ajv's first
 * compiles cost more than the rest of a small lint (a pre-push hook's budget), and the built-in rules' params are
 * the same on every run. Keyed by a hash of ajv's version, the compiler setup, the schema and the value, so any
 * change is validated again; only "valid" is remembered (an invalid value is validated to word its problems).
 * Best effort: a folder that cannot be read or written costs the compile, never a result.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { installedAjvVersion } from './cache.js';
import { makeDir } from '../util/make-dir.js';

export class ValidSettings {
  private unwritable = false;

  /**
   * @param dir folder for the entries (created on first write)
   * @param setup everything about the compiler that changes its verdicts (its options)
   */
  constructor(
    readonly dir: string,
    private readonly setup: string,
  ) {}

  has(schema: unknown, value: unknown): boolean {
    return fs.existsSync(this.file(schema, value));
  }

  add(schema: unknown, value: unknown): void {
    if (this.unwritable) return;
    try {
      makeDir(this.dir);
      fs.writeFileSync(this.file(schema, value), '');
    } catch {
      this.unwritable = true;
    }
  }

  private file(schema: unknown, value: unknown): string {
    const key = createHash('sha256').update(`${installedAjvVersion()}\0${this.setup}\0${JSON.stringify(schema)}\0${JSON.stringify(value)}`).digest('hex');
    return path.join(this.dir, `${key}.valid`);
  }
}
