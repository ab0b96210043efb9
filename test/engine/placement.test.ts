/**
 * Findings say where: a finding about an applied object carries the cluster(s) and the Flux Kustomization applying
 * it (JSON `object.cluster`, `object.appliedBy`; stylish tags it when the repo has several clusters), and a run
 * without real roots says its clusters are guesses.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { json } from '../../src/report/json.js';
import { stylish } from '../../src/report/stylish.js';
import { bootstrap, helmRelease, kustomization } from '../rules/flux-fixtures.js';
import { tempRepo } from './helpers.js';

describe('findings say where', () => {
  it('a HelmRelease in a base applied by two clusters names both, and the Kustomization applying it', async () => {
    const root = tempRepo({
      ...bootstrap('prod'),
      ...bootstrap('staging'),
      'clusters/prod/apps.yaml': kustomization('apps', './apps'),
      'clusters/staging/apps.yaml': kustomization('apps', './apps'),
      'apps/podinfo.yaml': helmRelease('podinfo', 'podinfo', 'missing-repo'),
    });
    const result = await lint(root, { config: { extends: 'none', rules: { 'helmrelease-source-missing': 'error' } } });
    const finding = result.findings.find((f) => f.ruleId === 'helmrelease-source-missing')!;
    expect(finding.object).toMatchObject({ kind: 'HelmRelease', name: 'podinfo', cluster: 'prod, staging', appliedBy: 'flux-system/apps' });
    const report = JSON.parse(json(result, { color: false, verbose: false, cwd: root } as never));
    expect(report.findings[0].object).toMatchObject({ cluster: 'prod, staging', appliedBy: 'flux-system/apps' });
    expect(report.summary).toMatchObject({ clusterMode: 'roots', clusterNames: ['prod', 'staging'] });
    expect(stylish(result, { color: false, verbose: false } as never)).toContain('[cluster: prod, staging]');
    expect(result.verboseNotices).toEqual([]);
  });

  it('without a real root the clusters are guesses, and the run says so', async () => {
    const root = tempRepo({ 'clusters/dev/apps.yaml': kustomization('apps', './apps'), 'apps/podinfo.yaml': helmRelease('podinfo', 'podinfo', 'missing-repo') });
    const result = await lint(root, { config: { extends: 'none', rules: { 'helmrelease-source-missing': 'error' } } });
    expect(result.stats.clusterMode).toBe('fallback');
    expect((result.verboseNotices ?? []).join('\n')).toMatch(/^no cluster root found .* orphan-manifest is off$/);
  });
});
