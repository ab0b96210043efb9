/**
 * Clusters: find the roots, then walk from each root, rendering every Flux Kustomization whose source is this repo.
 *
 * Real roots are what Flux itself starts from: a `flux bootstrap` layout (gotk-sync.yaml, or a group of Flux
 * Kustomizations that apply each other), a flux-operator FluxInstance `spec.sync` (also as the flux-instance chart's
 * `values.instance.sync`), and configured entry points. When a repo has any, only what they reach is deployed: a Flux
 * Kustomization no root reaches is an orphan, not a cluster. Only a repo without any real root falls back to treating
 * the Flux Kustomizations nothing applies as roots, grouped by directory.
 */
import { inHiddenDir, resolveRepoPath } from '../load/index.js';
import { nodeAt } from '../load/locate.js';
import type { PathSegment, YamlDocument } from '../load/types.js';
import { FLUX_NAMESPACE, isArtifactGenerator, isFluxKustomization, isHelmRelease, isResourceSet, isSource } from '../k8s/flux.js';
import { idOf, type Scopes } from './identity.js';
import { dirOf } from './kustomize.js';
import type { RenderedDoc, Renderer } from './render.js';
import type { LocalSources } from './sources.js';
import { placement, readArtifacts, readHelmRelease, readKustomization } from './flux.js';
import { substitute, substituteScalar } from './postbuild.js';
import type { InstanceSync } from './instance.js';
import { kustomizationDocument, sourceDocument, type FluxConfiguration } from './azure/index.js';
import { fluxTransforms } from './transforms.js';
import type { AppliedObject, Cluster, FluxKustomization, GraphOptions, ObjectId } from './types.js';

export interface GraphParts {
  renderer: Renderer;
  scopes: Scopes;
  sources: LocalSources;
}

/** The cluster name a path implies: `<name>` in `clusters/<name>/...`, else undefined. */
export function clusterNameIn(path: string): string | undefined {
  return /(?:^|\/)clusters\/([^/]+)/.exec(path)?.[1];
}

/** The cluster name a path implies: `<name>` in `clusters/<name>/...`, else the path itself. */
export function clusterNameOf(path: string): string {
  return clusterNameIn(path) ?? (path || '.');
}

export function makeKustomization(parts: GraphParts, doc: YamlDocument, id: ObjectId, cluster: string | undefined, value: unknown = doc.value): FluxKustomization {
  const k = readKustomization(doc, id, cluster, value);
  return { ...k, sourceIsThisRepo: parts.sources.isLocal(k.sourceRef), path: parts.sources.fluxPath(doc, k.sourceRef, value) };
}

/** One identity a document is applied with on a cluster: who applies it, and its Flux Kustomization instance if it is one. */
interface Applied {
  namespace?: string;
  name: string;
  by: FluxKustomization[];
  kustomization?: FluxKustomization;
}

/** The clusters being built: one builder per cluster, remote clusters (spec.kubeConfig) created on demand. */
export class ClusterSet {
  private readonly builders = new Map<string, ClusterBuilder>();

  constructor(
    private readonly parts: GraphParts,
    readonly reached: Set<YamlDocument>,
  ) {}

  /** The builder of cluster `name`; a name taken by another root of another origin gets a suffix. */
  builder(name: string, origin: Cluster['origin'], hub?: string): ClusterBuilder {
    let b = this.builders.get(name);
    if (!b) this.builders.set(name, (b = new ClusterBuilder(this.parts, this, name, origin, hub)));
    return b;
  }

  /** A name no cluster has yet: `name`, else `name (2)`, `name (3)`... */
  freshName(name: string): string {
    if (!this.builders.has(name)) return name;
    for (let i = 2; ; i++) if (!this.builders.has(`${name} (${i})`)) return `${name} (${i})`;
  }

  get clusters(): Cluster[] {
    return [...this.builders.values()].map((b) => b.cluster);
  }
}

