/**
 * kustomize `replacements` (api/filters/replacement): the value at `source.fieldPath` of the one object the source
 * selects is written to `fieldPaths` of every object a target selects and no `reject` selects. Field paths are
 * kustomize's: dot-separated, where a segment `[key=value]` picks the list element with that field and a number picks
 * by index (kyaml/utils SmarterPathSplitter: dots inside brackets do not split).
 */
import { selectsTarget, type PatchSubject, type PatchTarget } from './patch.js';
import type { Replacement } from './transforms.js';
import { isRecord as isObj } from '../util/values.js';


export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    if (c === ']') depth = Math.max(0, depth - 1);
    if (c === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.filter((s) => s !== '');
}

function step(node: unknown, segment: string): unknown {
  const match = /^\[([^=\]]+)=([^\]]*)\]$/.exec(segment);
  if (match) return Array.isArray(node) ? node.find((e) => isObj(e) && String(e[match[1]!]) === match[2]) : undefined;
  if (Array.isArray(node)) return /^\d+$/.test(segment) ? node[Number(segment)] : undefined;
  return isObj(node) ? node[segment] : undefined;
}

export function getField(value: unknown, path: string): unknown {
  let node = value;
  for (const segment of splitFieldPath(path)) node = step(node, segment);
  return node;
}

/** A copy of `value` with the field set; unchanged when the path does not exist and `create` is off. */
export function setField(value: unknown, path: string, field: unknown, create: boolean): unknown {
  const segments = splitFieldPath(path);
  const set = (node: unknown, i: number): unknown => {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const match = /^\[([^=\]]+)=([^\]]*)\]$/.exec(segment);
      const index = match ? node.findIndex((e) => isObj(e) && String(e[match[1]!]) === match[2]) : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (index < 0 || index >= node.length) return node;
      const copy = [...node];
      copy[index] = last ? field : set(node[index], i + 1);
      return copy;
    }
    if (!isObj(node)) return node;
    if (!(segment in node) && !create) return node;
    if (segment.startsWith('[')) return node;
    const child = last ? field : set(node[segment] ?? (create ? {} : undefined), i + 1);
    return child === node[segment] ? node : { ...node, [segment]: child };
  };
  return segments.length === 0 ? value : set(value, 0);
}

/** One delimited part of a string replaced (options.delimiter/index). */
function replacePart(current: unknown, field: unknown, delimiter: string | undefined, index: number): unknown {
  if (delimiter === undefined || typeof current !== 'string') return field;
  const parts = current.split(delimiter);
  if (index < 0 || index >= parts.length) return current;
  parts[index] = String(field);
  return parts.join(delimiter);
}

/** The values after the replacements; `subjects[i].value` is replaced by the returned `values[i]`. */
export function applyReplacements(subjects: PatchSubject[], replacements: Replacement[]): unknown[] {
  const values = subjects.map((s) => s.value);
  for (const r of replacements) {
    const sources = subjects.map((s, i) => ({ s, i })).filter(({ s, i }) => selectsTarget(r.source.selector, { ...s, value: values[i] }));
    // kustomize requires exactly one source object.
    if (sources.length !== 1) continue;
    const field = getField(values[sources[0]!.i], r.source.fieldPath);
    if (field === undefined) continue;
    for (const t of r.targets) {
      subjects.forEach((s, i) => {
        const current = { ...s, value: values[i] };
        if (!selectsTarget(t.select, current) || t.reject.some((rej: PatchTarget) => selectsTarget(rej, current))) return;
        for (const path of t.fieldPaths) {
          const next = replacePart(getField(values[i], path), field, t.delimiter, t.index);
          values[i] = setField(values[i], path, next, t.create);
        }
      });
    }
  }
  return values;
}
