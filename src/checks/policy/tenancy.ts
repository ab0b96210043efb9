/**
 * Multi-tenancy rules, judged only on clusters whose Flux is locked down (see lockdown.ts):
 *
 * flux-cross-namespace-ref: with --no-cross-namespace-refs=true, kustomize-controller and helm-controller refuse a
 * sourceRef/chartRef to another namespace ("cross-namespace references are not allowed"), so the object never
 * reconciles.
 *
 * flux-service-account-default: with --default-service-account=<sa>, a Kustomization or HelmRelease without
 * spec.serviceAccountName is applied as ServiceAccount <sa> of its own namespace. Unless the repository grants that
 * account rights there (a RoleBinding or ClusterRoleBinding naming it), every apply is forbidden.
 */
import type { Cluster, FluxHelmRelease, FluxKustomization, SourceRef } from '../../graph/types.js';
import { objectRef } from '../../k8s/object-ref.js';
import type { Check, CheckContext } from '../types.js';
import { isObj, specOf, str } from './applied.js';
import { lockdownOf, type Controller, type Lockdown } from './lockdown.js';

interface Subject {
  object: FluxKustomization | FluxHelmRelease;
  kind: 'Kustomization' | 'HelmRelease';
  controller: Controller;
  value: unknown;
  refs: SourceRef[];
}

function subjects(cluster: Cluster): Subject[] {
  return [
    ...cluster.kustomizations.map((k): Subject => ({ object: k, kind: 'Kustomization', controller: 'kustomize-controller', value: k.value ?? k.doc.value, refs: k.sourceRef ? [k.sourceRef] : [] })),
    ...cluster.helmReleases.map((h): Subject => ({
      object: h,
      kind: 'HelmRelease',
      controller: 'helm-controller',
      value: h.doc.value,
      refs: [h.chartSourceRef, h.chartRef].filter((r): r is SourceRef => r !== undefined),
    })),
  ];
}

function declaredClusters(ctx: CheckContext): (name: string) => boolean {
  const list = (ctx.params.clusters as string[] | undefined) ?? [];
  return (name) => list.includes('*') || list.includes(name);
}

/** The kustomization files (their values) of the cluster's builds: its roots' directories and what its objects went through. */
function buildKustomizations(ctx: CheckContext, cluster: Cluster): unknown[] {
  const files = new Set(cluster.objects.flatMap((o) => o.via));
  const roots = cluster.roots.map((r) => r.path?.path).filter((p): p is string => p !== undefined);
  const underRoot = (dir: string) => roots.some((r) => r === '' || dir === r || dir.startsWith(`${r}/`));
  return ctx.graph.kustomizeFiles.filter((k) => files.has(k.path) || underRoot(k.dir)).map((k) => k.doc.value);
}

/** Locked-down clusters (real ones: fallback clusters are guesses) with their lockdown. */
function lockedClusters(ctx: CheckContext): [Cluster, Lockdown][] {
  const declared = declaredClusters(ctx);
  return ctx.graph.clusters
    .filter((c) => c.origin !== 'fallback')
    .map((c): [Cluster, Lockdown] => [c, lockdownOf(c, buildKustomizations(ctx, c), declared(c.name))]);
}

function fluxCrossNamespaceRef(ctx: CheckContext): void {
  const seen = new Set<string>();
  for (const [cluster, lockdown] of lockedClusters(ctx)) {
    if (lockdown.noCrossNamespaceRefs.size === 0) continue;
    for (const s of subjects(cluster)) {
      if (!lockdown.noCrossNamespaceRefs.has(s.controller)) continue;
      for (const ref of s.refs) {
        if (!ref.namespace || ref.namespace === s.object.namespace) continue;
        const key = `${s.object.doc.file}#${s.object.doc.index} ${ref.at.path.join('.')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          message:
            `${s.kind} "${s.object.name}" in namespace "${s.object.namespace}" refers to ${ref.kind} "${ref.name}" in namespace "${ref.namespace}", ` +
            `but on cluster "${cluster.name}" ${lockdown.source.get(s.controller)}: the controller refuses cross-namespace references; ` +
            `define the ${ref.kind} in namespace "${s.object.namespace}"`,
          location: ctx.locate(ref.at.doc, [...ref.at.path, 'namespace'], 'value'),
          object: objectRef({ apiVersion: s.object.doc.apiVersion, kind: s.kind, namespace: s.object.namespace, name: s.object.name }),
        });
      }
    }
  }
}

/** `namespace/name` of every ServiceAccount a (Cluster)RoleBinding on the cluster grants something to. */
function boundServiceAccounts(cluster: Cluster): Set<string> {
  const bound = new Set<string>();
  for (const o of cluster.objects) {
    if (o.id.kind !== 'RoleBinding' && o.id.kind !== 'ClusterRoleBinding') continue;
    const subjectsOf = isObj(o.value) && Array.isArray(o.value.subjects) ? o.value.subjects : [];
    for (const s of subjectsOf) {
      if (!isObj(s) || s.kind !== 'ServiceAccount' || !str(s.name)) continue;
      bound.add(`${str(s.namespace) ?? o.id.namespace ?? ''}/${str(s.name)}`);
    }
  }
  return bound;
}

function fluxServiceAccountDefault(ctx: CheckContext): void {
  const seen = new Set<string>();
  for (const [cluster, lockdown] of lockedClusters(ctx)) {
    if (lockdown.defaultServiceAccount.size === 0) continue;
    const bound = boundServiceAccounts(cluster);
    for (const s of subjects(cluster)) {
      const sa = lockdown.defaultServiceAccount.get(s.controller);
      if (sa === undefined || str(specOf(s.value).serviceAccountName) || bound.has(`${s.object.namespace}/${sa}`)) continue;
      const key = `${s.object.doc.file}#${s.object.doc.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        message:
          `${s.kind} "${s.object.name}" sets no spec.serviceAccountName, and on cluster "${cluster.name}" ${s.controller} runs with ` +
          `--default-service-account=${sa}: it is applied as ServiceAccount "${sa}" of namespace "${s.object.namespace}", which nothing in the ` +
          'repository grants any rights, so every apply is forbidden; set spec.serviceAccountName to the tenant\'s service account',
        location: ctx.locate(s.object.doc, ['spec'], 'key'),
        object: objectRef({ apiVersion: s.object.doc.apiVersion, kind: s.kind, namespace: s.object.namespace, name: s.object.name }),
      });
    }
  }
}

const CLUSTERS_PARAM = {
  type: 'object',
  properties: {
    clusters: {
      type: 'array',
      items: { type: 'string', description: 'a cluster name' },
      description: 'a list of names of clusters locked down outside the repository, e.g. [aks-prod] ("*" for all)',
    },
  },
  additionalProperties: false,
};

export const tenancyChecks: Record<string, Check> = {
  'flux-cross-namespace-ref': { run: fluxCrossNamespaceRef, params: CLUSTERS_PARAM },
  'flux-service-account-default': { run: fluxServiceAccountDefault, params: CLUSTERS_PARAM },
};
