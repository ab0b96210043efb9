/**
 * Clusters: find the roots (config entry points, self-applying bootstrap Kustomizations, Flux Kustomizations nothing
 * else applies), then walk from each root, rendering every Flux Kustomization whose source is this repo.
 */
import { inHiddenDir, resolveRepoPath } from '../load/index.js';
import type { YamlDocument } from '../load/types.js';
import { FLUX_NAMESPACE, isArtifactGenerator, isFluxKustomization, isHelmRelease, isSource } from '../k8s/flux.js';
import { idOf, type Scopes } from './identity.js';
import { dirOf } from './kustomize.js';
import type { RenderedDoc, Renderer } from './render.js';
import type { LocalSources } from './sources.js';
import { placement, readArtifacts, readHelmRelease, readKustomization } from './flux.js';
import { substitute } from './postbuild.js';
import type { AppliedObject, Cluster, FluxKustomization, GraphOptions, ObjectId } from './types.js';

export interface GraphParts {
  renderer: Renderer;
  scopes: Scopes;
  sources: LocalSources;
}

/** The cluster name a path implies: `<name>` in `clusters/<name>/...`, else the path itself. */
export function clusterNameOf(path: string): string {
  return /(?:^|\/)clusters\/([^/]+)/.exec(path)?.[1] ?? (path || '.');
}

export function makeKustomization(parts: GraphParts, doc: YamlDocument, id: ObjectId, cluster: string | undefined): FluxKustomization {
  const k = readKustomization(doc, id, cluster);
  return { ...k, sourceIsThisRepo: parts.sources.isLocal(k.sourceRef), path: parts.sources.fluxPath(doc, k.sourceRef) };
}

/** One identity a document is applied with on a cluster: who applies it, and its Flux Kustomization instance if it is one. */
interface Applied {
  namespace?: string;
  name: string;
  by: FluxKustomization[];
  kustomization?: FluxKustomization;
}

/** One cluster: every Flux object and applied document reached from its roots. */
export class ClusterBuilder {
  readonly cluster: Cluster;
  /** Indexed by RenderedDoc.seq rather than keyed by strings: this is the hot loop. */
  private readonly applied: (Applied[] | undefined)[];
  /** Flux Kustomizations whose path is still to be applied. */
  private readonly queue: FluxKustomization[] = [];
  private queued = 0;

  constructor(
    private readonly parts: GraphParts,
    name: string,
    origin: Cluster['origin'],
    private readonly reached: Set<YamlDocument>,
  ) {
    this.cluster = { name, origin, roots: [], kustomizations: [], helmReleases: [], sources: [], objects: [] };
    this.applied = new Array<Applied[] | undefined>(parts.renderer.capacity);
  }

  /** A real Flux Kustomization as root (bootstrap). */
  addRoot(doc: YamlDocument): void {
    const rendered = this.parts.renderer.renderFile(doc.file).find((r) => r.doc === doc);
    const id = idOf(doc, this.parts.scopes);
    const root = this.kustomizationFor(doc, id, rendered ? this.instance(rendered.seq, id).entry : { name: id.name, by: [] });
    this.cluster.roots.push(root);
    this.reached.add(doc);
    this.drain();
  }

