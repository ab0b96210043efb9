/**
 * Finds the schema of each apiVersion/kind for one lint run, in this order: user folders (--schema-location,
 * config schemaLocations), CustomResourceDefinitions found in the repo, then the shipped schemas. User and in-repo
 * schemas are converted and added to the store only when a kind needs them.
 */
import type { AnySchemaObject } from 'ajv';
import { CRD_API_VERSION, crdVersionKeys } from '../k8s/identity.js';
import { convertCrd, type ConvertedCrdVersion } from './convert.js';
import type { SchemaLocation, SchemaStore } from './store.js';
import { UserSchemas } from './user-schemas.js';

export type SchemaLookup = { location: SchemaLocation } | { error: string } | undefined;

/** A document that may be a CustomResourceDefinition: its parsed value and the file that holds it (named in messages). */
export interface SourceDocument {
  apiVersion?: string;
  kind?: string;
  value: unknown;
  file: string;
}


export class SchemaResolver {
  readonly kubernetesVersion: string;
  private readonly user: UserSchemas;
  /** "<apiVersion>/<Kind>" -> the first CRD document (file order) serving it. */
  private readonly crdDocs = new Map<string, SourceDocument>();
  /** Converted versions by CRD value (a patched copy converts on its own). */
  private readonly converted = new Map<unknown, ConvertedCrdVersion[]>();
  private readonly lookups = new Map<string, SchemaLookup>();
  /** Per CRD value (one cluster's copy): "<apiVersion>/<Kind>" -> its scoped schema. */
  private readonly scoped = new Map<unknown, Map<string, SchemaLookup>>();

  constructor(
    readonly store: SchemaStore,
    documents: Iterable<SourceDocument>,
    options: { kubernetesVersion?: string; schemaLocations?: readonly string[] },
  ) {
    this.kubernetesVersion = store.resolveKubernetesVersion(options.kubernetesVersion);
    this.user = new UserSchemas(options.schemaLocations ?? []);
    for (const doc of documents) {
      if (doc.kind !== 'CustomResourceDefinition' || doc.apiVersion !== CRD_API_VERSION) continue;
      for (const key of crdVersionKeys(doc.value)) if (!this.crdDocs.has(key)) this.crdDocs.set(key, doc);
    }
  }

  /** The schema for apiVersion/kind, an error when a user schema for it is unusable, or undefined when there is none. */
  lookup(apiVersion: string, kind: string): SchemaLookup {
    const key = `${apiVersion}/${kind}`;
    if (!this.lookups.has(key)) this.lookups.set(key, this.find(apiVersion, kind, key));
    return this.lookups.get(key);
  }

  private find(apiVersion: string, kind: string, key: string): SchemaLookup {
    const user = this.user.find(apiVersion, kind);
    if (user && 'error' in user) return { error: `schema file ${user.file} is unusable: ${user.error}` };
    if (user) {
      this.store.addSchemas({ kinds: { [key]: user.schema as AnySchemaObject } }, user.file);
      return this.located(apiVersion, kind);
    }
    const crd = this.crdDocs.get(key);
    const version = crd && this.convertedCrd(crd).find((v) => v.key === key);
    if (crd && version) {
      const definitions = this.store.objectMetaDefinitions();
      this.store.addSchemas({ definitions, kinds: { [key]: version.schema as AnySchemaObject } }, `CustomResourceDefinition in ${crd.file}`);
    }
    return this.located(apiVersion, kind);
  }

  /**
   * The schema of apiVersion/kind in a CustomResourceDefinition as one cluster has it (patched by its builds): a
   * cluster that applies its own CRD validates its objects with that one, not with another cluster's or the bundled one.
   * Undefined when the CRD does not serve that version with a schema.
   */
  lookupInCrd(apiVersion: string, kind: string, crd: SourceDocument): SchemaLookup {
    let byKey = this.scoped.get(crd.value);
    if (!byKey) this.scoped.set(crd.value, (byKey = new Map()));
    const key = `${apiVersion}/${kind}`;
    if (!byKey.has(key)) {
      const version = this.convertedCrd(crd).find((v) => v.key === key);
      byKey.set(
        key,
        version ? { location: this.store.addScopedSchema(this.store.objectMetaDefinitions(), version.schema as AnySchemaObject, `CustomResourceDefinition in ${crd.file}`) } : undefined,
      );
    }
    return byKey.get(key);
  }

  private located(apiVersion: string, kind: string): SchemaLookup {
    const location = this.store.locate(apiVersion, kind, this.kubernetesVersion);
    return location ? { location } : undefined;
  }

  private convertedCrd(doc: SourceDocument): ConvertedCrdVersion[] {
    let versions = this.converted.get(doc.value);
    if (!versions) {
      versions = convertCrd(doc.value);
      this.converted.set(doc.value, versions);
    }
    return versions;
  }
}
