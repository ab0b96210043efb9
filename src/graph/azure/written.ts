/** Walking a parsed value together with its position tree: child values keep their own nodes. */
import { isExpression } from '../../load/iac/scan.js';
import type { YNode } from '../../load/types.js';
import type { Written } from './model.js';
import { isRecord as isObj } from '../../util/values.js';
export { isObj };

type Obj = Record<string, unknown>;

/** The value at `key` of a mapping, with its node (the last of duplicate keys, as the value holds). */
export function child(w: Written | undefined, key: string): Written | undefined {
  if (!w || !isObj(w.value) || !(key in w.value)) return undefined;
  const entry = w.node.entries?.findLast((e) => e.key === key);
  return { value: w.value[key], node: entry?.value ?? w.node };
}

/** The key node of `key` in a mapping, else the mapping's node. */
export function keyNode(w: Written, key: string): YNode {
  return w.node.entries?.findLast((e) => e.key === key)?.keyNode ?? w.node;
}

export function items(w: Written | undefined): Written[] {
  if (!w || !Array.isArray(w.value)) return [];
  return w.value.map((value, i) => ({ value, node: w.node.items?.[i] ?? w.node }));
}

/** Entries of a mapping: key (with its key node) and value. */
export function entries(w: Written | undefined): { key: Written<string>; value: Written }[] {
  if (!w || !isObj(w.value)) return [];
  return (w.node.entries ?? [])
    .filter((e, i, all) => all.findLastIndex((o) => o.key === e.key) === i)
    .map((e) => ({ key: { value: e.key, node: e.keyNode }, value: { value: (w.value as Obj)[e.key], node: e.value } }));
}

/** A literal string (not an expression), else undefined. */
export function text(w: Written | undefined): string | undefined {
  return typeof w?.value === 'string' && w.value !== '' ? w.value : undefined;
}

/** Present and not null (Bicep and ARM write `null` for "not set"). */
export function given(w: Written | undefined): Written | undefined {
  return w && w.value !== null && w.value !== undefined ? w : undefined;
}

export function literal(v: unknown): boolean {
  return !isExpression(v);
}
