/**
 * flux-dependson-required: a Flux Kustomization that applies objects needing what another Kustomization on the same
 * cluster creates (their Namespace, the CRD of their kind, the source of their HelmRelease, the namespace a
 * HelmRelease installs into, the CRDs a HelmRelease's chart installs) must depend on it, or its first reconciliation
 * fails on a fresh cluster.
 */
import type { CheckContext } from './types.js';
import type { AppliedObject, Cluster, FluxHelmRelease, FluxKustomization } from '../graph/types.js';
import { isFluxKustomization, isHelmRelease } from '../k8s/flux.js';
import { crdKindKey, sourceKey } from '../k8s/identity.js';
import { BUILTIN_NAMESPACES } from '../k8s/namespaces.js';
import { objectRef } from '../k8s/object-ref.js';
import type { LoadedRepo, YamlDocument } from '../load/types.js';
import { CHART_CRDS_SCHEMA, chartCrdGroups, type ChartCrds } from './chart-crds.js';
import { dependencyEntry } from './depends-entry.js';
import { compareDocs, dependencyClosure, kustomizationsByKey, objectKey } from './flux-lookup.js';

/** A creator of something: the Kustomization that applies it, and what it is for the message. */
interface Creator {
  by: FluxKustomization;
  /** `HelmRelease "cert-manager" (chart cert-manager)`, when a HelmRelease B applies creates it. */
  via?: string;
}

/** Who creates what on one cluster: namespace / CRD group+kind / source key / CRD group (charts) -> its creators. */
interface Creators {
  namespaces: Map<string, Creator[]>;
  crds: Map<string, Creator[]>;
  sources: Map<string, Creator[]>;
  chartGroups: Map<string, Creator[]>;
}

function add(map: Map<string, Creator[]>, key: string, creator: Creator): void {
  const list = map.get(key) ?? [];
  if (!list.some((c) => c.by === creator.by)) list.push(creator);
  map.set(key, list);
}

function findCreators(cluster: Cluster, objects: AppliedObject[], repo: LoadedRepo, table: readonly ChartCrds[]): Creators {
  const creators: Creators = { namespaces: new Map(), crds: new Map(), sources: new Map(), chartGroups: new Map() };
  const sourceDocs = new Set(cluster.sources.map((s) => s.doc));
  const releases = new Map(cluster.helmReleases.map((hr) => [hr.doc, hr]));
  for (const { doc, id, by } of objects) {
    if (id.group === '' && id.kind === 'Namespace') add(creators.namespaces, id.name, { by });
    if (id.group === 'apiextensions.k8s.io' && id.kind === 'CustomResourceDefinition') {
      const key = crdKindKey(doc.value);
      if (key) add(creators.crds, key, { by });
    }
    if (sourceDocs.has(doc)) add(creators.sources, sourceKey(id.kind, id.namespace ?? by.namespace, id.name), { by });
    const release = releases.get(doc);
    const installs = release && chartCrdGroups(release, cluster, repo, table);
    for (const group of installs?.groups ?? []) add(creators.chartGroups, group, { by, via: `HelmRelease "${id.name}" (chart ${installs!.chart})` });
  }
  return creators;
}

/** The Kustomizations that apply `k` (its parent, grandparent ...): they exist before it, dependsOn cannot order them. */
function ancestors(k: FluxKustomization, appliedBy: Map<YamlDocument, FluxKustomization>): FluxKustomization[] {
  const result: FluxKustomization[] = [];
  let parent = appliedBy.get(k.doc);
  while (parent && !result.includes(parent)) {
    result.push(parent);
    parent = appliedBy.get(parent.doc);
  }
  return result;
}

interface Need {
  /** What creates what the object needs (undefined: nothing on the cluster does). */
  creators: Creator[] | undefined;
  /** What A applies that needs it, for the message. */
  what: (creator: Creator) => string;
}

const known = (namespace: unknown): namespace is string => typeof namespace === 'string' && namespace !== '' && !namespace.includes('${');

