/**
 * SARIF for github/codeql-action/upload-sarif within code scanning's limits: at most 25,000 results in a run and 10 MB
 * gzipped per file (larger uploads are rejected whole). The formatter writes one run (one tool, one category). When a
 * repository has more, the most severe findings are kept, in the report's usual order.
 */
import { gzipSync } from 'node:zlib';
import type { LintResult } from '../engine/types.js';
import { compareFindings } from '../finding.js';
import { bySeverity } from '../report/markdown.js';
import { sarif } from '../report/sarif.js';

export const SARIF_MAX_RESULTS = 25_000;
export const SARIF_MAX_GZIPPED_BYTES = 10 * 1000 * 1000;

export interface CappedSarif {
  text: string;
  results: number;
  /** Findings left out to stay within the limits. */
  left: number;
}

export function cappedSarif(result: LintResult, pathPrefix: string | undefined, limits = { results: SARIF_MAX_RESULTS, gzippedBytes: SARIF_MAX_GZIPPED_BYTES }): CappedSarif {
  const ordered = bySeverity(result.findings);
  let keep = Math.min(ordered.length, limits.results);
  for (;;) {
    const findings = ordered.slice(0, keep).sort(compareFindings);
    const text = sarif({ ...result, findings }, { color: false, verbose: false, pathPrefix });
    if (keep === 0 || gzipSync(text).length <= limits.gzippedBytes) return { text, results: keep, left: ordered.length - keep };
    keep = Math.floor(keep / 2);
  }
}
