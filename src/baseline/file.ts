/**
 * Baseline files: the findings a repository already has, recorded once (--write-baseline) so later runs report only
 * the others (--baseline). Only fingerprints (hashes), rule ids and counts are written: never a message, a file
 * content or a value, so a baseline of a repository with plaintext Secrets holds none of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../engine/errors.js';
import type { Finding } from '../finding.js';
import { matchFingerprint, MATCH_FINGERPRINT_SCHEME } from '../report/fingerprint.js';
import { TOOL_NAME, toolVersion } from '../report/tool.js';
import type { FingerprintCounts } from './known.js';

export const BASELINE_VERSION = 1;

export interface BaselineFile {
  version: typeof BASELINE_VERSION;
  tool: { name: string; version: string };
  /** The fingerprint scheme (matchFingerprint); a baseline of another scheme must be written again. */
  fingerprint: string;
  /** Sorted by rule, then fingerprint, so a rewritten baseline diffs well. */
  findings: { rule: string; fingerprint: string; count: number }[];
}

export function baselineOf(findings: readonly Finding[]): BaselineFile {
  const entries = new Map<string, { rule: string; fingerprint: string; count: number }>();
  for (const f of findings) {
    const fingerprint = matchFingerprint(f);
    const entry = entries.get(fingerprint);
    if (entry) entry.count++;
    else entries.set(fingerprint, { rule: f.ruleId, fingerprint, count: 1 });
  }
  const sorted = [...entries.values()].sort((a, b) => cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, tool: { name: TOOL_NAME, version: toolVersion() }, fingerprint: MATCH_FINGERPRINT_SCHEME, findings: sorted };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function writeBaseline(file: string, findings: readonly Finding[]): BaselineFile {
  const baseline = baselineOf(findings);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (err) {
    throw new UsageError(`cannot write the baseline to ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return baseline;
}

/** The fingerprint counts of a baseline file; a usage error naming the file when it cannot be used. */
export function readBaseline(file: string): FingerprintCounts {
  const fail = (why: string): never => {
    throw new UsageError(`baseline ${file}: ${why}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? 'not found (write one with --write-baseline)' : `cannot read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const data = raw as Partial<BaselineFile> | null;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('not a gitops-lint baseline (expected a JSON object)');
  if (data.version !== BASELINE_VERSION) fail(`version ${JSON.stringify(data.version)} is not supported (expected ${BASELINE_VERSION}); write it again with --write-baseline`);
  if (data.fingerprint !== MATCH_FINGERPRINT_SCHEME) fail(`its fingerprints (${JSON.stringify(data.fingerprint)}) are not this version's (${MATCH_FINGERPRINT_SCHEME}); write it again with --write-baseline`);
  if (!Array.isArray(data.findings)) return fail('"findings" must be a list');
  const counts: FingerprintCounts = new Map();
  data.findings.forEach((entry: unknown, i) => {
    const e = entry as { fingerprint?: unknown; count?: unknown } | null;
    if (typeof e?.fingerprint !== 'string' || !Number.isInteger(e.count) || (e.count as number) < 1) {
      fail(`findings[${i}] must have a fingerprint (string) and a count (whole number from 1)`);
    }
    counts.set(e!.fingerprint as string, (counts.get(e!.fingerprint as string) ?? 0) + (e!.count as number));
  });
  return counts;
}
