/** duplicate-object: one object identity (group, kind, namespace, name after transforms) applied twice on a cluster. */
import type { CheckContext } from './types.js';
import type { AppliedObject } from '../graph/types.js';
import { idKey } from '../k8s/identity.js';
import { objectRef } from '../k8s/object-ref.js';
import { compareDocs, isTemplated, quoteClusters } from './flux-lookup.js';

/** The identity key as the cluster sees it; undefined while a `${VAR}` (from substituteFrom) is left in it. */
function identity({ id }: AppliedObject): string | undefined {
  if (isTemplated(id.name) || isTemplated(id.namespace ?? '')) return undefined;
  return idKey(id);
}

function appliedBy(object: AppliedObject): string {
  return object.by.synthetic ? '' : ` by Kustomization "${object.by.name}"`;
}

export function duplicateObject(ctx: CheckContext): void {
  const duplicates = new Map<string, { first: AppliedObject; second: AppliedObject; clusters: string[] }>();
  for (const cluster of ctx.graph.clusters) {
    const firsts = new Map<string, AppliedObject>();
    const objects = [...cluster.objects].sort((a, b) => compareDocs(a.doc, b.doc));
    for (const object of objects) {
      const key = identity(object);
      if (key === undefined) continue;
      const first = firsts.get(key);
      if (!first) {
        firsts.set(key, object);
        continue;
      }
      const pair = `${first.doc.file}#${first.doc.index} ${object.doc.file}#${object.doc.index} ${key}`;
      const entry = duplicates.get(pair) ?? { first, second: object, clusters: [] };
      if (!entry.clusters.includes(cluster.name)) entry.clusters.push(cluster.name);
      duplicates.set(pair, entry);
    }
  }
  for (const { first, second, clusters } of duplicates.values()) {
    const { id } = second;
    const inNamespace = id.namespace ? ` in namespace "${id.namespace}"` : '';
    const firstAt = ctx.locate(first.doc, ['metadata', 'name'], 'value');
    const firstWhere = first.doc === second.doc ? 'first' : `first at ${firstAt.file}:${firstAt.line}`;
    ctx.report({
      message:
        `${id.kind} "${id.name}"${inNamespace} is applied more than once on ${quoteClusters(clusters)}: ` +
        `${firstWhere}${appliedBy(first)}, again here${appliedBy(second)}; keep one definition (Flux fails or the last apply wins)`,
      location: ctx.locate(second.doc, ['metadata', 'name'], 'value'),
      object: objectRef(id),
    });
  }
}