/** One cluster: every Flux object and applied document reached from its roots. */
export class ClusterBuilder {
  readonly cluster: Cluster;
  /** Indexed by RenderedDoc.seq rather than keyed by strings: this is the hot loop. */
  private readonly applied: (Applied[] | undefined)[];
  /** Flux Kustomizations whose path is still to be applied. */
  private readonly queue: FluxKustomization[] = [];
  private queued = 0;
  /** Flux Kustomizations of the cluster by namespace/name. */
  private readonly byName = new Map<string, FluxKustomization>();

  constructor(
    private readonly parts: GraphParts,
    private readonly set: ClusterSet,
    name: string,
    origin: Cluster['origin'],
    hub?: string,
  ) {
    this.cluster = { name, origin, roots: [], kustomizations: [], helmReleases: [], sources: [], objects: [], ...(hub ? { hub } : {}) };
    this.applied = new Array<Applied[] | undefined>(parts.renderer.capacity);
  }

  /** A real Flux Kustomization as root (bootstrap). Its value is the one its own build gives it, patches included. */
  addRoot(doc: YamlDocument): void {
    const id = idOf(doc, this.parts.scopes);
    const own = makeKustomization(this.parts, doc, id, this.cluster.name);
    const self =
      own.path?.status === 'dir'
        ? this.parts.renderer.renderFlux(own.path.path!, fluxTransforms(doc, doc.value, componentsIn(own.path.path!)), doc.file).find((r) => r.doc === doc)
        : undefined;
    const rendered = self ?? this.parts.renderer.renderFile(doc.file).find((r) => r.doc === doc);
    const root = this.kustomizationFor(doc, self?.id ?? id, rendered ? this.instance(rendered.seq, self?.id ?? id).entry : { name: id.name, by: [] }, self?.value ?? doc.value);
    this.cluster.roots.push(root);
    this.set.reached.add(doc);
    this.drain();
  }

  /** The source and Kustomization a FluxInstance's spec.sync makes (flux-operator names both after the sync). */
  addInstanceRoot(sync: InstanceSync): void {
    const { doc, kind, name, namespace } = sync;
    const cluster = this.cluster.name;
    this.cluster.sources.push({ doc, kind, name, namespace, cluster, synthetic: true });
    const sourceRef = { kind, name, namespace, at: sync.at };
    const root: FluxKustomization = {
      doc,
      name,
      namespace,
      cluster,
      value: undefined,
      sourceRef,
      sourceIsThisRepo: this.parts.sources.isLocal(sourceRef),
      path: this.parts.sources.syncPath(sync),
      dependsOn: [],
      prune: true,
      patches: [],
      synthetic: true,
    };
    this.cluster.roots.push(root);
    this.set.reached.add(doc);
    if (root.sourceIsThisRepo && root.path?.status === 'dir') this.apply(root, this.parts.renderer.renderDir(root.path.path!));
    this.drain();
  }

  /**
   * The Flux objects the AKS / Azure Arc microsoft.flux extension creates from the cluster's Flux configurations: each
   * configuration's source and Kustomizations, applied by a stand-in for the extension (synthetic, never listed).
   */
  addAzureRoot(configs: readonly FluxConfiguration[]): void {
    const docs = configs.flatMap((c) => [sourceDocument(c), ...c.kustomizations.map((k) => kustomizationDocument(c, k))]);
    const first = docs[0];
    if (!first) return;
    this.cluster.enforcesMultiTenancy = true;
    const root: FluxKustomization = {
      doc: first,
      name: 'microsoft.flux',
      namespace: FLUX_NAMESPACE,
      cluster: this.cluster.name,
      value: undefined,
      sourceIsThisRepo: false,
      dependsOn: [],
      patches: [],
      synthetic: true,
    };
    this.cluster.roots.push(root);
    this.apply(
      root,
      docs.map((doc) => ({ doc, seq: this.parts.renderer.nextSequence(), id: idOf(doc, this.parts.scopes), via: [], value: doc.value })),
    );
    this.drain();
  }

