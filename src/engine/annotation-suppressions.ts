/**
 * Suppression on the object (kube-linter's habit): `metadata.annotations["gitops-lint.io/ignore"]:
 * "RULE[, RULE...] -- reason"`. Unlike a comment it survives kustomize builds and generated or vendored manifests.
 * It covers the findings written in the object's document; an object that gets the annotation from a patch of its
 * build (as applied by a cluster) is covered too. Without a reason it suppresses nothing, as with comments.
 */
import type { ReportInput } from '../checks/types.js';
import type { RepoGraph } from '../graph/types.js';
import { locate, positionAt, type LoadedRepo, type YamlDocument } from '../load/index.js';
import { directiveRules, type Directive } from './directive.js';
import { isRecord } from '../util/values.js';

export const IGNORE_ANNOTATION = 'gitops-lint.io/ignore';
const LABEL = `${IGNORE_ANNOTATION} annotation`;


function annotationOf(value: unknown): unknown {
  const metadata = isRecord(value) ? value.metadata : undefined;
  const annotations = isRecord(metadata) ? metadata.annotations : undefined;
  return isRecord(annotations) ? annotations[IGNORE_ANNOTATION] : undefined;
}

/** The annotation directives of the repo's objects, and the problems of those that cannot be honoured. */
export function scanAnnotations(
  repo: LoadedRepo,
  graph: RepoGraph,
  knownRuleIds: ReadonlySet<string>,
): { directives: Directive[]; problems: ReportInput[] } {
  // The value each document's object has: as written, or as a cluster applies it (a patch may add the annotation).
  const values = new Map<YamlDocument, unknown>();
  for (const file of repo.files) for (const doc of file.documents) if (doc.class === 'k8s' && annotationOf(doc.value) !== undefined) values.set(doc, doc.value);
  for (const cluster of graph.clusters) {
    for (const object of cluster.objects) if (!values.has(object.doc) && annotationOf(object.value) !== undefined) values.set(object.doc, object.value);
  }
  const directives: Directive[] = [];
  const problems: ReportInput[] = [];
  for (const [doc, value] of values) {
    const written = annotationOf(doc.value) !== undefined;
    const location = written ? locate(repo, doc, ['metadata', 'annotations', IGNORE_ANNOTATION], 'value') : locate(repo, doc, ['metadata']);
    const text = annotationOf(value);
    const known = directiveRules(typeof text === 'string' ? text : '', { label: LABEL, example: 'RULE-ID -- reason', location }, knownRuleIds, problems);
    if (!known) continue;
    const file = repo.fileMap.get(doc.file)!;
    const lines: [number, number] = [positionAt(file, doc.start).line, positionAt(file, Math.max(doc.start, doc.end - 1)).line];
    directives.push({ label: LABEL, location, file: doc.file, ids: new Set(known), lines, used: new Set() });
  }
  return { directives, problems };
}
