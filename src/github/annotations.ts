/**
 * Annotations within GitHub's caps: a step shows at most 10 errors, 10 warnings and 10 notices (the rest are dropped
 * silently). So: findings on the lines the change adds (when known), most severe first, at most 10 of each kind, and
 * when some are left out one notice (taking a notice slot) says how many and that the job summary lists them all.
 */
import type { Finding, Severity } from '../finding.js';
import { severityCounts } from '../report/counts.js';
import { annotationCommand, escapeData } from '../report/github.js';
import { bySeverity } from '../report/markdown.js';
import { prefixedPath } from '../report/tool.js';
import { isChanged, type ChangedLines } from './diff.js';

/** GitHub's per-step cap for each kind of annotation. */
export const ANNOTATIONS_PER_KIND = 10;

export interface AnnotationPlan {
  /** Workflow command lines, each ending in a newline. */
  commands: string[];
  /** Findings shown as annotations. */
  shown: number;
  /** Findings not shown (listed in the job summary). */
  left: number;
}

/**
 * @param changed lines the change adds; findings elsewhere get no annotation (GitHub would not show them on the diff)
 */
export function planAnnotations(findings: readonly Finding[], changed: ChangedLines | undefined, pathPrefix: string | undefined): AnnotationPlan {
  const candidates = changed ? findings.filter((f) => isChanged(changed, f.file, f.line)) : findings;
  const taken: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const commands: string[] = [];
  const counts = severityCounts(candidates);
  const fitting = Object.values(counts).reduce((n, c) => n + Math.min(c, ANNOTATIONS_PER_KIND), 0);
  const overflow = findings.length > fitting;
  for (const f of bySeverity(candidates)) {
    // One notice slot stays free for the "N more" notice when anything is left out.
    const cap = f.severity === 'info' && overflow ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND;
    if (taken[f.severity] >= cap) continue;
    taken[f.severity]++;
    commands.push(annotationCommand(f, prefixedPath(f.file, pathPrefix)));
  }
  const shown = commands.length;
  const left = findings.length - shown;
  if (left > 0) {
    const where = changed ? ' (annotations are on the lines this change adds)' : '';
    commands.push(`::notice title=gitops-lint::${escapeData(`${left} more finding${left === 1 ? '' : 's'} not annotated${where}: see the job summary for the full list.`)}\n`);
  }
  return { commands, shown, left };
}
