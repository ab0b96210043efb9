/**
 * A migration is only offered when its edit is proved right on the text: the edited document parses, its value is
 * exactly the value the migration means (computed apart, on plain data), and it holds as many comments as before.
 */
import { parseDocument } from 'yaml';
import type { Fix } from '../../finding.js';
import { commentCount, smallestFix } from './text.js';

/** A fix, or why none is offered (said in the finding's message). */
export type Migration = { fix: Fix } | { refused: string };

/** Plain data with mapping keys sorted, for comparing values whose key order may differ. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * Checks `after` (the document's edited text) against `expected` and returns the smallest fix of the file.
 * `normalize` maps both values before comparing (e.g. a patch written as text is compared as the data it holds).
 */
export function verifiedFix(before: string, after: string, docStart: number, expected: unknown, normalize: (v: unknown) => unknown = (v) => v): Migration {
  if (after === before) return { refused: 'nothing to migrate' };
  const parsed = parseDocument(after, { uniqueKeys: false });
  if (parsed.errors.length > 0) return { refused: `the rewritten document would not parse (${parsed.errors[0]!.message})` };
  if (!sameValue(normalize(parsed.toJS()), normalize(expected))) return { refused: 'the rewritten document would not hold the migrated value' };
  if (commentCount(after) !== commentCount(before)) return { refused: 'the rewrite would lose a comment' };
  return { fix: smallestFix(before, after, docStart) };
}
