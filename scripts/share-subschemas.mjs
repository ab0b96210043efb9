/**
 * Moves subschemas that occur more than once in one generated CRD file into its `definitions`, replacing each
 * occurrence with a `$ref`. Operators embed the same Go types many times (a Pod template in Prometheus,
 * Alertmanager and ThanosRuler; the same TLS and secret-reference structs in every Envoy Gateway policy; one
 * schema for ClusterSecretStore and SecretStore): sharing them halves the large files and, since the store
 * compiles each definition once (ajv `inlineRefs: false`), the compile time and code size of a kind.
 *
 * Only values of `properties`, `patternProperties`, `items` and `additionalProperties` are shared, never
 * anything inside allOf/anyOf/oneOf/not: the messages code relates a combinator's branch errors to it by schema
 * path, which a `$ref` inside a branch would break. Names are `shared.<property>.<content hash>`, so the output
 * does not depend on the order subschemas are found in.
 */
import { createHash } from 'node:crypto';

/** Smaller subschemas are not worth a `$ref` (and a function call per validated value). */
const MIN_CHARS = 200;
const MAP_KEYS = ['properties', 'patternProperties'];

const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sorted-key JSON of a schema node, memoised per node object. */
function canonicalizer() {
  const memo = new WeakMap();
  const sortKeys = (value) => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (!isRecord(value)) return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  };
  return (node) => {
    let text = memo.get(node);
    if (text === undefined) memo.set(node, (text = JSON.stringify(sortKeys(node))));
    return text;
  };
}

/**
 * The shareable children of a schema node, with the property name each stands for. allOf/anyOf/oneOf/not
 * branches are not walked, so nothing inside them is shared.
 */
function* children(node, hint) {
  for (const key of MAP_KEYS) {
    if (!isRecord(node[key])) continue;
    for (const name of Object.keys(node[key]).sort()) if (isRecord(node[key][name])) yield { node: node[key][name], hint: name, at: [key, name] };
  }
  if (isRecord(node.items)) yield { node: node.items, hint, at: ['items'] };
  if (isRecord(node.additionalProperties)) yield { node: node.additionalProperties, hint, at: ['additionalProperties'] };
}

/**
 * @param kinds "<group>/<version>/<Kind>" -> converted schema (not modified)
 * @returns the kinds with shared subschemas replaced by `$ref`s, and the definitions they refer to
 */
export function shareSubschemas(kinds) {
  const canon = canonicalizer();
  const roots = Object.keys(kinds)
    .sort()
    .map((key) => kinds[key]);

  // Every occurrence of each subschema big enough to share.
  const counts = new Map();
  const count = (node, hint) => {
    for (const child of children(node, hint)) {
      const text = canon(child.node);
      if (text.length >= MIN_CHARS) counts.set(text, (counts.get(text) ?? 0) + 1);
      count(child.node, child.hint);
    }
  };
  roots.forEach((root) => count(root, 'root'));

  // A subschema that repeats only because its parent does occurs once after the parent is shared: recount the
  // occurrences left once the shared candidates are cut out (each definition's body counted once), until stable.
  let shared = new Set([...counts].filter(([, n]) => n > 1).map(([text]) => text));
  for (;;) {
    const left = new Map();
    const bodies = new Set();
    const visit = (node, hint) => {
      for (const child of children(node, hint)) {
        const text = canon(child.node);
        if (!shared.has(text)) {
          visit(child.node, child.hint);
          continue;
        }
        left.set(text, (left.get(text) ?? 0) + 1);
        if (!bodies.has(text)) {
          bodies.add(text);
          visit(child.node, child.hint);
        }
      }
    };
    roots.forEach((root) => visit(root, 'root'));
    const next = new Set([...shared].filter((text) => left.get(text) > 1));
    if (next.size === shared.size) break;
    shared = next;
  }

  const definitions = {};
  const names = new Map();
  const nameOf = (text, hint) => {
    let name = names.get(text);
    if (!name) {
      const label = /^[A-Za-z0-9_-]+$/.test(hint) ? hint : 'schema';
      name = `shared.${label}.${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
      names.set(text, name);
    }
    return name;
  };
  const rewrite = (node, hint) => {
    const out = { ...node };
    for (const key of MAP_KEYS) if (isRecord(node[key])) out[key] = { ...node[key] };
    for (const child of children(node, hint)) {
      const text = canon(child.node);
      let value;
      if (shared.has(text)) {
        const name = nameOf(text, child.hint);
        if (!(name in definitions)) definitions[name] = rewrite(child.node, child.hint);
        value = { $ref: `#/definitions/${name}` };
      } else {
        value = rewrite(child.node, child.hint);
      }
      if (child.at.length === 2) out[child.at[0]][child.at[1]] = value;
      else out[child.at[0]] = value;
    }
    return out;
  };
  const out = Object.fromEntries(
    Object.keys(kinds)
      .sort()
      .map((key) => [key, rewrite(kinds[key], 'root')]),
  );
  return { kinds: out, definitions };
}
