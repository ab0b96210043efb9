/**
 * Findings known before (in the base tree, or in a baseline file) are matched by their matchFingerprint, counted:
 * two identical findings now and one before is one new finding.
 */
import type { Finding } from '../finding.js';
import { matchFingerprint } from '../report/fingerprint.js';

/** How many findings have each fingerprint. */
export type FingerprintCounts = Map<string, number>;

export function countFingerprints(findings: readonly Finding[]): FingerprintCounts {
  const counts: FingerprintCounts = new Map();
  for (const f of findings) {
    const key = matchFingerprint(f);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface Split {
  /** Findings not covered by the known counts, in their original order. */
  fresh: Finding[];
  /** Findings that were there before. */
  known: Finding[];
}

/**
 * Splits `findings` into new and known. When a fingerprint has more findings now than before, the surplus is new:
 * those in `changed` files first (the change most likely made them), then the last ones in report order.
 */
export function splitKnown(findings: readonly Finding[], known: FingerprintCounts, changed: ReadonlySet<string> = new Set()): Split {
  const groups = new Map<string, number[]>();
  findings.forEach((f, i) => {
    const key = matchFingerprint(f);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const isNew = new Set<number>();
  for (const [key, indexes] of groups) {
    const surplus = indexes.length - (known.get(key) ?? 0);
    if (surplus <= 0) continue;
    const byLikelyNew = [...indexes].sort((a, b) => Number(changed.has(findings[b]!.file)) - Number(changed.has(findings[a]!.file)) || b - a);
    for (const i of byLikelyNew.slice(0, surplus)) isNew.add(i);
  }
  const split: Split = { fresh: [], known: [] };
  findings.forEach((f, i) => (isNew.has(i) ? split.fresh : split.known).push(f));
  return split;
}
