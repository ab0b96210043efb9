/**
 * Machine-readable report, format version 1 (docs/formats.md). Keys are always present and always in the
 * same order (absent values are null) so consumers and diffs can rely on the shape.
 */
import type { Finding } from '../finding.js';
import { severityCounts } from './counts.js';
import type { Formatter } from './types.js';

export const JSON_FORMAT_VERSION = 1;

export const json: Formatter = (result, options) => {
  const counts = severityCounts(result.findings);
  const report = {
    version: JSON_FORMAT_VERSION,
    findings: result.findings.map(jsonFinding),
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      files: result.stats.files,
      documents: result.stats.documents,
      objects: result.stats.objects,
      clusters: result.stats.clusters.length,
      clusterNames: result.stats.clusters,
      clusterMode: result.stats.clusterMode,
      suppressed: result.suppressedCount,
    },
    skipped: result.skipped.map((s) => ({ path: s.path, reason: s.reason, detail: s.detail ?? null })),
    rules: result.rules.map((r) => ({
      id: r.id,
      severity: r.severity,
      description: r.description,
      remediation: r.remediation,
      helpUri: r.helpUri,
    })),
    // --fix / --fix-dry-run only: what was fixed and what was left alone; null for a plain run.
    fixes: options.fixes
      ? {
          dryRun: options.fixes.dryRun,
          fixed: options.fixes.fixed.map((f) => ({ file: f.file, byRule: f.byRule })),
          leftAlone: options.fixes.leftAlone.map((f) => ({ file: f.file, fixes: f.fixes, reason: f.reason })),
        }
      : null,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};

function jsonFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    object: f.object
      ? {
          apiVersion: f.object.apiVersion ?? null,
          kind: f.object.kind ?? null,
          namespace: f.object.namespace ?? null,
          name: f.object.name ?? null,
          cluster: f.object.cluster ?? null,
          appliedBy: f.object.appliedBy ?? null,
        }
      : null,
    fix: f.fix ? { range: [f.fix.range[0], f.fix.range[1]], text: f.fix.text } : null,
  };
}
