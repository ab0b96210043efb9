/**
 * flux-dependson-required: a Flux Kustomization that applies objects needing what another Kustomization on the same
 * cluster creates (their Namespace, the CRD of their kind, the source of their HelmRelease) must depend on it,
 * or its first reconciliation fails on a fresh cluster.
 */
import type { CheckContext } from './types.js';
import type { AppliedObject, Cluster, FluxHelmRelease, FluxKustomization } from '../graph/types.js';
import { isFluxKustomization, isHelmRelease } from '../k8s/flux.js';
import { crdKindKey, sourceKey } from '../k8s/identity.js';
import { BUILTIN_NAMESPACES } from '../k8s/namespaces.js';
import { objectRef } from '../k8s/object-ref.js';
import type { YamlDocument } from '../load/types.js';
import { compareDocs, dependencyClosure, kustomizationsByKey, objectKey } from './flux-lookup.js';

/** Who creates what on one cluster: namespace name / CRD group+kind / source key -> the Kustomizations applying it. */
interface Creators {
  namespaces: Map<string, FluxKustomization[]>;
  crds: Map<string, FluxKustomization[]>;
  sources: Map<string, FluxKustomization[]>;
}

function add(map: Map<string, FluxKustomization[]>, key: string, by: FluxKustomization): void {
  const list = map.get(key) ?? [];
  if (!list.includes(by)) list.push(by);
  map.set(key, list);
}

function findCreators(cluster: Cluster, objects: AppliedObject[]): Creators {
  const creators: Creators = { namespaces: new Map(), crds: new Map(), sources: new Map() };
  const sourceDocs = new Set(cluster.sources.map((s) => s.doc));
  for (const { doc, id, by } of objects) {
    if (id.group === '' && id.kind === 'Namespace') add(creators.namespaces, id.name, by);
    if (id.group === 'apiextensions.k8s.io' && id.kind === 'CustomResourceDefinition') {
      const key = crdKindKey(doc.value);
      if (key) add(creators.crds, key, by);
    }
    if (sourceDocs.has(doc)) add(creators.sources, sourceKey(id.kind, id.namespace ?? by.namespace, id.name), by);
  }
  return creators;
}

/** The Kustomizations that apply `k` (its parent, grandparent ...): they exist before it, dependsOn cannot order them. */
function ancestors(k: FluxKustomization, appliedBy: Map<YamlDocument, FluxKustomization>): Set<FluxKustomization> {
  const result = new Set<FluxKustomization>();
  let parent = appliedBy.get(k.doc);
  while (parent && !result.has(parent)) {
    result.add(parent);
    parent = appliedBy.get(parent.doc);
  }
  return result;
}

interface Need {
  /** The Kustomizations that create what the object needs (undefined: nothing on the cluster does). */
  creators: FluxKustomization[] | undefined;
  /** What A applies that needs it, for the message. */
  what: (creator: FluxKustomization) => string;
}

/** What each object applied by a Kustomization needs from others. */
function needsOf(object: AppliedObject, creators: Creators, releases: Map<YamlDocument, FluxHelmRelease>): Need[] {
  const { id, doc, by } = object;
  const needs: Need[] = [];
  // The Kustomization's own namespace exists, or it could not exist itself.
  if (id.namespace !== undefined && id.namespace !== by.namespace && !BUILTIN_NAMESPACES.has(id.namespace)) {
    const namespace = id.namespace;
    needs.push({
      creators: creators.namespaces.get(namespace),
      what: (b) => `objects in namespace "${namespace}" created by Kustomization "${b.name}"`,
    });
  }
  needs.push({
    creators: creators.crds.get(`${id.group}/${id.kind}`),
    what: (b) => `${id.kind} (${id.group}) custom resources whose CustomResourceDefinition is applied by Kustomization "${b.name}"`,
  });
  if (isHelmRelease(doc)) {
    const release = releases.get(doc);
    for (const ref of [release?.chartSourceRef, release?.chartRef]) {
      if (!ref || !release) continue;
      const key = sourceKey(ref.kind, ref.namespace || release.namespace, ref.name);
      needs.push({
        creators: creators.sources.get(key),
        what: (b) => `HelmRelease "${id.name}" whose ${ref.kind} "${ref.name}" is created by Kustomization "${b.name}"`,
      });
    }
  }
  return needs;
}

export function fluxDependsOnRequired(ctx: CheckContext): void {
  const reported = new Set<string>();
  for (const cluster of ctx.graph.clusters) {
    const byKey = kustomizationsByKey(cluster);
    const objects = cluster.objects.filter((o) => !o.by.synthetic).sort((a, b) => compareDocs(a.doc, b.doc));
    const creators = findCreators(cluster, objects);
    const appliedBy = new Map<YamlDocument, FluxKustomization>();
    const appliedObjects = new Map<FluxKustomization, AppliedObject[]>();
    for (const o of objects) {
      if (isFluxKustomization(o.doc) && !appliedBy.has(o.doc)) appliedBy.set(o.doc, o.by);
      const list = appliedObjects.get(o.by) ?? [];
      list.push(o);
      appliedObjects.set(o.by, list);
    }
    const releases = new Map(cluster.helmReleases.map((hr) => [hr.doc, hr]));

    const ancestorsOf = new Map([...byKey.values()].map((k) => [k, ancestors(k, appliedBy)]));

    for (const a of byKey.values()) {
      const closure = dependencyClosure(a, byKey);
      const satisfied = (b: FluxKustomization): boolean =>
        b === a || closure.has(objectKey(b.namespace, b.name)) || !!ancestorsOf.get(a)?.has(b) || !!ancestorsOf.get(b)?.has(a);
      for (const object of appliedObjects.get(a) ?? []) {
        for (const need of needsOf(object, creators, releases)) {
          if (!need.creators || need.creators.some(satisfied)) continue;
          const b = need.creators[0]!;
          const pair = `${a.doc.file}#${a.doc.index} ${objectKey(b.namespace, b.name)}`;
          if (reported.has(pair)) continue;
          reported.add(pair);
          const dependency = b.namespace === a.namespace ? `{name: ${b.name}}` : `{name: ${b.name}, namespace: ${b.namespace}}`;
          const hasDependsOn = (a.doc.value as { spec?: { dependsOn?: unknown } }).spec?.dependsOn !== undefined;
          ctx.report({
            message: `Kustomization "${a.name}" applies ${need.what(b)} but does not depend on it; add dependsOn: [${dependency}]`,
            location: ctx.locate(a.doc, hasDependsOn ? ['spec', 'dependsOn'] : ['spec']),
            object: objectRef({ apiVersion: a.doc.apiVersion, kind: 'Kustomization', namespace: a.namespace, name: a.name }),
          });
        }
      }
    }
  }
}