  /** A directory applied by something outside the repo (config entry point, fallback roots). */
  addDirectoryRoot(dir: string, extra: RenderedDoc[], names: { name?: string; namespace?: string } = {}): void {
    const rendered = [...this.parts.renderer.renderDir(dir), ...extra];
    const first = rendered[0];
    if (!first) return;
    const root: FluxKustomization = {
      doc: first.doc,
      name: names.name ?? '',
      namespace: names.namespace ?? FLUX_NAMESPACE,
      cluster: this.cluster.name,
      value: undefined,
      path: { field: 'flux-path', raw: dir, path: dir, status: 'dir', at: { doc: first.doc, path: [] } },
      sourceIsThisRepo: true,
      dependsOn: [],
      patches: [],
      synthetic: true,
    };
    this.cluster.roots.push(root);
    this.apply(root, rendered);
    this.drain();
  }

  private drain(): void {
    for (; this.queued < this.queue.length; this.queued++) {
      const k = this.queue[this.queued]!;
      if (!k.sourceIsThisRepo || k.path?.status !== 'dir') continue;
      const rendered = this.parts.renderer.renderFlux(k.path.path!, fluxTransforms(k.doc, k.value, componentsIn(k.path.path!)), k.doc.file);
      // spec.kubeConfig: the objects land on another cluster; the Kustomization itself stays here.
      const target = k.kubeConfig ? this.set.builder(`${this.cluster.name}/${k.kubeConfig.secretName}`, 'remote', this.cluster.name) : this;
      target.apply(k, rendered);
      if (target !== this) target.drain();
    }
  }

  /** The record of `doc` applied as `id` on this cluster; `created` when it is the first time. */
  private instance(seq: number, id: ObjectId): { entry: Applied; created: boolean } {
    let list = this.applied[seq];
    if (!list) this.applied[seq] = list = [];
    for (const e of list) if (e.namespace === id.namespace && e.name === id.name) return { entry: e, created: false };
    const entry: Applied = { namespace: id.namespace, name: id.name, by: [] };
    list.push(entry);
    return { entry, created: true };
  }

  private kustomizationFor(doc: YamlDocument, id: ObjectId, entry: Applied, value: unknown): FluxKustomization {
    if (!entry.kustomization) {
      // One object per name on a cluster: another document with the same name (a second cluster's gotk-sync.yaml in
      // the synced path, say) is the same Kustomization, not a second one applying the path again.
      const key = `${id.namespace ?? FLUX_NAMESPACE}/${id.name}`;
      const existing = this.byName.get(key);
      if (existing) return (entry.kustomization = existing);
      const k = makeKustomization(this.parts, doc, id, this.cluster.name, value);
      entry.kustomization = k;
      this.byName.set(key, k);
      this.cluster.kustomizations.push(k);
      this.queue.push(k);
    }
    return entry.kustomization;
  }

  apply(by: FluxKustomization, rendered: RenderedDoc[]): void {
    const vars = by.postBuild && Object.keys(by.postBuild.substitute).length > 0 ? by.postBuild.substitute : undefined;
    for (const r of rendered) {
      let id = r.id;
      let value = r.value;
      if (vars && (id.name.includes('${') || id.namespace?.includes('${'))) {
        id = { ...id, name: substitute(id.name, vars), namespace: id.namespace === undefined ? undefined : substitute(id.namespace, vars) };
      }
      const flux = isFluxKustomization(r.doc) || isHelmRelease(r.doc) || isSource(r.doc);
      // Flux substitutes the whole object: a child Kustomization's path or dependsOn may hold a parent's variable.
      if (vars && flux) value = substituteStrings(value, vars);
      const { entry, created } = this.instance(r.seq, id);
      if (entry.by.includes(by)) continue;
      entry.by.push(by);
      this.cluster.objects.push({ doc: r.doc, id, cluster: this.cluster.name, by, via: r.via, value, ...(r.patchedBy ? { patchedBy: r.patchedBy } : {}) } satisfies AppliedObject);
      this.set.reached.add(r.doc);
      if (isFluxKustomization(r.doc)) this.kustomizationFor(r.doc, id, entry, value);
      else if (created) this.addFluxObject(r.doc, id, value);
      if (created && isResourceSet(r.doc)) this.apply(by, this.resourceSetObjects(r.doc, id, value));
    }
  }

