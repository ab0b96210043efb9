/**
 * Converts upstream schemas (Kubernetes OpenAPI v3 components, CRD openAPIV3Schema) into the strict JSON schemas
 * the store validates with, like kubeconform -strict: objects closed unless `x-kubernetes-preserve-unknown-fields`,
 * int-or-string and quantities as anyOf, `nullable` as a null type, Go RE2 patterns translated, CRD metadata as
 * ObjectMeta. One implementation for the generator (scripts/generate-schemas.mjs imports it from dist/) and for
 * CRDs found in a repo at lint time, so both give the same schema for the same CRD.
 */
import { foldCase, translateGoRegex } from './go-regex.js';
import { QUANTITY_PATTERN } from './quantity.js';

export type JsonSchema = Record<string, unknown>;

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
/** Formats ajv-formats checks the way the API server does; every other format is dropped (uri, url, double, "string", ...). */
const KEPT_FORMATS = new Set(['byte', 'date-time', 'int32', 'int64', 'ipv4', 'ipv6']);
/** Documentation-only or unused keys, dropped to keep the output small (`default` stays: CEL rules read defaulted fields). */
const DROPPED_KEYS = new Set([
  'description',
  'example',
  'examples',
  'externalDocs',
  'title',
  'x-kubernetes-group-version-kind',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-unions',
]);
/** Keys whose values are schemas. */
const SCHEMA_KEYS = new Set(['items', 'additionalProperties']);
const SCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions']);

const isRecord = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------------------------
// Go RE2 -> JavaScript patterns

/**
 * Translates a Go RE2 pattern into one JavaScript accepts with the `u` flag (as ajv compiles them),
 * or returns undefined when that is not possible.
 */
export function translatePattern(goPattern: string): string | undefined {
  try {
    const { source, flags } = translateGoRegex(goPattern);
    if (/[ms]/.test(flags)) return undefined; // no way to write these into a flagless pattern
    const pattern = flags.includes('i') ? foldCase(source) : source;
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Schema conversion

interface ConvertContext {
  /** Inside allOf/anyOf/oneOf/not branches, which must not be closed (a branch lists a subset of its parent's properties). */
  inLogic: boolean;
  /** Patterns JavaScript cannot compile, kept as x-go-pattern. */
  dropped: string[];
}

function convertNode(node: unknown, ctx: ConvertContext): unknown {
  if (!isRecord(node)) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (SCHEMA_MAP_KEYS.has(key) && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convertNode(sub, { ...ctx, inLogic: false })]));
    } else if (SCHEMA_LIST_KEYS.has(key) || key === 'not') {
      const branchCtx = { ...ctx, inLogic: true };
      out[key] = Array.isArray(value) ? value.map((sub) => convertNode(sub, branchCtx)) : convertNode(value, branchCtx);
    } else if (SCHEMA_KEYS.has(key) && typeof value === 'object' && value !== null) {
      const childCtx = { ...ctx, inLogic: false };
      out[key] = Array.isArray(value) ? value.map((sub) => convertNode(sub, childCtx)) : convertNode(value, childCtx);
    } else if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', '#/definitions/');
    } else if (key === 'format') {
      if (typeof value === 'string' && KEPT_FORMATS.has(value)) out[key] = value;
    } else if (key === 'pattern' && typeof value === 'string') {
      const translated = translatePattern(value);
      if (translated === undefined) {
        out['x-go-pattern'] = value;
        ctx.dropped.push(value);
      } else {
        out[key] = translated;
      }
    } else {
      out[key] = value;
    }
  }
  return normalize(out, ctx);
}

function normalize(s: JsonSchema, ctx: ConvertContext): JsonSchema {
  // OpenAPI wraps a $ref in allOf to give it a description or default; with those stripped, keep the plain $ref.
  const allOf = s.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && isRecord(allOf[0]) && allOf[0].$ref && Object.keys(allOf[0]).length === 1) {
    s.$ref = allOf[0].$ref;
    delete s.allOf;
  }
  // A oneOf of plain types (IntOrString, Quantity) is an anyOf: same meaning, simpler errors.
  const oneOf = s.oneOf;
  if (Array.isArray(oneOf) && oneOf.every((b) => isRecord(b) && Object.keys(b).length === 1 && typeof b.type === 'string')) {
    s.anyOf = oneOf;
    delete s.oneOf;
  }
  const isQuantity = s.format === 'quantity' || s.pattern === QUANTITY_PATTERN;
  if (s['x-kubernetes-int-or-string'] === true || isQuantity) {
    // Quantities are strings or any number (`cpu: 0.5`); other int-or-string fields are integers or strings.
    s.anyOf = [{ type: isQuantity ? 'number' : 'integer' }, { type: 'string' }];
    delete s.type;
    delete s.format;
  }
  if (s.nullable === true) {
    if (typeof s.type === 'string') s.type = [s.type, 'null'];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
  }
  delete s.nullable;
  if (s['x-kubernetes-embedded-resource'] === true) {
    const properties = isRecord(s.properties) ? s.properties : {};
    const metadata = isRecord(properties.metadata) && properties.metadata.properties ? properties.metadata : { $ref: `#/definitions/${OBJECT_META}` };
    s.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...properties, metadata };
  }
  if (s.properties && !ctx.inLogic && !('additionalProperties' in s) && !s['x-kubernetes-preserve-unknown-fields']) {
    s.additionalProperties = false;
  }
  return s;
}

/** Converts one upstream schema (OpenAPI v3 component or CRD openAPIV3Schema); `dropped` lists untranslatable patterns. */
export function convertSchema(schema: unknown): { schema: JsonSchema; dropped: string[] } {
  const dropped: string[] = [];
  const converted = convertNode(schema, { inLogic: false, dropped });
  return { schema: isRecord(converted) ? converted : {}, dropped };
}

/** One served version of a CRD, converted. */
export interface ConvertedCrdVersion {
  /** "<group>/<version>/<Kind>", the key of the store's index. */
  key: string;
  apiVersion: string;
  kind: string;
  schema: JsonSchema;
}

/**
 * The served versions of an apiextensions.k8s.io/v1 CustomResourceDefinition with a schema, converted; metadata
 * becomes a `$ref` to ObjectMeta, so the schemas need ObjectMeta's definitions next to them.
 * Anything malformed is skipped (a CRD in a repo is user input).
 */
export function convertCrd(crd: unknown, dropped: string[] = []): ConvertedCrdVersion[] {
  if (!isRecord(crd) || crd.kind !== 'CustomResourceDefinition' || !isRecord(crd.spec)) return [];
  const { group, names, versions } = crd.spec;
  if (typeof group !== 'string' || !isRecord(names) || typeof names.kind !== 'string' || !Array.isArray(versions)) return [];
  const out: ConvertedCrdVersion[] = [];
  for (const version of versions) {
    if (!isRecord(version) || typeof version.name !== 'string' || !version.served) continue;
    const schema = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
    if (!isRecord(schema)) continue;
    const converted = convertNode(schema, { inLogic: false, dropped }) as JsonSchema;
    // The API server accepts apiVersion and kind whether or not the CRD's schema lists them.
    const properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...(isRecord(converted.properties) ? converted.properties : {}) };
    converted.properties = { ...properties, metadata: { $ref: `#/definitions/${OBJECT_META}` } };
    out.push({ key: `${group}/${version.name}/${names.kind}`, apiVersion: `${group}/${version.name}`, kind: names.kind, schema: converted });
  }
  return out;
}
