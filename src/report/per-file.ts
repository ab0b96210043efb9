/** What the per-file reports (junit, tap) share: every linted file with its findings, and which findings fail the run. */
import type { LintResult } from '../engine/types.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../finding.js';

/**
 * Every YAML file read, and every file a finding is about ('' for the repository), sorted, each with its findings
 * in report order: a file without findings is a passing test, so CI shows how much was checked.
 */
export function filesWithFindings(result: LintResult): [file: string, findings: Finding[]][] {
  const byFile = new Map<string, Finding[]>(result.files.map((f) => [f, []]));
  for (const f of result.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether a finding fails the run under --fail-on (default error; none: nothing fails). */
export function failsRun(finding: Finding, failOn: Severity | 'none' = 'error'): boolean {
  return failOn !== 'none' && SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn];
}
