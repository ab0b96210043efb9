/**
 * Reading the committed CRD schema files as the converter wrote them: the generator moves subschemas a group's
 * kinds share into `definitions` (scripts/share-subschemas.mjs); these helpers put them back.
 */
import fs from 'node:fs';
import path from 'node:path';

export const COMMITTED_SCHEMAS = path.resolve(import.meta.dirname, '..', '..', 'schemas');

export interface SchemaFile {
  definitions: Record<string, unknown>;
  kinds: Record<string, unknown>;
}

export function readSchemaFile(rel: string): SchemaFile {
  return JSON.parse(fs.readFileSync(path.join(COMMITTED_SCHEMAS, rel), 'utf8')) as SchemaFile;
}

const SHARED_REF = /^#\/definitions\/(shared\..+)$/;

/** `node` with every `$ref` to a shared definition replaced by that definition, recursively. */
export function inlineShared(node: unknown, definitions: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((n) => inlineShared(n, definitions));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  const name = typeof ref === 'string' ? SHARED_REF.exec(ref)?.[1] : undefined;
  if (name !== undefined) {
    if (!(name in definitions)) throw new Error(`dangling $ref ${ref as string}`);
    return inlineShared(definitions[name], definitions);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineShared(v, definitions)]));
}

/** The kind's schema as convertCrd produced it, before sharing. */
export function unsharedKind(file: SchemaFile, key: string): unknown {
  return inlineShared(file.kinds[key], file.definitions);
}
