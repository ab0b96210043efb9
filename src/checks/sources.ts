/** Source references of Flux objects that resolve to no source on the cluster (nor outside the repo). */
import type { CheckContext } from './types.js';
import type { Location } from '../finding.js';
import type { Cluster, FluxSource, SourceRef } from '../graph/types.js';
import type { PathSegment, YamlDocument } from '../load/types.js';
import { FLUX_NAMESPACE, isFluxKustomization, isHelmRelease, isToolkitGroup } from '../k8s/flux.js';
import { sourceKey } from '../k8s/identity.js';
import { objectRef } from '../k8s/object-ref.js';
import { closestName } from '../util/suggest.js';
import { isTemplated, quoteClusters, quoteName } from './flux-lookup.js';

/** One reference to check: who refers, to what, from where in which document. */
interface Reference {
  owner: { doc: YamlDocument; kind: string; name: string; namespace: string };
  /** How the message names the field, e.g. `sourceRef`, `chartRef`. */
  field: string;
  kind: string;
  name: string;
  namespace: string;
  doc: YamlDocument;
  path: PathSegment[];
}

function fromSourceRef(owner: Reference['owner'], field: string, ref: SourceRef, path: PathSegment[]): Reference {
  return { owner, field, kind: ref.kind, name: ref.name, namespace: ref.namespace || owner.namespace, doc: ref.at.doc, path };
}

