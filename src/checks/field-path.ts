/**
 * Field paths for custom rules: `spec.template.spec.containers[*].image`, `spec.ports[0].port`,
 * `metadata.annotations["fluxcd.io/automated"]`. `[*]` expands over a list (nothing when the list is absent or empty).
 */
import type { PathSegment } from '../load/types.js';

export type PathToken = { key: string } | { index: number } | { any: true };

/** Tokens of a path, or undefined when it is not well formed. */
export function parseFieldPath(text: string): PathToken[] | undefined {
  const tokens: PathToken[] = [];
  const re = /\.?([A-Za-z0-9_$@/-]+)|\[(\*|\d+|"[^"]*"|'[^']*')\]/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m || (m[1] !== undefined && m[0].startsWith('.') === (at === 0))) return undefined;
    at = re.lastIndex;
    const bracket = m[2];
    if (m[1] !== undefined) tokens.push({ key: m[1] });
    else if (bracket === '*') tokens.push({ any: true });
    else if (/^\d+$/.test(bracket!)) tokens.push({ index: Number(bracket) });
    else tokens.push({ key: bracket!.slice(1, -1) });
  }
  return tokens.length > 0 ? tokens : undefined;
}

export interface FieldMatch {
  /** Concrete path; for an absent field, through the first missing segment and any literal segments after it. */
  path: PathSegment[];
  /** False when the field is absent or null (Kubernetes treats null as unset). */
  present: boolean;
  value: unknown;
}

export function resolveFieldPath(root: unknown, tokens: PathToken[]): FieldMatch[] {
  const out: FieldMatch[] = [];
  const walk = (node: unknown, i: number, path: PathSegment[]): void => {
    if (node === undefined || node === null) {
      out.push({ path: [...path, ...literalTail(tokens, i)], present: false, value: undefined });
      return;
    }
    const token = tokens[i];
    if (!token) {
      out.push({ path, present: true, value: node });
      return;
    }
    if ('any' in token) {
      if (Array.isArray(node)) node.forEach((item, n) => walk(item, i + 1, [...path, n]));
      return;
    }
    if ('index' in token) {
      walk(Array.isArray(node) ? node[token.index] : undefined, i + 1, [...path, token.index]);
      return;
    }
    const isMap = typeof node === 'object' && !Array.isArray(node);
    walk(isMap && Object.hasOwn(node, token.key) ? (node as Record<string, unknown>)[token.key] : undefined, i + 1, [...path, token.key]);
  };
  const [first] = tokens;
  if (first) walk(root, 0, []);
  return out;
}

/** Literal segments from token i up to the first `[*]`: how far an absent path can be named. */
function literalTail(tokens: PathToken[], i: number): PathSegment[] {
  const tail: PathSegment[] = [];
  for (const t of tokens.slice(i)) {
    if ('any' in t) break;
    tail.push('key' in t ? t.key : t.index);
  }
  return tail;
}

/** `spec.containers[0].image`, `metadata.annotations["a.b/c"]`. */
export function formatFieldPath(path: PathSegment[]): string {
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z0-9_$@-]+$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`))
    .join('');
}
