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

describe('finding fingerprints', () => {
  it('survive the finding moving to another line or column', () => {
    const moved = { ...base, line: 42, endLine: 43, column: 7, endColumn: 1 };
    expect(findingFingerprint(moved)).toBe(findingFingerprint(base));
    expect(findingFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('change with the rule, file, object identity or message', () => {
    const variants = [
      { ...base, ruleId: 'other-rule' },
      { ...base, file: 'apps/b.yaml' },
      { ...base, object: { ...base.object, name: 'infra' } },
      { ...base, object: { ...base.object, namespace: 'other' } },
      { ...base, object: undefined },
      { ...base, message: 'another message' },
    ];
    const all = new Set([base, ...variants].map(findingFingerprint));
    expect(all.size).toBe(variants.length + 1);
  });

  it('number identical findings so each one stays distinct', () => {
    const fps = occurrenceFingerprints([base, { ...base, line: 20 }, { ...base, ruleId: 'x' }]);
    const hash = findingFingerprint(base);
    expect(fps[0]).toBe(`${hash}:1`);
    expect(fps[1]).toBe(`${hash}:2`);
    expect(fps[2]).toBe(`${findingFingerprint({ ...base, ruleId: 'x' })}:1`);
  });
});