  /** A directory applied by something outside the repo (config entry point, unreached Flux Kustomizations). */
  addDirectoryRoot(dir: string, extra: RenderedDoc[], names: { name?: string; namespace?: string } = {}): void {
    const rendered = [...this.parts.renderer.renderDir(dir), ...extra];
    const first = rendered[0];
    if (!first) return;
    const root: FluxKustomization = {
      doc: first.doc,
      name: names.name ?? '',
      namespace: names.namespace ?? FLUX_NAMESPACE,
      cluster: this.cluster.name,
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
      if (k.path?.status === 'dir') this.apply(k, this.parts.renderer.renderDir(k.path.path!));
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

  private kustomizationFor(doc: YamlDocument, id: ObjectId, entry: Applied): FluxKustomization {
    if (!entry.kustomization) {
      const k = makeKustomization(this.parts, doc, id, this.cluster.name);
      entry.kustomization = k;
      this.cluster.kustomizations.push(k);
      this.queue.push(k);
    }
    return entry.kustomization;
  }

  private apply(by: FluxKustomization, rendered: RenderedDoc[]): void {
    const scopes = this.parts.scopes;
    const vars = by.postBuild && Object.keys(by.postBuild.substitute).length > 0 ? by.postBuild.substitute : undefined;
    for (const r of rendered) {
      let id = r.id;
      if (vars && (id.name.includes('${') || id.namespace?.includes('${'))) {
        id = { ...id, name: substitute(id.name, vars), namespace: id.namespace === undefined ? undefined : substitute(id.namespace, vars) };
      }
      if (by.targetNamespace && !scopes.isClusterScoped(id.group, id.kind)) id = { ...id, namespace: by.targetNamespace };
      const { entry, created } = this.instance(r.seq, id);
      if (entry.by.includes(by)) continue;
      entry.by.push(by);
      this.cluster.objects.push({ doc: r.doc, id, cluster: this.cluster.name, by, via: r.via } satisfies AppliedObject);
      this.reached.add(r.doc);
      if (isFluxKustomization(r.doc)) this.kustomizationFor(r.doc, id, entry);
      else if (created) this.addFluxObject(r.doc, id);
    }
  }

  private addFluxObject(doc: YamlDocument, id: ObjectId): void {
    const cluster = this.cluster.name;
    if (isHelmRelease(doc)) this.cluster.helmReleases.push(readHelmRelease(doc, id, cluster));
    else if (isSource(doc)) this.cluster.sources.push({ doc, kind: id.kind, cluster, ...placement(id) });
    else if (isArtifactGenerator(doc)) {
      const { namespace } = placement(id);
      for (const a of readArtifacts(doc)) this.cluster.sources.push({ doc, kind: 'ExternalArtifact', name: a.name, namespace, cluster });
    }
  }
}

/** Roots found from the documents: what builds which cluster. */
export type RootPlan =
  | { type: 'config'; cluster: string; dir: string; name?: string; namespace?: string }
  | { type: 'bootstrap'; cluster: string; doc: YamlDocument }
  | { type: 'unreached'; cluster: string; dir: string; docs: YamlDocument[]; bootstrapLayout: boolean };

/**
 * Plans the roots. Edges: a Flux Kustomization whose source is this repo -> the Flux Kustomizations its path applies.
 * Groups of Kustomizations nothing outside the group applies are roots: a self-applying group is a bootstrap root;
 * a lone unreached Kustomization is applied with the others of its directory.
 */
export function planRoots(parts: GraphParts, options: GraphOptions, kustomizationDocs: YamlDocument[], repoFiles: Set<string>): RootPlan[] {
  const plans: RootPlan[] = [];
  const reachedByConfig = new Set<YamlDocument>();
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
      if (reachedByConfig.has(d)) continue;
      reachedByConfig.add(d);
      stack.push(...(edges.get(d) ?? []));
    }
  };
  for (const e of options.entryPoints ?? []) {
    const resolved = resolveRepoPath('', e.path);
    if (resolved.status !== 'inside') continue;
    plans.push({ type: 'config', cluster: e.cluster, dir: resolved.path, name: e.name, namespace: e.namespace });
    markFrom(appliedBy(resolved.path));
  }
  const nodes = kustomizationDocs.filter((d) => !reachedByConfig.has(d));
  const components = sourceComponents(nodes, edges);
  const unreachedDir = new Map<YamlDocument, string>();
  for (const group of components) {
    const only = group[0]!;
    const selfApplying = group.length > 1 || (edges.get(only) ?? []).includes(only) || group.some(isGotkSync);
    if (selfApplying) {
      const root = group.find(isGotkSync) ?? group.find((d) => d.name === FLUX_NAMESPACE) ?? only;
      plans.push({ type: 'bootstrap', cluster: clusterNameOf(paths.get(root) ?? dirOf(root.file)), doc: root });
    } else if (!inHiddenDir(only.file)) {
      unreachedDir.set(only, dirOf(only.file));
    }
  }
  // Shallowest directories first: a Kustomization that a shallower directory's render already applies joins it.
  const dirs = [...new Set(unreachedDir.values())].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const settled = new Set<string>();
  for (const dir of dirs) {
    if (![...unreachedDir.values()].includes(dir)) continue;
    settled.add(dir);
    for (const r of parts.renderer.renderDir(dir)) {
      const current = unreachedDir.get(r.doc);
      if (current !== undefined && !settled.has(current)) unreachedDir.set(r.doc, dir);
    }
  }
  for (const dir of dirs) {
    const docs = kustomizationDocs.filter((d) => unreachedDir.get(d) === dir);
    if (docs.length > 0) plans.push({ type: 'unreached', cluster: clusterNameOf(dir), dir, docs, bootstrapLayout: hasBootstrapFiles(dir, repoFiles) });
  }
  return plans;
}

/** `<dir>/flux-system/gotk-*.yaml`: the layout `flux bootstrap` writes, even when its files are placeholders. */
function hasBootstrapFiles(dir: string, repoFiles: Set<string>): boolean {
  const prefix = dir ? `${dir}/flux-system/` : 'flux-system/';
  return repoFiles.has(`${prefix}gotk-components.yaml`) || repoFiles.has(`${prefix}gotk-sync.yaml`);
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
