/**
 * Optional on-disk cache of compiled validators. ajv needs 0.1-1 s to compile a large kind (a Deployment pulls in
 * the whole PodSpec); loading the same validator as ajv "standalone" code takes a few milliseconds.
 * Entries are keyed by a hash of the schema file, the JSON pointer and the compiler setup, so a new schema
 * release, ajv version or option change never reuses a stale entry. Any cache failure falls back to compiling.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { makeDir } from '../util/make-dir.js';

const require = createRequire(import.meta.url);
// ajv's standalone module is CommonJS: under NodeNext its default import is module.exports, which also carries `.default`.
const standaloneCode = standaloneModule.default;
/** Read when a cache is used, not on import: the Action's bundle has no node_modules to read it from, and no cache. */
let ajvVersion: string | undefined;
export function installedAjvVersion(): string {
  ajvVersion ??= (require('ajv/package.json') as { version: string }).version;
  return ajvVersion;
}

/**
 * Where the CLI keeps compiled validators by default: $XDG_CACHE_HOME/gitops-lint, else ~/.cache/gitops-lint.
 * A per-user folder (not the package's own) works for global installs and npx, and CI caches can keep it.
 */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'gitops-lint', 'validators');
}

/** Why validators cannot be cached in `dir` (it cannot be created or written), or undefined when they can. */
export function cacheDirProblem(dir: string): string | undefined {
  try {
    makeDir(dir);
    fs.accessSync(dir, fs.constants.W_OK);
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code ?? e.message;
  }
}

/**
 * Validators read from a cache folder in this process, by file: pure code (its key names the ajv version, the setup
 * and the schema), so the second lint of one process (only-new mode's base, the pre-push hook) does not turn megabytes
 * of generated code into a function again.
 */
const loaded = new Map<string, ValidateFunction>();

export class ValidatorCache {
  /** Set after a failed write: one failure says the folder cannot be used, so no later compile tries again. */
  private unwritable = false;

  /**
   * @param dir folder for the entries (created on first write)
   * @param setup everything about the compiler that changes the generated code (options, keywords, formats)
   */
  constructor(
    readonly dir: string,
    private readonly setup: string,
  ) {}

  /** @param schemaFileDigest a hash of the schema file's text */
  key(schemaFileDigest: string, pointer: string): string {
    return createHash('sha256').update(`${installedAjvVersion()}\0${this.setup}\0${schemaFileDigest}\0${pointer}`).digest('hex');
  }

  /** The cached validator, or undefined when absent or unreadable. */
  load(key: string): ValidateFunction | undefined {
    const file = this.file(key);
    const known = loaded.get(file);
    if (known) return known;
    const validator = this.read(key);
    if (validator) loaded.set(file, validator);
    return validator;
  }

  private read(key: string): ValidateFunction | undefined {
    let code: string;
    try {
      code = fs.readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const module = { exports: {} as unknown };
      new Function('module', 'exports', 'require', code)(module, module.exports, require);
      return typeof module.exports === 'function' ? (module.exports as ValidateFunction) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a validator compiled by `ajv` (which must have `code.source` on). Best effort: errors are ignored. */
  save(key: string, ajv: Ajv, validator: ValidateFunction): void {
    if (this.unwritable) return;
    try {
      makeDir(this.dir);
      // Write then rename, so a concurrent run never reads half a file.
      const temp = `${this.file(key)}.${process.pid}.tmp`;
      fs.writeFileSync(temp, standaloneCode(ajv, validator));
      fs.renameSync(temp, this.file(key));
    } catch {
      // A read-only or full disk only costs the compile time next run.
      this.unwritable = true;
    }
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.cjs`);
  }
}