  /**
   * What flux-operator creates from a ResourceSet: each of spec.resources, in the ResourceSet's namespace unless it
   * names one. A resource with `<< inputs... >>` is a template, made once per input with names not known here: left out.
   */
  private resourceSetObjects(doc: YamlDocument, id: ObjectId, value: unknown): RenderedDoc[] {
    const resources = (value as { spec?: { resources?: unknown } } | null)?.spec?.resources;
    if (!Array.isArray(resources)) return [];
    const out: RenderedDoc[] = [];
    resources.forEach((resource, i) => {
      if (typeof resource !== 'object' || resource === null || JSON.stringify(resource).includes('<<')) return;
      const derived = derivedDocument(doc, ['spec', 'resources', i], resource);
      if (!derived) return;
      const own = idOf(derived, this.parts.scopes);
      const resourceId = own.namespace || this.parts.scopes.isClusterScoped(own.group, own.kind) ? own : { ...own, namespace: placement(id).namespace };
      out.push({ doc: derived, seq: this.parts.renderer.nextSequence(), id: resourceId, via: [], value: resource });
    });
    return out;
  }

  private addFluxObject(doc: YamlDocument, id: ObjectId, value: unknown): void {
    const cluster = this.cluster.name;
    if (isHelmRelease(doc)) {
      const release = readHelmRelease(doc, id, cluster, value);
      const chartPath = this.parts.sources.chartPath(doc, release.chartSourceRef, value);
      this.cluster.helmReleases.push(chartPath ? { ...release, chartPath } : release);
    }
    else if (isSource(doc)) this.cluster.sources.push({ doc, kind: id.kind, cluster, ...placement(id) });
    else if (isArtifactGenerator(doc)) {
      const { namespace } = placement(id);
      for (const a of readArtifacts(doc)) this.cluster.sources.push({ doc, kind: 'ExternalArtifact', name: a.name, namespace, cluster });
    }
  }
}

/**
 * A document for an object written inside another (a ResourceSet resource): same file, its own value, and the
 * position tree of that part of the outer document, so findings point at the resource's lines.
 */
function derivedDocument(outer: YamlDocument, path: PathSegment[], value: Record<string, unknown>): YamlDocument | undefined {
  const meta = (value.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return undefined;
  const doc: YamlDocument = {
    file: outer.file,
    index: outer.index,
    value,
    start: outer.start,
    end: outer.end,
    class: 'k8s',
    apiVersion: value.apiVersion,
    kind: value.kind,
    ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
  };
  Object.defineProperty(doc, 'root', { enumerable: true, get: () => nodeAt(outer.root, path) });
  return doc;
}

/** spec.components entries are relative to spec.path and must stay inside the repo. */
function componentsIn(dir: string): (raw: string) => string | undefined {
  return (raw) => {
    const resolved = resolveRepoPath(dir, raw);
    return resolved.status === 'inside' ? resolved.path : undefined;
  };
}

/**
 * Every string of `value` with the inline postBuild variables substituted (a copy where something changed). Objects
 * shared through YAML aliases are visited once, and an alias to an ancestor is left as written.
 */
function substituteStrings(value: unknown, vars: Record<string, string>): unknown {
  const done = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes('${') ? substituteScalar(v, vars) : v;
    if (typeof v !== 'object' || v === null) return v;
    if (done.has(v)) return done.get(v);
    done.set(v, v);
    let out: unknown = v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      v.forEach((item, i) => {
        const next = walk(item);
        if (next !== item) (copy ??= [...v])[i] = next;
      });
      out = copy ?? v;
    } else {
      let copy: Record<string, unknown> | undefined;
      for (const [key, item] of Object.entries(v)) {
        const next = walk(item);
        if (next !== item) (copy ??= { ...(v as Record<string, unknown>) })[key] = next;
      }
      out = copy ?? v;
    }
    done.set(v, out);
    return out;
  };
  return walk(value);
}

