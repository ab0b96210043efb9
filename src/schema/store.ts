/**
 * Validates Kubernetes objects against the schemas generated into the package's `schemas/` folder
 * (scripts/generate-schemas.mjs). Files are read and compiled lazily, only for the kinds a repo uses; compiled
 * validators are cached in memory and, with `cacheDir`, on disk across runs. The parts live next door: reading the
 * files (files.ts), the ajv setup (ajv.ts), the disk cache (cache.ts), null stripping (nulls.ts), picking the
 * Kubernetes minor (versions.ts), error messages (messages.ts).
 */
import type { Ajv, AnySchemaObject, ValidateFunction } from 'ajv';
import type { PathSegment } from '../util/json-path.js';
import { createCompiler } from './ajv.js';
import { ValidatorCache } from './cache.js';
import { applySchemaDelta, defaultSchemaDir, digestOf, isSchemaDelta, pointerSegment, readSchemaText, type SchemaFile, type SchemaIndex } from './files.js';
import { toSchemaErrors, type SchemaError } from './messages.js';
import { withoutNullFields } from './nulls.js';
import { nearestMinor, sortMinors } from './versions.js';

export { defaultSchemaDir } from './files.js';

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
  /** Validate against this schema instead of the one located by apiVersion/kind (see addScopedSchema). */
  location?: SchemaLocation;
  /** Values at or under these paths came from a Secret (post-build substitution): messages never print them. */
  redactPaths?: PathSegment[][];
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

/** Schemas that are not shipped (CRDs found in a repo, files from --schema-location), added at run time. */
export interface AddedSchemas {
  /** Definitions the kinds refer to with `#/definitions/<name>` (ObjectMeta for CRDs). */
  definitions?: Record<string, AnySchemaObject>;
  /** "<apiVersion>/<Kind>" -> schema. */
  kinds: Record<string, AnySchemaObject>;
}

const ID_BASE = 'https://gitops-lint.invalid/schemas/';

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
    this.index = JSON.parse(readSchemaText(this.dir, 'index.json')) as SchemaIndex;
    const { ajv, setup } = createCompiler({ source: options.cacheDir !== undefined });
    this.ajv = ajv;
    if (options.cacheDir !== undefined) this.cache = new ValidatorCache(options.cacheDir, setup);
  }

  /** Kubernetes minors with built-in schemas, oldest first, e.g. ["1.30", ..., "1.35"]. */
  kubernetesVersions(): string[] {
    return sortMinors(Object.keys(this.index.kubernetes));
  }

  /** The shipped minor for a requested version: exact, else the nearest (older or newer), else the newest. */
  resolveKubernetesVersion(requested?: string): string {
    const minor = nearestMinor(this.kubernetesVersions(), requested);
    if (minor === undefined) throw new Error(`gitops-lint: no Kubernetes schemas in ${this.dir}`);
    return minor;
  }

  /** Every "<apiVersion>/<Kind>" with a schema: added kinds, CRDs plus the built-ins of the given (resolved) Kubernetes minor. */
  knownKinds(kubernetesVersion?: string): string[] {
    const minor = this.resolveKubernetesVersion(kubernetesVersion);
    const builtins = Object.keys(this.load(this.index.kubernetes[minor]!).kinds);
    return [...new Set([...this.added.keys(), ...Object.keys(this.index.crds), ...builtins])].sort();
  }

  /** Every "<apiVersion>/<Kind>" Kubernetes itself serves in the given (resolved) minor: no CRD, nothing added. */
  builtinKinds(kubernetesVersion?: string): string[] {
    return Object.keys(this.load(this.index.kubernetes[this.resolveKubernetesVersion(kubernetesVersion)]!).kinds);
  }

  /**
   * Adds schemas for kinds that are not shipped or replaces shipped ones; `source` names where they come from
   * (a file of the repo, a schema folder). A kind added twice keeps its first schema.
   */
  /**
   * A schema used only where its caller says (a CRD as one cluster has it): not found by locate(), validated through
   * `ValidateOptions.location`.
   */
  addScopedSchema(definitions: Record<string, AnySchemaObject>, schema: AnySchemaObject, source: string): SchemaLocation {
    const file = `added/${this.files.size}.json`;
    const doc: SchemaFile = { definitions, kinds: { scoped: schema } };
    this.files.set(file, { doc, digest: digestOf(JSON.stringify(doc)), inAjv: false });
    return { file, pointer: '/kinds/scoped', source };
  }

  addSchemas(schemas: AddedSchemas, source: string): void {
    const file = `added/${this.files.size}.json`;
    const doc: SchemaFile = { definitions: schemas.definitions ?? {}, kinds: schemas.kinds };
    const digest = digestOf(JSON.stringify(doc));
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
    const location = options.location ?? this.locate(options.apiVersion, options.kind, options.kubernetesVersion);
    if (!location) return undefined;
    const validator = this.compile(location);
    const data = withoutNullFields(value);
    if (validator(data)) return [];
    return toSchemaErrors(validator.errors ?? [], data, {
      partial: options.partial === true,
      redact: options.kind === 'Secret',
      redactPaths: options.redactPaths,
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
      const text = readSchemaText(this.dir, file);
      const doc = JSON.parse(text) as SchemaFile;
      if (isSchemaDelta(doc)) {
        // A minor stored as its differences from the newest: whole again, keyed (disk cache) by both files' texts.
        const base = this.file(doc.base);
        entry = { doc: applySchemaDelta(base.doc, doc), digest: digestOf(`${base.digest}\0${digestOf(text)}`), inAjv: false };
      } else {
        entry = { doc, digest: digestOf(text), inAjv: false };
      }
      this.files.set(file, entry);
    }
    return entry;
  }
}
