/**
 * Validates Kubernetes objects against the schemas generated into the package's `schemas/` folder
 * (scripts/generate-schemas.mjs). Files are read and compiled lazily, only for the kinds a repo uses; compiled
 * validators are cached in memory and, with `cacheDir`, on disk across runs (cache.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import formatsPlugin, { type FormatName, type FormatsPlugin } from 'ajv-formats';
import { ValidatorCache } from './cache.js';
import { toSchemaErrors, type SchemaError } from './messages.js';

export interface ValidateOptions {
  apiVersion: string;
  kind: string;
  /** Kubernetes minor for built-in kinds, e.g. "1.34", "v1.34.2"; default: the newest shipped. */
  kubernetesVersion?: string;
  /** The value is a patch: missing required fields are fine. */
  partial?: boolean;
  /**
   * The object goes through Flux post-build substitution (a Flux Kustomization with spec.postBuild.substitute or
   * substituteFrom): string values holding `${VAR}` are not checked, since their final value is unknown.
   */
  substitution?: boolean;
  /** The object is SOPS-encrypted: `ENC[...]` strings stand for values of any type and are not checked. */
  encrypted?: boolean;
}

/** Where the schema of one kind lives. */
export interface SchemaLocation {
  /** File relative to the schemas folder, e.g. "kubernetes/v1.35.json" or "crds/helm.toolkit.fluxcd.io.json". */
  file: string;
  /** JSON pointer to the schema inside the file. */
  pointer: string;
  /** Upstream the schema was generated from, e.g. "kubernetes 1.35" or "flux v2.6.4: helm-controller-v1.3.0". */
  source: string;
}

export interface SchemaStoreOptions {
  /** The generated schemas folder; default: the package's own `schemas/`. */
  schemaDir?: string;
  /** Folder for compiled validators reused across runs (see cache.ts); default: no disk cache. */
  cacheDir?: string;
}

interface SchemaIndex {
  crds: Record<string, { file: string; source: string }>;
  kubernetes: Record<string, string>;
}

interface SchemaFile {
  definitions: Record<string, AnySchemaObject>;
  kinds: Record<string, unknown>;
}

/** Schemas that are not shipped (CRDs found in a repo, files from --schema-location), added at run time. */
export interface AddedSchemas {
  /** Definitions the kinds refer to with `#/definitions/<name>` (ObjectMeta for CRDs). */
  definitions?: Record<string, AnySchemaObject>;
  /** "<apiVersion>/<Kind>" -> schema. */
  kinds: Record<string, AnySchemaObject>;
}

/** Annotation keywords the generator keeps; x-kubernetes-validations (CEL) is kept for a later evaluator. */
const ANNOTATIONS = [
  'x-go-pattern',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
];

/** RFC 3339 as the API server parses it (strfmt also takes a missing zone or a space separator). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

const ID_BASE = 'https://gitops-lint.invalid/schemas/';
const FORMATS: FormatName[] = ['byte', 'int32', 'int64', 'ipv4', 'ipv6'];

/** The `schemas/` folder of this package, found from this module (works from src/ and dist/). */
export function defaultSchemaDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, 'index.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`gitops-lint: schemas/index.json not found above ${fileURLToPath(import.meta.url)}`);
}

function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Kubernetes treats `field: null` as unset: drop null-valued properties so only required ones are reported.
 * A YAML alias can make the value cyclic; a cycle is cut (as unset) rather than followed forever.
 * Copy on write: most objects hold no null, and copying every object of a large repo costs more than validating it.
 */
function withoutNullFields(value: unknown, ancestors = new Set<object>(), done = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return null;
  // Aliases share objects: each is visited once, so a "billion laughs" document stays linear.
  if (done.has(value)) return done.get(value);
  ancestors.add(value);
  let out: unknown = value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const child = withoutNullFields(value[i], ancestors, done);
      if (child !== value[i]) (copy ??= value.slice())[i] = child;
    }
    out = copy ?? value;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    let changed: Map<string, unknown> | undefined;
    for (const key of keys) {
      const child = withoutNullFields(record[key], ancestors, done);
      if (child !== record[key] || child === null) (changed ??= new Map()).set(key, child);
    }
    // Object.fromEntries defines keys such as "__proto__" as plain properties.
    if (changed) {
      out = Object.fromEntries(
        keys.map((key) => [key, changed.has(key) ? changed.get(key) : record[key]] as const).filter(([, child]) => child !== null),
      );
    }
  }
  ancestors.delete(value);
  done.set(value, out);
  return out;
}

