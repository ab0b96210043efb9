import { describe, expect, it } from 'vitest';
import { findingFingerprint, occurrenceFingerprints } from '../../src/report/fingerprint.js';
import { finding } from './results.js';

const base = finding({
  file: 'apps/a.yaml',
  line: 10,
  column: 3,
  ruleId: 'flux-kustomization-prune',
  object: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
});

/**
 * The fingerprint is a published key (SARIF partialFingerprints "gitopsLintFingerprint/v1", baselines): code scanning
 * matches alerts across runs and versions by it, so its value must never change silently. These literals were computed
 * outside the code under test, as documented in docs/formats.md, e.g.
 *   printf '%s' '["flux-kustomization-prune","apps/a.yaml","kustomize.toolkit.fluxcd.io/v1","Kustomization","flux-system","apps","problem from flux-kustomization-prune"]' | sha256sum
 * A change here is a new fingerprint version (a new key), never an edit of these values.
 */
const PINNED = {
  base: '17739536a11e2342cae0aa1812d95cebecedab9af830c30c55ee096622b78a84',
  /** No object, a non-ASCII file name and quotes in the message: ["yaml-syntax","apps/ü.yaml","","","","","YAML syntax error: \"x\""] */
  noObject: 'e325efbc121416280d6c3aa211e7a1460d29236f04cf97cd2518465a1666e703',
  /** base with ruleId "x". */
  otherRule: '3ee83bd721dc6fc826af2994a6b6dbd1379ce3e09a0b28e4a9f31e4b4a7f7ea6',
};

describe('finding fingerprints', () => {
  it('are the published v1 values for known findings', () => {
    expect(findingFingerprint(base)).toBe(PINNED.base);
    expect(findingFingerprint(finding({ file: 'apps/ü.yaml', line: 1, ruleId: 'yaml-syntax', message: 'YAML syntax error: "x"' }))).toBe(PINNED.noObject);
    expect(findingFingerprint({ ...base, ruleId: 'x' })).toBe(PINNED.otherRule);
  });

  it('survive the finding moving to another line or column, or changing severity', () => {
    const moved = { ...base, line: 42, endLine: 43, column: 7, endColumn: 1, severity: 'warning' as const };
    expect(findingFingerprint(moved)).toBe(PINNED.base);
  });

  it('change with the rule, file, object identity or message', () => {
    const variants = [
      { ...base, ruleId: 'other-rule' },
      { ...base, file: 'apps/b.yaml' },
      { ...base, object: { ...base.object, name: 'infra' } },
      { ...base, object: { ...base.object, namespace: 'other' } },
      { ...base, object: { ...base.object, kind: 'HelmRelease' } },
      { ...base, object: { ...base.object, apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta2' } },
      { ...base, object: undefined },
      { ...base, message: 'another message' },
    ];
    const all = new Set([base, ...variants].map(findingFingerprint));
    expect(all.size).toBe(variants.length + 1);
  });

  it('number identical findings so each one stays distinct', () => {
    expect(occurrenceFingerprints([base, { ...base, line: 20 }, { ...base, ruleId: 'x' }])).toEqual([`${PINNED.base}:1`, `${PINNED.base}:2`, `${PINNED.otherRule}:1`]);
  });
});