function isSourceRefValue(value: unknown): value is { kind?: unknown; name: string; namespace?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

/** spec.sourceRef of Flux objects the graph does not model (HelmChart, ImageUpdateAutomation), read from the document. */
function otherSourceRefs(cluster: Cluster): Reference[] {
  const refs: Reference[] = [];
  for (const object of cluster.objects) {
    const { doc, id } = object;
    if (!isToolkitGroup(id.group) || isFluxKustomization(doc) || isHelmRelease(doc)) continue;
    const spec = (doc.value as { spec?: { sourceRef?: unknown } }).spec;
    const ref = typeof spec === 'object' && spec !== null ? spec.sourceRef : undefined;
    if (!isSourceRefValue(ref)) continue;
    // ImageUpdateAutomation's sourceRef.kind defaults to GitRepository; other kinds require it.
    const kind = typeof ref.kind === 'string' ? ref.kind : id.kind === 'ImageUpdateAutomation' ? 'GitRepository' : undefined;
    if (!kind) continue;
    const namespace = id.namespace ?? FLUX_NAMESPACE;
    const owner = { doc, kind: id.kind, name: id.name, namespace };
    const refNamespace = typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : namespace;
    refs.push({ owner, field: 'sourceRef', kind, name: ref.name, namespace: refNamespace, doc, path: ['spec', 'sourceRef', 'name'] });
  }
  return refs;
}

function kustomizationSourceRefs(cluster: Cluster): Reference[] {
  const refs: Reference[] = [];
  for (const k of cluster.kustomizations) {
    const owner = { doc: k.doc, kind: 'Kustomization', name: k.name, namespace: k.namespace };
    if (k.sourceRef) refs.push(fromSourceRef(owner, 'sourceRef', k.sourceRef, ['spec', 'sourceRef', 'name']));
  }
  return [...refs, ...otherSourceRefs(cluster)];
}

function helmReleaseSourceRefs(cluster: Cluster): Reference[] {
  const refs: Reference[] = [];
  for (const hr of cluster.helmReleases) {
    const owner = { doc: hr.doc, kind: 'HelmRelease', name: hr.name, namespace: hr.namespace };
    if (hr.chartSourceRef) {
      refs.push(fromSourceRef(owner, 'chart.spec.sourceRef', hr.chartSourceRef, ['spec', 'chart', 'spec', 'sourceRef', 'name']));
    }
    if (hr.chartRef) refs.push(fromSourceRef(owner, 'chartRef', hr.chartRef, ['spec', 'chartRef', 'name']));
  }
  return refs;
}

/** Why a reference may be wrong: another kind with that name, another namespace, or a close name. */
function hint(ref: Reference, sources: FluxSource[]): string {
  const otherKind = sources.find((s) => s.name === ref.name && s.namespace === ref.namespace);
  if (otherKind) return `; a ${otherKind.kind} "${ref.name}" exists: set kind: ${otherKind.kind}`;
  const otherNamespace = sources.find((s) => s.name === ref.name && s.kind === ref.kind);
  if (otherNamespace) return `; it exists in namespace "${otherNamespace.namespace}": set namespace: ${otherNamespace.namespace}`;
  const sameKind = sources.filter((s) => s.kind === ref.kind && s.namespace === ref.namespace).map((s) => s.name);
  const close = closestName(ref.name, sameKind);
  if (close) return `; did you mean "${close}"?`;
  return '; define it, fix the reference, or list it in externalSources in .gitops-lint.yaml if it is created outside the repo';
}

interface Missing {
  ref: Reference;
  location: Location;
  clusters: string[];
  sources: FluxSource[];
}

/**
 * Sources a cluster can use: its own, and in `fallback` mode (no real root: a library of bases that consumers compose)
 * those of every cluster the graph guessed.
 */
function providedOn(ctx: CheckContext, cluster: Cluster): FluxSource[] {
  return ctx.graph.mode === 'fallback' ? ctx.graph.clusters.flatMap((c) => c.sources) : cluster.sources;
}

/** Where the missing source is written in the repo, and why the cluster does not get it. */
function whereDefined(ctx: CheckContext, ref: Reference, clusters: string[]): string {
  const defined = ctx.graph.sources.filter((s) => s.kind === ref.kind && s.name === ref.name && s.namespace === ref.namespace && !s.synthetic);
  if (defined.length === 0) return '';
  const elsewhere = [...new Set(defined.map((s) => s.cluster).filter((c): c is string => c !== undefined && !clusters.includes(c)))];
  const file = defined[0]!.doc.file;
  if (elsewhere.length > 0) return `; it is defined in ${file}, which only ${quoteClusters(elsewhere)} applies`;
  // The Kustomization that would apply it: one on the cluster whose spec.path is broken, nearest to the file.
  const broken = ctx.graph.clusters
    .filter((c) => clusters.includes(c.name))
    .flatMap((c) => c.kustomizations)
    .filter((k) => k.sourceIsThisRepo && k.path?.status === 'missing' && k.path.path !== undefined)
    .sort((a, b) => commonPrefix(b.path!.path!, file) - commonPrefix(a.path!.path!, file))[0];
  if (broken) return `; it is defined in ${file}, which nothing applies because Kustomization "${broken.name}" spec.path "${broken.path!.raw}" does not exist: fix that path`;
  return `; it is defined in ${file}, which no Kustomization on this cluster applies`;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Reports every reference that neither the cluster's sources nor graph.externalSources provide. A source referenced
 * from several places and defined nowhere is one finding, at its first reference, with the count: one root cause.
 */
function reportMissingSources(ctx: CheckContext, referencesOf: (cluster: Cluster) => Reference[]): void {
  const missing = new Map<string, Missing>();
  for (const cluster of ctx.graph.clusters) {
    const sources = providedOn(ctx, cluster);
    const provided = new Set(sources.map((s) => sourceKey(s.kind, s.namespace, s.name)));
    for (const ref of referencesOf(cluster)) {
      // A missing kind is a schema error (schema rules); a `${VAR}` name is only known after substitution.
      if (!ref.kind || isTemplated(ref.name) || isTemplated(ref.namespace)) continue;
      const key = sourceKey(ref.kind, ref.namespace, ref.name);
      if (provided.has(key) || ctx.graph.externalSources.has(key)) continue;
      const location = ctx.locate(ref.doc, ref.path, 'value');
      const at = `${location.file}:${location.line}:${location.column}`;
      const entry = missing.get(at) ?? { ref, location, clusters: [], sources };
      entry.clusters.push(cluster.name);
      missing.set(at, entry);
    }
  }
  const bySource = new Map<string, Missing[]>();
  for (const m of missing.values()) {
    const key = sourceKey(m.ref.kind, m.ref.namespace, m.ref.name);
    const list = bySource.get(key);
    if (list) list.push(m);
    else bySource.set(key, [m]);
  }
  for (const group of bySource.values()) {
    group.sort((a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line));
    const { ref, location, clusters, sources } = group[0]!;
    const { owner } = ref;
    const others = group.slice(1);
    const allClusters = [...new Set(group.flatMap((m) => m.clusters))];
    const defined = whereDefined(ctx, ref, allClusters);
    const more =
      others.length > 0
        ? ` (and ${others.length} more reference${others.length > 1 ? 's' : ''} to it: ${others
            .slice(0, 3)
            .map((m) => `${m.location.file}:${m.location.line}`)
            .join(', ')}${others.length > 3 ? ', ...' : ''})`
        : '';
    ctx.report({
      message:
        `${owner.kind} "${owner.name}" ${ref.field} refers to ${ref.kind} ${quoteName(ref.name, ref.namespace, owner.namespace)} ` +
        `which does not exist on ${quoteClusters(allClusters.length > 0 ? allClusters : clusters)}${more}${defined || hint(ref, sources)}`,
      location,
      object: objectRef({ apiVersion: owner.doc.apiVersion, kind: owner.kind, namespace: owner.namespace, name: owner.name }),
    });
  }
}

export function fluxSourceMissing(ctx: CheckContext): void {
  reportMissingSources(ctx, kustomizationSourceRefs);
}

export function helmReleaseSourceMissing(ctx: CheckContext): void {
  reportMissingSources(ctx, helmReleaseSourceRefs);
}
