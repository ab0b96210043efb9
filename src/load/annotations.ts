/**
 * kustomize, so Flux, writes the annotation values of every object it builds back as strings of their text: its build
 * ends with Resource.RemoveBuildAnnotations (kustomize api/resource/resource.go), which reads the annotations as
 * map[string]string (kyaml GetValue: a node's text) and sets them again as string nodes (kyaml rnode.go
 * setMapInMetadata, NewStringRNode). So `prometheus.io/scrape: true` reaches the cluster as "true" and `mode: 0755`
 * as "0755" (checked in test/load/go-yaml-kubectl.test.ts). Labels and the keys of annotations are not rewritten.
 * kustomize expands objects of a kind ending in List into their items, whose annotations get the same treatment.
 */
import { goTimestamp } from '../k8s/go-yaml.js';
import { skipProperties } from './tree.js';
import type { PathSegment, YNode } from './types.js';
import { isRecord } from '../util/values.js';


/** Is `path`, in a document of `kind`, the value of an annotation kustomize writes back as text? */
export function isAnnotationValuePath(kind: string | undefined, path: readonly PathSegment[]): boolean {
  const at = kind?.endsWith('List') && path[0] === 'items' && typeof path[1] === 'number' ? 2 : 0;
  return path.length === at + 3 && path[at] === 'metadata' && path[at + 1] === 'annotations';
}

/** The objects whose annotations kustomize rewrites: the document, or the items of a List. */
function objectsOf(value: Record<string, unknown>): unknown[] {
  return typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items) ? value.items : [value];
}

const annotationsOf = (object: unknown): Record<string, unknown> | undefined =>
  isRecord(object) && isRecord(object.metadata) && isRecord(object.metadata.annotations) ? object.metadata.annotations : undefined;

const fieldNode = (node: YNode | undefined, key: string): YNode | undefined => node?.entries?.findLast((e) => e.key === key)?.value;

/** A loaded value that may not be its text: not a string, or a timestamp go-yaml v3 wrote back in RFC 3339. */
const mayDifferFromText = (v: unknown): boolean => typeof v !== 'string' || goTimestamp(v) !== undefined;

/** Does an annotation of the document (or of its List items) hold a value that may not be its text? */
export function hasRewrittenAnnotation(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return objectsOf(value).some((object) => Object.values(annotationsOf(object) ?? {}).some(mayDifferFromText));
}

/** Replaces each annotation value that may not be its text by its text in `text` (`root` is the document's tree), as kustomize does. */
export function annotationsAsText(value: unknown, root: YNode, text: string): void {
  if (!isRecord(value)) return;
  const objects = objectsOf(value);
  const objectNodes = objects === value.items ? fieldNode(root, 'items')?.items ?? [] : [root];
  objects.forEach((object, i) => {
    const annotations = annotationsOf(object);
    const node = fieldNode(fieldNode(objectNodes[i], 'metadata'), 'annotations');
    if (!annotations || !node) return;
    for (const entry of node.entries ?? []) {
      if (!mayDifferFromText(annotations[entry.key])) continue;
      const v = entry.value;
      // A mapping or sequence has no text of its own (kyaml GetValue gives "").
      if (v.kind !== 'scalar') annotations[entry.key] = '';
      else if (v.style === 'plain') annotations[entry.key] = text.slice(skipProperties(text, v.start, v.end), v.end);
    }
  });
}
