/**
 * Stable identity of a finding across edits: rule, file, object and message, never the line or column,
 * so moving a block of YAML keeps its fingerprint. Used by SARIF partialFingerprints and by baselines.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../finding.js';

/** Hex SHA-256 of the finding's identity (rule id, file, object apiVersion/kind/namespace/name, message). */
export function findingFingerprint(finding: Finding): string {
  const o = finding.object ?? {};
  const identity = [finding.ruleId, finding.file, o.apiVersion ?? '', o.kind ?? '', o.namespace ?? '', o.name ?? '', finding.message];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/**
 * Fingerprints of a list of findings, with an occurrence suffix (`<hash>:<n>`, n from 1) so identical findings
 * in one file stay distinct. The n-th occurrence is counted in list order (the engine sorts findings).
 */
export function occurrenceFingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const hash = findingFingerprint(finding);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}
