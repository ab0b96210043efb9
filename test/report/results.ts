/** Hand-made lint results for formatter and CLI tests. */
import type { LintResult, RuleMeta } from '../../src/engine/types.js';
import { compareFindings, type Finding } from '../../src/finding.js';

export function finding(overrides: Partial<Finding> & Pick<Finding, 'file' | 'line' | 'ruleId'>): Finding {
  return {
    column: 1,
    endLine: overrides.line,
    endColumn: 10,
    severity: 'error',
    message: `problem from ${overrides.ruleId}`,
    ...overrides,
  };
}

export function rule(id: string, severity: RuleMeta['severity'] = 'error'): RuleMeta {
  return {
    id,
    severity,
    description: `Description of ${id}.`,
    remediation: `Fix ${id} like this.`,
    helpUri: `https://example.test/docs/rules/${id}.md`,
  };
}

export function lintResult(findings: Finding[] = [], overrides: Partial<LintResult> = {}): LintResult {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  return {
    root: '/repo',
    findings: [...findings].sort(compareFindings),
    rules: ruleIds.map((id) => rule(id)),
    skipped: [],
    // A YAML file without findings too, as a real run reads some: per-file formats list it as passing.
    files: [...new Set(['kustomization.yaml', ...findings.map((f) => f.file).filter((f) => f !== '')])].sort(),
    suppressedCount: 0,
    notices: [],
    stats: { files: 10, yamlFiles: 7, documents: 12, objects: 9, clusters: ['prod', 'staging'], clusterMode: 'roots', durationMs: 42.4, ruleMs: {} },
    ...overrides,
  };
}

/** A result with every severity, two files and an object. */
export function mixedResult(): LintResult {
  return lintResult([
    finding({ file: 'clusters/prod/apps.yaml', line: 12, column: 5, ruleId: 'flux-kustomization-prune', message: 'prune is not set' }),
    finding({ file: 'clusters/prod/apps.yaml', line: 3, column: 10, ruleId: 'yaml-duplicate-key', severity: 'warning', message: 'duplicate key "name"' }),
    finding({
      file: 'apps/podinfo/release.yaml',
      line: 104,
      column: 1,
      ruleId: 'helmrelease-values',
      severity: 'info',
      message: 'values could move to a ConfigMap',
      object: { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'apps', name: 'podinfo' },
    }),
  ]);
}
