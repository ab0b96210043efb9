import { describe, expect, it } from 'vitest';
import { json } from '../../src/report/json.js';
import { finding, lintResult, mixedResult } from './results.js';

const options = { color: false, verbose: false };

describe('json formatter', () => {
  it('writes version 1 with findings, summary, skipped and rules in a fixed key order', () => {
    const result = mixedResult();
    result.skipped = [{ path: 'charts/x/templates/a.yaml', reason: 'helm-template' }];
    result.suppressedCount = 4;
    const out = json(result, options);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toContain('\n  "version": 1,\n'); // 2-space indent
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['version', 'findings', 'summary', 'skipped', 'rules', 'fixes']);
    expect(report.fixes).toBeNull();
    expect(report.summary).toEqual({
      errors: 1,
      warnings: 1,
      infos: 1,
      files: 10,
      documents: 12,
      objects: 9,
      clusters: 2,
      clusterNames: ['prod', 'staging'],
      clusterMode: 'roots',
      suppressed: 4,
    });
    expect(report.skipped).toEqual([{ path: 'charts/x/templates/a.yaml', reason: 'helm-template', detail: null }]);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      'helmrelease-values',
      'yaml-duplicate-key',
      'flux-kustomization-prune',
    ]);
    expect(report.findings[0]).toEqual({
      ruleId: 'helmrelease-values',
      severity: 'info',
      message: 'values could move to a ConfigMap',
      file: 'apps/podinfo/release.yaml',
      line: 104,
      column: 1,
      endLine: 104,
      endColumn: 10,
      object: { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'apps', name: 'podinfo', cluster: null, appliedBy: null },
      fix: null,
    });
    expect(Object.keys(report.findings[0])).toEqual([
      'ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'object', 'fix',
    ]);
    expect(report.rules[0]).toEqual({
      id: 'flux-kustomization-prune',
      severity: 'error',
      description: 'Description of flux-kustomization-prune.',
      remediation: 'Fix flux-kustomization-prune like this.',
      helpUri: 'https://example.test/docs/rules/flux-kustomization-prune.md',
    });
  });

  it('fills partial objects with null and carries fixes', () => {
    const result = lintResult([
      finding({ file: 'a.yaml', line: 2, ruleId: 'yaml-ambiguous', object: { kind: 'ConfigMap' }, fix: { range: [5, 8], text: '"on"' } }),
    ]);
    const [f] = JSON.parse(json(result, options)).findings;
    expect(f.object).toEqual({ apiVersion: null, kind: 'ConfigMap', namespace: null, name: null, cluster: null, appliedBy: null });
    expect(f.fix).toEqual({ range: [5, 8], text: '"on"' });
  });

  it('is byte-identical for the same result and valid for an empty one', () => {
    expect(json(mixedResult(), options)).toBe(json(mixedResult(), options));
    const empty = JSON.parse(json(lintResult(), options));
    expect(empty.findings).toEqual([]);
    expect(empty.summary.errors).toBe(0);
  });
});