/** "v1.34.2" -> 1034, for ordering and distance; undefined when not a version. */
function minorOf(version: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}

export class SchemaStore {
  readonly dir: string;
  private readonly index: SchemaIndex;
  private readonly ajv: Ajv;
  private readonly cache?: ValidatorCache;
  private readonly files = new Map<string, { doc: SchemaFile; digest: string; inAjv: boolean }>();
  private readonly validators = new Map<string, ValidateFunction>();
  /** Added kinds by "<apiVersion>/<Kind>": they take precedence over shipped ones. */
  private readonly added = new Map<string, SchemaLocation>();

  constructor(options: SchemaStoreOptions = {}) {
    this.dir = options.schemaDir ?? defaultSchemaDir();
    this.index = JSON.parse(this.readText('index.json')) as SchemaIndex;
    const ajvOptions = {
      allErrors: true,
      verbose: true,
      strictSchema: true,
      strictTypes: false,
      strictTuples: false,
      strictRequired: false,
      allowUnionTypes: true,
      validateSchema: false,
      // Compile time dominates (a validator runs a few times per repo): one function per shared definition,
      // and no code optimisation passes. Measured about 2x faster to compile a Deployment.
      inlineRefs: false,
      code: { optimize: false, source: options.cacheDir !== undefined },
    } as const;
    this.ajv = new Ajv(ajvOptions);
    // ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
    const addFormats = (formatsPlugin as unknown as { default: FormatsPlugin }).default;
    addFormats(this.ajv, FORMATS);
    this.ajv.addFormat('date-time', DATE_TIME);
    // `kinds` is the generated files' index of kind schemas: ajv compiles a file's root when resolving into it.
    this.ajv.addVocabulary([...ANNOTATIONS, 'kinds']);
    if (options.cacheDir !== undefined) {
      const setup = JSON.stringify([ajvOptions, FORMATS, DATE_TIME.source, ANNOTATIONS]);
      this.cache = new ValidatorCache(options.cacheDir, setup);
    }
  }

  /** Kubernetes minors with built-in schemas, oldest first, e.g. ["1.33", "1.34", "1.35"]. */
  kubernetesVersions(): string[] {
    return Object.keys(this.index.kubernetes).sort((a, b) => (minorOf(a) ?? 0) - (minorOf(b) ?? 0));
  }

  /** The shipped minor for a requested version: exact, else the nearest (older or newer), else the newest. */
  resolveKubernetesVersion(requested?: string): string {
    const versions = this.kubernetesVersions();
    const newest = versions[versions.length - 1];
    if (newest === undefined) throw new Error(`gitops-lint: no Kubernetes schemas in ${this.dir}`);
    const wanted = requested === undefined ? undefined : minorOf(requested);
    if (wanted === undefined) return newest;
    const distance = (v: string) => Math.abs((minorOf(v) ?? 0) - wanted);
    return versions.reduce((best, v) => (distance(v) < distance(best) ? v : best), newest);
  }

  /** Every "<apiVersion>/<Kind>" with a schema: added kinds, CRDs plus the built-ins of the given (resolved) Kubernetes minor. */
  knownKinds(kubernetesVersion?: string): string[] {
    const minor = this.resolveKubernetesVersion(kubernetesVersion);
    const builtins = Object.keys(this.load(this.index.kubernetes[minor]!).kinds);
    return [...new Set([...this.added.keys(), ...Object.keys(this.index.crds), ...builtins])].sort();
  }

  /**
   * Adds schemas for kinds that are not shipped or replaces shipped ones; `source` names where they come from
   * (a file of the repo, a schema folder). A kind added twice keeps its first schema.
   */
  addSchemas(schemas: AddedSchemas, source: string): void {
    const file = `added/${this.files.size}.json`;
    const doc: SchemaFile = { definitions: schemas.definitions ?? {}, kinds: schemas.kinds };
    const digest = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
    this.files.set(file, { doc, digest, inAjv: false });
    for (const key of Object.keys(schemas.kinds)) {
      if (!this.added.has(key)) this.added.set(key, { file, pointer: `/kinds/${pointerSegment(key)}`, source });
    }
  }

