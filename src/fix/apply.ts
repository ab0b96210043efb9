/**
 * Applying fixes to one file's text with ESLint's semantics (SourceCodeFixer): fixes sorted by range, a fix that
 * overlaps one already taken is left for the next pass (after a re-lint it may no longer be needed or may be
 * computed anew), a fix outside the text or with a reversed range is dropped.
 */
import type { Finding } from '../finding.js';

export interface AppliedFixes {
  output: string;
  applied: Finding[];
  /** Overlapped an applied fix: retried on the next pass. */
  deferred: Finding[];
}

export function applyFixes(text: string, findings: readonly Finding[]): AppliedFixes {
  const withFix = findings
    .filter((f) => f.fix && f.fix.range[0] >= 0 && f.fix.range[0] <= f.fix.range[1] && f.fix.range[1] <= text.length)
    .sort((a, b) => a.fix!.range[0] - b.fix!.range[0] || a.fix!.range[1] - b.fix!.range[1]);
  const applied: Finding[] = [];
  const deferred: Finding[] = [];
  let output = '';
  let last = -1; // end of the last applied range; ESLint also refuses a fix that starts where the last one ended
  let copied = 0;
  for (const finding of withFix) {
    const [start, end] = finding.fix!.range;
    if (start <= last) {
      // The same edit twice (two rules, or one rule reporting two findings with one fix) is applied once.
      const prev = applied[applied.length - 1]?.fix;
      if (!(prev && prev.range[0] === start && prev.range[1] === end && prev.text === finding.fix!.text)) deferred.push(finding);
      continue;
    }
    output += text.slice(copied, start) + finding.fix!.text;
    copied = end;
    last = end;
    applied.push(finding);
  }
  output += text.slice(copied);
  return { output, applied, deferred };
}
