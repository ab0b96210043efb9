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

/** Name of the matching scheme below, written into baselines so a future scheme is never compared with this one. */
export const MATCH_FINGERPRINT_SCHEME = 'gitopsLintMatch/v1';

/**
 * Identity of a finding for "is it new?" (--new-since, baselines): rule, what it is about and its message with
 * line and column numbers taken out, so edits elsewhere in a file, or moving an object to another file, keep it.
 * What it is about is the object (apiVersion, kind, namespace, name) when the finding names one, else its file.
 * Unlike findingFingerprint (published in SARIF, never changed), messages are normalised: "first defined at line 12"
 * and "apps/a.yaml:12:3" must not make a finding new when lines above them move.
 */
export function matchFingerprint(finding: Finding): string {
  const o = finding.object;
  const about = o?.kind && o.name ? ['object', o.apiVersion ?? '', o.kind, o.namespace ?? '', o.name] : ['file', finding.file];
  const identity = [finding.ruleId, ...about, normaliseMessage(finding.message)];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** A message without positions: `file.yaml:12:3` -> `file.yaml`, `line 12`/`column 3` -> `line`/`column`. */
export function normaliseMessage(message: string): string {
  return message
    .replace(/(\.(?:ya?ml|json|jsonnet|cue|txt|env|sh)):\d+(?::\d+)?\b/gi, '$1')
    .replace(/\b(lines?|columns?|col)\s+\d+(?:\s*[-–]\s*\d+)?/gi, '$1');
}
