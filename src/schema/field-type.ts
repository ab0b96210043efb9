/** What a kind's schema declares for the field at a path: the type the API server decodes a value of that field into. */
import type { PathSegment } from '../util/json-path.js';
import { itemSchema, propertySchema, schemaParts, type SchemaNode } from './cel/values.js';

export interface DeclaredField {
  /** JSON schema types of the field (`string`, `boolean`, ...); empty when the schema leaves it open. */
  types: string[];
  format?: string;
}

/**
 * The declared type of the field at `path` of an object of `schema` (`$ref`s resolved in `definitions`), or undefined
 * when the schema says nothing about it (unknown field, preserved unknown fields such as HelmRelease values).
 */
export function declaredField(schema: SchemaNode, definitions: Record<string, SchemaNode>, path: readonly PathSegment[]): DeclaredField | undefined {
  let parts = schemaParts(schema, definitions);
  for (const segment of path) {
    const next = typeof segment === 'number' ? itemSchema(parts) : propertySchema(parts, segment);
    if (!next) return undefined;
    parts = schemaParts(next, definitions);
  }
  const types = parts.flatMap((p) => (Array.isArray(p.type) ? (p.type as unknown[]) : [p.type])).filter((t): t is string => typeof t === 'string');
  const format = parts.map((p) => p.format).find((f): f is string => typeof f === 'string');
  return format === undefined ? { types } : { types, format };
}
