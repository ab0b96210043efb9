/**
 * --summary: counts only, one line, as kubeconform's -summary words it (`Summary: N resources found in M files -
 * Valid: ..., Invalid: ...`), for a CI log or a dashboard that wants the totals and not each finding.
 */
import { severityCounts } from './counts.js';
import type { Formatter } from './types.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const summary: Formatter = (result) => {
  const c = severityCounts(result.findings);
  const files = new Set(result.findings.map((f) => f.file)).size;
  const suppressed = result.suppressedCount > 0 ? `, Suppressed: ${result.suppressedCount}` : '';
  return (
    `Summary: ${plural(result.findings.length, 'finding')} in ${plural(files, 'file')} of ${plural(result.files.length, 'YAML file')} - ` +
    `Errors: ${c.error}, Warnings: ${c.warning}, Info: ${c.info}${suppressed}\n`
  );
};
