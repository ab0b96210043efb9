/**
 * The dependency graph of each cluster as a picture: its Flux Kustomizations (with their paths), sources and
 * HelmReleases, and the edges between them: `dependsOn`, the source a Kustomization or a release's chart comes from,
 * and which Kustomization applies which Flux object. Read from the RepoGraph; the formats (text, mermaid, dot) only
 * draw it. A dependsOn entry naming nothing on the cluster is drawn as a missing node, so the gap shows.
 */
import type { Cluster, FluxKustomization, NamespacedName, RepoGraph, SourceRef } from '../../graph/types.js';

export type NodeKind = 'Kustomization' | 'HelmRelease' | 'Source' | 'Missing';

export interface PictureNode {
  /** Unique in the picture, letters, digits and `_` only (usable as a Mermaid or DOT id as is). */
  id: string;
  kind: NodeKind;
  /** The Flux kind (GitRepository, Bucket, ...) for sources; the kind named by a missing reference. */
  fluxKind: string;
  name: string;
  namespace: string;
  /** Kustomizations: spec.path as written. */
  path?: string;
  /** Where the object is declared (repo-relative). */
  file: string;
}

export interface PictureEdge {
  from: string;
  to: string;
  kind: 'dependsOn' | 'source' | 'applies';
}

export interface ClusterPicture {
  name: string;
  origin: Cluster['origin'];
  nodes: PictureNode[];
  edges: PictureEdge[];
}

export function pictureOf(graph: RepoGraph): ClusterPicture[] {
  return graph.clusters.map((cluster, c) => clusterPicture(cluster, `c${c}`));
}

function clusterPicture(cluster: Cluster, prefix: string): ClusterPicture {
  const nodes: PictureNode[] = [];
  const edges: PictureEdge[] = [];
  const byKey = new Map<string, PictureNode>();
  const add = (key: string, node: Omit<PictureNode, 'id'>): PictureNode => {
    let n = byKey.get(key);
    if (!n) {
      n = { id: `${prefix}_${nodes.length}`, ...node };
      nodes.push(n);
      byKey.set(key, n);
    }
    return n;
  };
  const edge = (from: PictureNode, to: PictureNode, kind: PictureEdge['kind']): void => {
    if (!edges.some((e) => e.from === from.id && e.to === to.id && e.kind === kind)) edges.push({ from: from.id, to: to.id, kind });
  };
  const key = (kind: string, namespace: string, name: string): string => `${kind}/${namespace}/${name}`;
  const kustomizations = cluster.kustomizations.filter((k) => !k.synthetic);
  for (const k of kustomizations) {
    add(key('Kustomization', k.namespace, k.name), { kind: 'Kustomization', fluxKind: 'Kustomization', name: k.name, namespace: k.namespace, path: pathOf(k), file: k.doc.file });
  }
  for (const h of cluster.helmReleases) add(key('HelmRelease', h.namespace, h.name), { kind: 'HelmRelease', fluxKind: 'HelmRelease', name: h.name, namespace: h.namespace, file: h.doc.file });
  for (const s of cluster.sources) add(key(s.kind, s.namespace, s.name), { kind: 'Source', fluxKind: s.kind, name: s.name, namespace: s.namespace, file: s.doc.file });
  const target = (kind: string, ref: NamespacedName | SourceRef, from: PictureNode): PictureNode =>
    byKey.get(key(kind, ref.namespace, ref.name)) ?? add(key(kind, ref.namespace, ref.name), { kind: 'Missing', fluxKind: kind, name: ref.name, namespace: ref.namespace, file: from.file });
  for (const k of kustomizations) {
    const self = byKey.get(key('Kustomization', k.namespace, k.name))!;
    for (const d of k.dependsOn) edge(self, target('Kustomization', d, self), 'dependsOn');
    if (k.sourceRef?.kind) edge(self, target(k.sourceRef.kind, k.sourceRef, self), 'source');
  }
  for (const h of cluster.helmReleases) {
    const self = byKey.get(key('HelmRelease', h.namespace, h.name))!;
    for (const d of h.dependsOn) edge(self, target('HelmRelease', d, self), 'dependsOn');
    const chart = h.chartSourceRef ?? h.chartRef;
    if (chart?.kind) edge(self, target(chart.kind, chart, self), 'source');
  }
  // Which Kustomization applies which Flux object (roots standing in for something outside the repo are left out).
  for (const o of cluster.objects) {
    if (o.by.synthetic) continue;
    const parent = byKey.get(key('Kustomization', o.by.namespace, o.by.name));
    const namespace = o.id.namespace ?? 'flux-system';
    const child = byKey.get(key(o.id.kind, namespace, o.id.name));
    if (parent && child && parent !== child && child.kind !== 'Missing') edge(parent, child, 'applies');
  }
  return { name: cluster.name, origin: cluster.origin, nodes, edges };
}

function pathOf(k: FluxKustomization): string | undefined {
  if (k.path) return k.path.raw || './';
  const spec = (k.value as { spec?: { path?: unknown } } | undefined)?.spec;
  return typeof spec?.path === 'string' ? spec.path : undefined;
}

/** The one-line label of a node: `Kind namespace/name`, a Kustomization's path, `(missing)` for a reference to nothing. */
export function labelOf(n: PictureNode): string {
  const head = `${n.fluxKind} ${n.namespace}/${n.name}`;
  if (n.kind === 'Missing') return `${head} (missing)`;
  return n.path !== undefined ? `${head} ${n.path}` : head;
}