  /** ObjectMeta and the definitions it references, as shipped with the CRD schemas: what converted CRDs refer to. */
  objectMetaDefinitions(): Record<string, AnySchemaObject> {
    const first = Object.values(this.index.crds)[0];
    return first ? this.load(first.file).definitions : {};
  }

  /** Where the schema for apiVersion/kind is (added first, then shipped), or undefined when there is none. */
  locate(apiVersion: string, kind: string, kubernetesVersion?: string): SchemaLocation | undefined {
    const key = `${apiVersion}/${kind}`;
    const added = this.added.get(key);
    if (added) return added;
    const crd = this.index.crds[key];
    if (crd) return { file: crd.file, pointer: `/kinds/${pointerSegment(key)}`, source: crd.source };
    const minor = this.resolveKubernetesVersion(kubernetesVersion);
    const file = this.index.kubernetes[minor]!;
    const definition = this.load(file).kinds[key];
    if (typeof definition !== 'string') return undefined;
    return { file, pointer: `/definitions/${pointerSegment(definition)}`, source: `kubernetes ${minor}` };
  }

  /**
   * Validates one object. Returns undefined when no schema is shipped for its apiVersion/kind,
   * else the errors (empty when valid).
   */
  validate(value: unknown, options: ValidateOptions): SchemaError[] | undefined {
    const location = this.locate(options.apiVersion, options.kind, options.kubernetesVersion);
    if (!location) return undefined;
    const validator = this.compile(location);
    const data = withoutNullFields(value);
    if (validator(data)) return [];
    return toSchemaErrors(validator.errors ?? [], data, {
      partial: options.partial === true,
      redact: options.kind === 'Secret',
      substitution: options.substitution === true,
      encrypted: options.encrypted === true,
    });
  }

  /** The compiled validator for a location (compiled once per store, or loaded from the disk cache). */
  compile(location: SchemaLocation): ValidateFunction {
    const id = `${ID_BASE}${location.file}#${location.pointer}`;
    let validator = this.validators.get(id);
    if (validator) return validator;
    const file = this.file(location.file);
    const key = this.cache?.key(file.digest, location.pointer);
    validator = key === undefined ? undefined : this.cache?.load(key);
    if (!validator) {
      if (!file.inAjv) {
        this.ajv.addSchema(file.doc as unknown as AnySchemaObject, `${ID_BASE}${location.file}`);
        file.inAjv = true;
      }
      validator = this.ajv.compile({ $ref: id });
      if (key !== undefined) this.cache?.save(key, this.ajv, validator);
    }
    this.validators.set(id, validator);
    return validator;
  }

  /**
   * The uncompiled schema at a location, with its file's `definitions` to resolve `#/definitions/...` refs
   * (for evaluators that walk the schema themselves, like the CEL `x-kubernetes-validations` one).
   */
  rawSchema(location: SchemaLocation): { schema: AnySchemaObject; definitions: Record<string, AnySchemaObject> } {
    const doc = this.load(location.file);
    let node: unknown = doc;
    for (const segment of location.pointer.split('/').slice(1)) {
      node = (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return { schema: node as AnySchemaObject, definitions: doc.definitions };
  }

  private load(file: string): SchemaFile {
    return this.file(file).doc;
  }

  private file(file: string): { doc: SchemaFile; digest: string; inAjv: boolean } {
    let entry = this.files.get(file);
    if (!entry) {
      const text = this.readText(file);
      const digest = createHash('sha256').update(text).digest('hex');
      entry = { doc: JSON.parse(text) as SchemaFile, digest, inAjv: false };
      this.files.set(file, entry);
    }
    return entry;
  }

  private readText(file: string): string {
    const full = path.join(this.dir, file);
    try {
      return fs.readFileSync(full, 'utf8');
    } catch (err) {
      throw new Error(`gitops-lint: cannot read schema file ${full}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
