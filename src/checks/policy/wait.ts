/**
 * flux-dependency-not-ready: a Flux Kustomization that others list in dependsOn, but that neither waits
 * (`spec.wait: true`) nor has `healthChecks`/`healthCheckExprs`. kustomize-controller then marks it Ready as soon as
 * the apply succeeds, and `dependsOn` only waits for Ready: the dependents start while its Deployments roll out and
 * its HelmReleases install, and fail (webhooks not serving, CRDs of a chart not there) until they retry.
 *
 * Only dependencies that apply something with a rollout are judged: CRDs and Namespaces are applied, and waited for,
 * in a first stage of every apply, and plain config (ConfigMaps, RBAC) is ready when applied.
 */
import type { Cluster, FluxKustomization } from '../../graph/types.js';
import { groupOf } from '../../k8s/api-version.js';
import { isToolkitGroup } from '../../k8s/flux.js';
import { objectRef } from '../../k8s/object-ref.js';
import type { CheckContext } from '../types.js';
import { objectKey, quoteClusters } from '../flux-lookup.js';
import { isObj, specOf } from './applied.js';

const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Pod']);

function waitsForReadiness(k: FluxKustomization): boolean {
  const spec = specOf(k.value ?? k.doc.value);
  const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
  return spec.wait === true || nonEmpty(spec.healthChecks) || nonEmpty(spec.healthCheckExprs);
}

/** The kinds with a rollout that a Kustomization applies on its cluster (workloads, HelmReleases, Flux Kustomizations). */
function rolloutKinds(cluster: Cluster, k: FluxKustomization): string[] {
  const kinds = new Set<string>();
  for (const o of cluster.objects) {
    if (o.by !== k) continue;
    const group = groupOf(o.id.apiVersion);
    if ((ROLLOUT_KINDS.has(o.id.kind) && (group === '' || group === 'apps' || group === 'batch')) || (isToolkitGroup(group) && (o.id.kind === 'HelmRelease' || o.id.kind === 'Kustomization'))) {
      kinds.add(o.id.kind);
    }
  }
  return [...kinds].sort();
}

export function fluxDependencyNotReady(ctx: CheckContext): void {
  // One finding per document, naming every cluster and dependent.
  const byDoc = new Map<string, { k: FluxKustomization; dependents: Set<string>; clusters: Set<string>; kinds: Set<string> }>();
  for (const cluster of ctx.graph.clusters) {
    if (cluster.origin === 'fallback') continue;
    const byKey = new Map(cluster.kustomizations.map((k) => [objectKey(k.namespace, k.name), k]));
    for (const dependent of cluster.kustomizations) {
      for (const dep of dependent.dependsOn) {
        const target = byKey.get(objectKey(dep.namespace, dep.name));
        if (!target || target === dependent || waitsForReadiness(target)) continue;
        const kinds = rolloutKinds(cluster, target);
        if (kinds.length === 0) continue;
        const key = `${target.doc.file}#${target.doc.index}`;
        const entry = byDoc.get(key) ?? { k: target, dependents: new Set(), clusters: new Set(), kinds: new Set() };
        entry.dependents.add(dependent.name);
        entry.clusters.add(cluster.name);
        for (const kind of kinds) entry.kinds.add(kind);
        byDoc.set(key, entry);
      }
    }
  }
  for (const { k, dependents, clusters, kinds } of byDoc.values()) {
    const names = [...dependents].sort().map((n) => `"${n}"`).join(', ');
    const spec = isObj(k.doc.value) && isObj(k.doc.value.spec) ? k.doc.value.spec : {};
    ctx.report({
      message:
        `Kustomization "${k.name}" is a dependency of ${names} on ${quoteClusters([...clusters])} but neither waits (spec.wait) nor has ` +
        `healthChecks: Flux marks it Ready as soon as it is applied, before its ${[...kinds].sort().map((k) => `${k}s`).join(', ')} are ready, so the dependents start too early; ` +
        'set spec.wait: true (or list healthChecks)',
      location: ctx.locate(k.doc, 'wait' in spec ? ['spec', 'wait'] : ['spec'], 'value'),
      object: objectRef({ apiVersion: k.doc.apiVersion, kind: 'Kustomization', namespace: k.namespace, name: k.name }),
    });
  }
}