/** Roots found from the documents: what builds which cluster. */
export type RootPlan =
  | { type: 'config'; cluster: string; dir: string; name?: string; namespace?: string }
  | { type: 'bootstrap'; cluster: string; doc: YamlDocument }
  /** `flux bootstrap`'s layout without a committed gotk-sync.yaml: bootstrap creates the root applying `dir`. */
  | { type: 'layout'; cluster: string; dir: string }
  | { type: 'instance'; cluster: string; sync: InstanceSync }
  /** AKS / Azure Arc Flux configurations attached to one cluster. */
  | { type: 'azure'; cluster: string; configs: FluxConfiguration[] }
  | { type: 'fallback'; cluster: string; dir: string; docs: YamlDocument[] };

/**
 * Plans the roots. Edges: a Flux Kustomization whose source is this repo -> the Flux Kustomizations its path applies.
 * Real roots first (config, FluxInstance syncs, bootstrap groups: Kustomizations that apply each other, or a
 * gotk-sync.yaml); without any, the groups of Kustomizations nothing applies, by directory.
 */
export function planRoots(
  parts: GraphParts,
  options: GraphOptions,
  kustomizationDocs: YamlDocument[],
  syncs: InstanceSync[],
  repoFiles: Iterable<string>,
  azure: readonly FluxConfiguration[] = [],
): RootPlan[] {
  const plans: RootPlan[] = [];
  const reachedByRoots = new Set<YamlDocument>();
  const edges = new Map<YamlDocument, YamlDocument[]>();
  const paths = new Map<YamlDocument, string | undefined>();
  const appliedBy = (dir: string): YamlDocument[] =>
    [...new Set(parts.renderer.renderDir(dir).map((r) => r.doc))].filter((d) => isFluxKustomization(d));
  for (const doc of kustomizationDocs) {
    const path = makeKustomization(parts, doc, idOf(doc, parts.scopes), undefined).path;
    paths.set(doc, path?.path);
    edges.set(doc, path?.status === 'dir' ? appliedBy(path.path!) : []);
  }
  const markFrom = (docs: YamlDocument[]): void => {
    for (const stack = [...docs]; stack.length > 0; ) {
      const d = stack.pop()!;
      if (reachedByRoots.has(d)) continue;
      reachedByRoots.add(d);
      stack.push(...(edges.get(d) ?? []));
    }
  };
  for (const e of options.entryPoints ?? []) {
    const resolved = resolveRepoPath('', e.path);
    if (resolved.status !== 'inside') continue;
    plans.push({ type: 'config', cluster: e.cluster, dir: resolved.path, name: e.name, namespace: e.namespace });
    markFrom(appliedBy(resolved.path));
  }
  const byCluster = new Map<string, FluxConfiguration[]>();
  for (const config of azure) byCluster.set(config.cluster, [...(byCluster.get(config.cluster) ?? []), config]);
  for (const [cluster, configs] of byCluster) {
    plans.push({ type: 'azure', cluster, configs });
    for (const config of configs) {
      for (const k of config.kustomizations) {
        const doc = kustomizationDocument(config, k);
        const path = makeKustomization(parts, doc, idOf(doc, parts.scopes), undefined).path;
        if (path?.status === 'dir') markFrom(appliedBy(path.path!));
      }
    }
  }
  for (const sync of syncs) {
    const path = parts.sources.syncPath(sync);
    plans.push({ type: 'instance', cluster: clusterNameIn(sync.doc.file) ?? clusterNameOf(path?.path ?? sync.path), sync });
    if (path?.status === 'dir' && parts.sources.isLocal(sync)) markFrom(appliedBy(path.path!));
  }
  // Every gotk-sync.yaml is the root of the cluster it was bootstrapped for, even when another root's path includes it.
  for (const doc of kustomizationDocs.filter((d) => isGotkSync(d) && !inHiddenDir(d.file) && d.name === FLUX_NAMESPACE)) {
    plans.push({ type: 'bootstrap', cluster: clusterNameIn(doc.file) ?? clusterNameOf(paths.get(doc) ?? dirOf(doc.file)), doc });
    markFrom([doc]);
  }
  const syncDirs = new Set(kustomizationDocs.filter(isGotkSync).map((d) => dirOf(d.file)));
  for (const dir of bootstrapLayoutDirs(repoFiles)) {
    if (syncDirs.has(`${dir ? `${dir}/` : ''}flux-system`) || inHiddenDir(`${dir}/x`)) continue;
    plans.push({ type: 'layout', cluster: clusterNameOf(dir), dir });
    markFrom(appliedBy(dir));
  }
  const nodes = kustomizationDocs.filter((d) => !reachedByRoots.has(d));
  const components = sourceComponents(nodes, edges);
  const lone = new Map<YamlDocument, string>();
  for (const group of components) {
    const only = group[0]!;
    const selfApplying = group.length > 1 || (edges.get(only) ?? []).includes(only) || group.some(isGotkSync);
    if (selfApplying) {
      const root = group.find(isGotkSync) ?? group.find((d) => d.name === FLUX_NAMESPACE) ?? only;
      // Named after where the root is written (clusters/<name>/flux-system), so two roots syncing one path stay two clusters.
      plans.push({ type: 'bootstrap', cluster: clusterNameIn(root.file) ?? clusterNameOf(paths.get(root) ?? dirOf(root.file)), doc: root });
    } else if (!inHiddenDir(only.file)) {
      lone.set(only, dirOf(only.file));
    }
  }
  if (plans.length > 0) return plans;

  // No real root: the Flux Kustomizations nothing applies are the roots. Shallowest directories first: a Kustomization
  // that a shallower directory's render already applies joins it.
  const dirs = [...new Set(lone.values())].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const settled = new Set<string>();
  for (const dir of dirs) {
    if (![...lone.values()].includes(dir)) continue;
    settled.add(dir);
    for (const r of parts.renderer.renderDir(dir)) {
      const current = lone.get(r.doc);
      if (current !== undefined && !settled.has(current)) lone.set(r.doc, dir);
    }
  }
  for (const dir of dirs) {
    const docs = kustomizationDocs.filter((d) => lone.get(d) === dir);
    if (docs.length > 0) plans.push({ type: 'fallback', cluster: clusterNameOf(dir), dir, docs });
  }
  return plans;
}

