/**
 * Schema nodes and manifest values as the Kubernetes CEL runtime sees them: `$ref`s resolved, integers as int
 * (bigint), property names escaped (`namespace` -> `__namespace__`), null fields unset, schema defaults applied.
 * Strings holding a Flux `${VAR}` placeholder are watched: reading one marks the evaluation as depending on it.
 */
import type { AnySchemaObject } from 'ajv';

export type SchemaNode = AnySchemaObject;

const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import',
  'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);
const ESCAPABLE = /^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/;
const ESCAPES: Record<string, string> = { __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' };

/** A property name as CEL reads it, or undefined when CEL cannot address it. */
export function escapePropertyName(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`;
  if (!ESCAPABLE.test(name)) return undefined;
  return name.replace(/__|[.\-/]/g, (m) => ESCAPES[m]!);
}

/** Follows `$ref`s (`#/definitions/<name>`) to the schema node they name. */
export function resolve(node: SchemaNode | undefined, definitions: Record<string, SchemaNode>): SchemaNode | undefined {
  for (let depth = 0; node && typeof node.$ref === 'string' && depth < 32; depth++) {
    node = definitions[(node.$ref as string).replace(/^#\/definitions\//, '')];
  }
  return node;
}

/** The node and its `allOf` members: the parts whose structure and rules all apply to one value. */
export function schemaParts(node: SchemaNode | undefined, definitions: Record<string, SchemaNode>): SchemaNode[] {
  const resolved = resolve(node, definitions);
  if (!resolved || typeof resolved !== 'object') return [];
  const members = Array.isArray(resolved.allOf) ? (resolved.allOf as SchemaNode[]).flatMap((m) => schemaParts(m, definitions)) : [];
  return [resolved, ...members];
}

/** The schema of property `key` (declared, else additionalProperties), or undefined when the schema says nothing. */
export function propertySchema(parts: SchemaNode[], key: string): SchemaNode | undefined {
  for (const p of parts) {
    const properties = p.properties as Record<string, SchemaNode> | undefined;
    if (properties && Object.hasOwn(properties, key)) return properties[key];
  }
  for (const p of parts) if (p.additionalProperties && typeof p.additionalProperties === 'object') return p.additionalProperties as SchemaNode;
  return undefined;
}

export function itemSchema(parts: SchemaNode[]): SchemaNode | undefined {
  for (const p of parts) if (p.items && typeof p.items === 'object' && !Array.isArray(p.items)) return p.items as SchemaNode;
  return undefined;
}

/** Set when an evaluation read a string holding `${`. */
export interface Taint {
  touched: boolean;
}

export const isTemplated = (v: unknown): boolean => typeof v === 'string' && v.includes('${');

export class CelConverter {
  private readonly memo = new Map<unknown, unknown>();

  constructor(
    private readonly definitions: Record<string, SchemaNode>,
    private readonly taint: Taint,
  ) {}

  /** `value` (schema `node`) as a CEL value. Objects are converted once per converter. */
  convert(node: SchemaNode | undefined, value: unknown): unknown {
    if (value === null || typeof value !== 'object') return this.scalar(schemaParts(node, this.definitions), value);
    let out = this.memo.get(value);
    if (out === undefined) {
      // Marks the value as in progress so an aliased cycle in the YAML ends instead of recursing forever.
      this.memo.set(value, null);
      out = this.container(schemaParts(node, this.definitions), value);
      this.memo.set(value, out);
    }
    return out;
  }

  private scalar(parts: SchemaNode[], value: unknown): unknown {
    if (typeof value !== 'number') return value;
    const double = parts.some((p) => p.type === 'number');
    return Number.isInteger(value) && !double ? BigInt(value) : value;
  }

  private container(parts: SchemaNode[], value: object): unknown {
    const templated: PropertyKey[] = [];
    let out: unknown[] | Record<string, unknown>;
    if (Array.isArray(value)) {
      const items = itemSchema(parts);
      out = value.map((item, i) => {
        if (isTemplated(item)) templated.push(String(i));
        return this.convert(items, item);
      });
    } else {
      out = {};
      for (const [key, child] of Object.entries(value)) {
        if (child === null) continue;
        // Declared fields are escaped; map keys (additionalProperties) are data and stay as written.
        const name = isDeclared(parts, key) ? escapePropertyName(key) : key;
        if (name === undefined) continue;
        if (isTemplated(child)) templated.push(name);
        out[name] = this.convert(propertySchema(parts, key), child);
      }
      for (const p of parts) {
        for (const [key, schema] of Object.entries((p.properties ?? {}) as Record<string, SchemaNode>)) {
          const name = escapePropertyName(key);
          if (name !== undefined && !Object.hasOwn(out, name) && schema && schema.default !== undefined) out[name] = this.convert(schema, schema.default);
        }
      }
    }
    return templated.length > 0 ? this.watch(out, new Set(templated)) : out;
  }

  /** A proxy that records in the taint when one of the `${`-holding entries is read. */
  private watch<T extends object>(target: T, keys: Set<PropertyKey>): T {
    const taint = this.taint;
    return new Proxy(target, {
      get(t, key, receiver) {
        if (keys.has(key)) taint.touched = true;
        return Reflect.get(t, key, receiver) as unknown;
      },
    });
  }
}

function isDeclared(parts: SchemaNode[], key: string): boolean {
  return parts.some((p) => p.properties && Object.hasOwn(p.properties as object, key));
}
