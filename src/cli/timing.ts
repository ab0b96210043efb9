/**
 * TIMING=1 (ESLint's convention): after the report, a table on stderr of the rules that took longest.
 * TIMING=all lists every rule, TIMING=<n> the top n; anything else, the top 10.
 */
import type { LintResult } from '../engine/types.js';

export function timingTable(result: LintResult, setting: string | undefined): string | undefined {
  if (setting === undefined || setting === '' || setting === '0') return undefined;
  const rows = Object.entries(result.stats.ruleMs).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const n = setting === 'all' ? rows.length : /^\d+$/.test(setting) && Number(setting) > 1 ? Number(setting) : 10;
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const shown = rows.slice(0, n);
  const width = Math.max(4, ...shown.map(([id]) => id.length));
  const lines = [`${'Rule'.padEnd(width)} | Time (ms) | Relative`, `${'-'.repeat(width)}-|----------:|--------:`];
  for (const [id, ms] of shown) {
    const relative = total > 0 ? `${((ms / total) * 100).toFixed(1)}%` : '-';
    lines.push(`${id.padEnd(width)} | ${ms.toFixed(1).padStart(9)} | ${relative.padStart(8)}`);
  }
  lines.push(`(checks ${total.toFixed(0)} ms of ${result.stats.durationMs} ms for the whole run)`);
  return lines.join('\n') + '\n';
}