/** Namespaces a HelmRelease needs to exist: the one it installs into (unless Helm creates it) and its storage namespace. */
function releaseNamespaceNeeds(object: AppliedObject, creators: Creators): Need[] {
  const spec = ((object.value as { spec?: unknown } | null)?.spec ?? {}) as Record<string, unknown>;
  const install = (spec.install ?? {}) as { createNamespace?: unknown };
  const fields: [string, unknown][] = [
    ['spec.targetNamespace', install.createNamespace === true ? undefined : spec.targetNamespace],
    ['spec.storageNamespace', spec.storageNamespace],
  ];
  return fields
    .filter((f): f is [string, string] => known(f[1]) && f[1] !== object.by.namespace && f[1] !== object.id.namespace && !BUILTIN_NAMESPACES.has(f[1]))
    .map(([field, namespace]) => ({
      creators: creators.namespaces.get(namespace),
      what: (c) => `HelmRelease "${object.id.name}" whose ${field} "${namespace}" is created by Kustomization "${c.by.name}"`,
    }));
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
      what: (c) => `objects in namespace "${namespace}" created by Kustomization "${c.by.name}"`,
    });
  }
  const crd = creators.crds.get(`${id.group}/${id.kind}`);
  needs.push(
    crd || id.group === ''
      ? { creators: crd, what: (c) => `${id.kind} (${id.group}) custom resources whose CustomResourceDefinition is applied by Kustomization "${c.by.name}"` }
      : {
          // No Kustomization applies the CRD as an object: a chart installs it, if a HelmRelease's chart is known to.
          creators: creators.chartGroups.get(id.group),
          what: (c) => `${id.kind} (${id.group}) custom resources whose CRDs ${c.via} installs, applied by Kustomization "${c.by.name}"`,
        },
  );
  if (isHelmRelease(doc)) {
    needs.push(...releaseNamespaceNeeds(object, creators));
    const release = releases.get(doc);
    for (const ref of [release?.chartSourceRef, release?.chartRef]) {
      if (!ref || !release) continue;
      const key = sourceKey(ref.kind, ref.namespace || release.namespace, ref.name);
      needs.push({
        creators: creators.sources.get(key),
        what: (c) => `HelmRelease "${id.name}" whose ${ref.kind} "${ref.name}" is created by Kustomization "${c.by.name}"`,
      });
    }
  }
  return needs;
}

const waits = (k: FluxKustomization): boolean => (k.value as { spec?: { wait?: unknown } } | undefined)?.spec?.wait === true;

export function fluxDependsOnRequired(ctx: CheckContext): void {
  const table = [...((ctx.params.chartCrds as ChartCrds[] | undefined) ?? []), ...((ctx.params.extraChartCrds as ChartCrds[] | undefined) ?? [])];
  const reported = new Set<string>();
  for (const cluster of ctx.graph.clusters) {
    const byKey = kustomizationsByKey(cluster);
    // What the microsoft.flux extension creates (the synthetic root applies them): their dependsOn is the configuration's.
    const fromExtension = new Set(cluster.objects.filter((o) => o.by.synthetic && cluster.origin === 'azure' && isFluxKustomization(o.doc)).map((o) => o.doc));
    const objects = cluster.objects.filter((o) => !o.by.synthetic).sort((a, b) => compareDocs(a.doc, b.doc));
    const creators = findCreators(cluster, objects, ctx.repo, table);
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
      const aAncestors = ancestorsOf.get(a) ?? [];
      // A starts after everything A or a Kustomization applying A depends on: a parent waits for its dependencies before applying A.
      const closure = new Set([a, ...aAncestors].flatMap((k) => [...dependencyClosure(k, byKey)]));
      const ordered = (k: FluxKustomization): boolean => closure.has(objectKey(k.namespace, k.name));
      const satisfied = ({ by: b }: Creator): boolean =>
        b === a ||
        ordered(b) ||
        aAncestors.includes(b) ||
        !!ancestorsOf.get(b)?.includes(a) ||
        // A depends on a Kustomization that applies B and waits for what it applies (B's Ready included).
        !!ancestorsOf.get(b)?.some((p) => waits(p) && ordered(p));
      for (const object of appliedObjects.get(a) ?? []) {
        for (const need of needsOf(object, creators, releases)) {
          if (!need.creators || need.creators.some(satisfied)) continue;
          const creator = need.creators[0]!;
          const b = creator.by;
          const pair = `${a.doc.file}#${a.doc.index} ${objectKey(b.namespace, b.name)}`;
          if (reported.has(pair)) continue;
          reported.add(pair);
          const hasDependsOn = (a.doc.value as { spec?: { dependsOn?: unknown } }).spec?.dependsOn !== undefined;
          const entry = dependencyEntry(a, b, { fromExtension, ancestorsOf });
          ctx.report({
            message: `Kustomization "${a.name}" applies ${need.what(creator)} but does not depend on it; ${entry}`,
            location: ctx.locate(a.doc, hasDependsOn ? ['spec', 'dependsOn'] : ['spec']),
            object: objectRef({ apiVersion: a.doc.apiVersion, kind: 'Kustomization', namespace: a.namespace, name: a.name }),
          });
        }
      }
    }
  }
}

export const dependsOnRequiredParams = {
  type: 'object',
  properties: {
    chartCrds: { ...CHART_CRDS_SCHEMA, description: 'the built-in table of charts and the CRD API groups they install (replace it to change a row)' },
    extraChartCrds: { ...CHART_CRDS_SCHEMA, description: 'more charts and the CRD API groups they install, added to chartCrds' },
  },
  additionalProperties: false,
} as const;
