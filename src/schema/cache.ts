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
function installedAjvVersion(): string {
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

/**
 * A folder of entries keyed by a hash of ajv's version, a compiler setup and what the caller names: what this
 * module's validators and valid-settings.ts's verdicts share. Writes are best effort: after one failure the folder
 * is not tried again (a read-only or full disk only costs the work next run).
 */
export class CacheFolder {
  private unwritable = false;

  /**
   * @param dir folder for the entries (created on first write)
   * @param setup everything about the compiler that changes what is cached (options, keywords, formats)
   */
  constructor(
    readonly dir: string,
    private readonly setup: string,
  ) {}

  /** The hex key of `parts` under this folder's ajv version and setup. */
  protected hash(...parts: string[]): string {
    return createHash('sha256').update([installedAjvVersion(), this.setup, ...parts].join('\0')).digest('hex');
  }

  /** Writes an entry (then renames it, so a concurrent run never reads half a file). */
  protected write(file: string, content: () => string): void {
    if (this.unwritable) return;
    try {
      makeDir(this.dir);
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, content());
      fs.renameSync(temp, file);
    } catch {
      this.unwritable = true;
    }
  }
}

export class ValidatorCache extends CacheFolder {
  /** @param schemaFileDigest a hash of the schema file's text */
  key(schemaFileDigest: string, pointer: string): string {
    return this.hash(schemaFileDigest, pointer);
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
    this.write(this.file(key), () => standaloneCode(ajv, validator));
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.cjs`);
  }
}
