/**
 * What the policy rules judge: objects as the clusters get them (after the patches of the builds that apply them),
 * one report per document. A document no cluster applies (an archived app) reconciles nowhere and is not judged.
 */
import type { AppliedObject, At } from '../../graph/types.js';
import { objectRef } from '../../k8s/object-ref.js';
import type { Location, ObjectRef } from '../../finding.js';
import type { PathSegment } from '../../load/types.js';
import type { CheckContext } from '../types.js';
import { isRecord as isObj, nonEmptyString as str } from '../../util/values.js';
export { isObj, str };

export type Obj = Record<string, unknown>;

/** Every applied document with its per-cluster instances, in a stable order. */
export function appliedDocuments(ctx: CheckContext): AppliedObject[][] {
  return [...ctx.graph.appliedByDocument.values()].filter((list) => list.length > 0);
}

/**
 * Every instance `judge` finds fault with, with what it said, once per place the fault is written: clusters that get
 * the same value from the same line give one finding, overlays that patch it differently one each.
 */
export function judged<T>(
  ctx: CheckContext,
  instances: readonly AppliedObject[],
  judge: (a: AppliedObject) => T | undefined,
  where: (a: AppliedObject, verdict: T) => Location,
): { a: AppliedObject; verdict: T; location: Location }[] {
  const out: { a: AppliedObject; verdict: T; location: Location }[] = [];
  const seen = new Set<string>();
  for (const a of instances) {
    const verdict = judge(a);
    if (verdict === undefined) continue;
    const location = where(a, verdict);
    const key = `${location.file}:${location.line}:${location.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ a, verdict, location });
  }
  return out;
}

export function appliedRef(a: AppliedObject): ObjectRef {
  return objectRef({ apiVersion: a.id.apiVersion, kind: a.id.kind, namespace: a.id.namespace, name: a.id.name });
}

export function specOf(value: unknown): Obj {
  return isObj(value) && isObj(value.spec) ? value.spec : {};
}

/** `Kind "name"` for messages. */
export function describe(a: AppliedObject): string {
  return `${a.id.kind} "${a.id.name}"`;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const p of path) v = isObj(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/**
 * Where the value a cluster gets at `path` is written: the document itself, else the patch that set it (a patch file
 * holding the field, or the patch entry of the kustomization).
 */
export function locateField(ctx: CheckContext, a: AppliedObject, path: PathSegment[], target: 'key' | 'value' = 'value'): Location {
  const applied = valueAt(a.value, path);
  if (valueAt(a.doc.value, path) === applied || !a.patchedBy?.length) return ctx.locate(a.doc, path, target);
  for (const p of [...a.patchedBy].reverse()) {
    if (applied === undefined) break;
    if (valueAt(valueAt(p.doc.value, p.path), path) === applied) return ctx.locate(p.doc, [...p.path, ...path], target);
    // A patch file (`patches: [{path: x.yaml}]`, patchesStrategicMerge): the field in the file's documents.
    for (const file of patchFiles(ctx, p)) {
      const doc = ctx.repo.fileMap.get(file)?.documents.find((d) => valueAt(d.value, path) === applied);
      if (doc) return ctx.locate(doc, path, target);
    }
  }
  const last = a.patchedBy[a.patchedBy.length - 1]!;
  return ctx.locate(last.doc, last.path);
}

/** Repo paths of the files a kustomization's patch entry at `p` names. */
function patchFiles(ctx: CheckContext, p: At): string[] {
  const k = ctx.graph.kustomizeFiles.find((f) => f.doc === p.doc);
  if (!k) return [];
  const within = (path: readonly PathSegment[]) => p.path.every((seg, i) => path[i] === seg);
  return k.refs.filter((r) => r.status === 'file' && r.path !== undefined && within(r.at.path)).map((r) => r.path!);
}