/** Directories holding `flux-system/gotk-components.yaml` or `gotk-sync.yaml`: the layout `flux bootstrap` writes. */
function bootstrapLayoutDirs(repoFiles: Iterable<string>): string[] {
  const dirs = new Set<string>();
  for (const f of repoFiles) {
    const m = /^(?:(.*)\/)?flux-system\/gotk-(?:components|sync)\.ya?ml$/.exec(f);
    if (m) dirs.add(m[1] ?? '');
  }
  return [...dirs].sort();
}

function isGotkSync(doc: YamlDocument): boolean {
  return /(?:^|\/)flux-system\/gotk-sync\.ya?ml$/.test(doc.file);
}

/** Strongly connected components with no edge coming in from outside them (Tarjan), in document order. */
function sourceComponents(nodes: YamlDocument[], edges: Map<YamlDocument, YamlDocument[]>): YamlDocument[][] {
  const inSet = new Set(nodes);
  const index = new Map<YamlDocument, number>();
  const low = new Map<YamlDocument, number>();
  const comp = new Map<YamlDocument, number>();
  const stack: YamlDocument[] = [];
  const components: YamlDocument[][] = [];
  const strong = (v: YamlDocument): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!inSet.has(w)) continue;
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (!comp.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: YamlDocument[] = [];
      for (let w = stack.pop(); w; w = w === v ? undefined : stack.pop()) {
        comp.set(w, components.length);
        group.push(w);
      }
      components.push(group);
    }
  };
  for (const n of nodes) if (!index.has(n)) strong(n);
  const hasIncoming = new Set<number>();
  for (const v of nodes) for (const w of edges.get(v) ?? []) if (inSet.has(w) && comp.get(v) !== comp.get(w)) hasIncoming.add(comp.get(w)!);
  const order = new Map(nodes.map((n, i) => [n, i]));
  return components
    .filter((_, i) => !hasIncoming.has(i))
    .map((g) => g.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}
