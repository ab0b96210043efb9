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
import { CHART_CRDS_SCHEMA, chartCrdGroups, helmfileCrdGroups, type ChartCrds } from './chart-crds.js';
import { type AzureContext, dependencyEntry } from './depends-entry.js';
import { compareDocs, dependencyClosure, kustomizationsByKey, objectKey } from './flux-lookup.js';

/** A creator of something: the Kustomization that applies it, and what it is for the message. */
interface Creator {
  by: FluxKustomization;
  /** `HelmRelease "cert-manager" (chart cert-manager)`, when a HelmRelease B applies creates it. */
  via?: string;
  /** That HelmRelease's name: a health check on it orders what waits for it. */
  release?: string;
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

/**
 * Who creates what on `cluster`. `preinstalled`: API groups whose CRDs the repository's Helmfile bootstrap installs;
 * they exist before Flux starts, so nothing on the cluster orders them.
 */
function findCreators(cluster: Cluster, objects: AppliedObject[], repo: LoadedRepo, table: readonly ChartCrds[], preinstalled: ReadonlySet<string>): Creators {
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
    for (const group of (installs?.groups ?? []).filter((g) => !preinstalled.has(g))) add(creators.chartGroups, group, { by, via: `HelmRelease "${id.name}" (chart ${installs!.chart})`, release: id.name });
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
  /** A health check that waits for what is needed (a Kustomization A depends on with it orders A too). */
  checkedBy?: (check: HealthCheck) => boolean;
}

interface HealthCheck {
  kind?: unknown;
  name?: unknown;
}

function healthChecks(k: FluxKustomization): HealthCheck[] {
  const checks = (k.value as { spec?: { healthChecks?: unknown } } | undefined)?.spec?.healthChecks;
  return Array.isArray(checks) ? checks.filter((c): c is HealthCheck => typeof c === 'object' && c !== null) : [];
}

/** A health check on a CRD of `group` (CRD names are `<plural>.<group>`), or on one of the HelmReleases installing it. */
const crdCheck = (group: string, creators: Creator[] | undefined) => (check: HealthCheck): boolean =>
  (check.kind === 'CustomResourceDefinition' && typeof check.name === 'string' && check.name.endsWith(`.${group}`)) ||
  (check.kind === 'HelmRelease' && !!creators?.some((c) => c.release !== undefined && c.release === check.name));

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
      ? {
          creators: crd,
          what: (c) => `${id.kind} (${id.group}) custom resources whose CustomResourceDefinition is applied by Kustomization "${c.by.name}"`,
          checkedBy: crdCheck(id.group, undefined),
        }
      : {
          // No Kustomization applies the CRD as an object: a chart installs it, if a HelmRelease's chart is known to.
          creators: creators.chartGroups.get(id.group),
          what: (c) => `${id.kind} (${id.group}) custom resources whose CRDs ${c.via} installs, applied by Kustomization "${c.by.name}"`,
          checkedBy: crdCheck(id.group, creators.chartGroups.get(id.group)),
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

/** One Kustomization A missing the dependency on B, for what. */
interface Missing {
  a: FluxKustomization;
  b: FluxKustomization;
  what: string;
}

/** Every (A, B) pair of one cluster where A needs what B creates and nothing orders A after B, first reason only. */
function missingDependencies(ctx: CheckContext, cluster: Cluster, table: readonly ChartCrds[], preinstalled: ReadonlySet<string>) {
  const byKey = kustomizationsByKey(cluster);
  const objects = cluster.objects.filter((o) => !o.by.synthetic).sort((a, b) => compareDocs(a.doc, b.doc));
  const creators = findCreators(cluster, objects, ctx.repo, table, preinstalled);
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
  const missing: Missing[] = [];
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
    const waitedFor = [...byKey.values()].filter(ordered);
    const found = new Set<FluxKustomization>();
    for (const object of appliedObjects.get(a) ?? []) {
      for (const need of needsOf(object, creators, releases)) {
        if (!need.creators || need.creators.some(satisfied)) continue;
        if (need.checkedBy && waitedFor.some((k) => healthChecks(k).some(need.checkedBy!))) continue;
        const creator = need.creators[0]!;
        if (found.has(creator.by)) continue;
        found.add(creator.by);
        missing.push({ a, b: creator.by, what: need.what(creator) });
      }
    }
  }
  return { missing, byKey, ancestorsOf };
}

/**
 * What to do about a missing dependency: the dependsOn entry, unless adding it would close a cycle (B already depends
 * on A, or B needs something A creates too): then A's objects that need B must move to a Kustomization after B.
 */
function remedy(m: Missing, pairs: ReadonlySet<string>, byKey: Map<string, FluxKustomization>, azure: AzureContext): string {
  const { a, b } = m;
  const moveOut = `move what needs it out of "${a.name}" into a Kustomization that depends on "${b.name}"`;
  if (dependencyClosure(b, byKey).has(objectKey(a.namespace, a.name))) {
    return `"${b.name}" depends on "${a.name}" (directly or through others), so dependsOn would be a cycle; ${moveOut}`;
  }
  if (pairs.has(`${objectKey(b.namespace, b.name)} ${objectKey(a.namespace, a.name)}`)) {
    return `"${b.name}" also needs something "${a.name}" creates, so depending both ways would be a cycle and neither can start on a fresh cluster; ${moveOut}`;
  }
  return dependencyEntry(a, b, azure);
}

export function fluxDependsOnRequired(ctx: CheckContext): void {
  const table = [...((ctx.params.chartCrds as ChartCrds[] | undefined) ?? []), ...((ctx.params.extraChartCrds as ChartCrds[] | undefined) ?? [])];
  // Repository-wide: read once, not per cluster.
  const preinstalled = helmfileCrdGroups(ctx.repo, table);
  const reported = new Set<string>();
  for (const cluster of ctx.graph.clusters) {
    const { missing, byKey, ancestorsOf } = missingDependencies(ctx, cluster, table, preinstalled);
    // What the microsoft.flux extension creates (the synthetic root applies them): their dependsOn is the configuration's.
    const fromExtension = new Set(cluster.objects.filter((o) => o.by.synthetic && cluster.origin === 'azure' && isFluxKustomization(o.doc)).map((o) => o.doc));
    const pairs = new Set(missing.map(({ a, b }) => `${objectKey(a.namespace, a.name)} ${objectKey(b.namespace, b.name)}`));
    for (const m of missing) {
      const { a, b } = m;
      const pair = `${a.doc.file}#${a.doc.index} ${objectKey(b.namespace, b.name)}`;
      if (reported.has(pair)) continue;
      reported.add(pair);
      const hasDependsOn = (a.doc.value as { spec?: { dependsOn?: unknown } }).spec?.dependsOn !== undefined;
      // A Flux configuration's dependsOn list has no key of its own in every form (az strings): its first entry.
      const where = !hasDependsOn ? ['spec'] : fromExtension.has(a.doc) ? ['spec', 'dependsOn', 0] : ['spec', 'dependsOn'];
      ctx.report({
        message: `Kustomization "${a.name}" applies ${m.what} but does not depend on it; ${remedy(m, pairs, byKey, { fromExtension, ancestorsOf })}`,
        location: ctx.locate(a.doc, where),
        object: objectRef({ apiVersion: a.doc.apiVersion, kind: 'Kustomization', namespace: a.namespace, name: a.name }),
      });
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
