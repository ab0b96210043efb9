/** Shared lookups for the Flux rules: keys, file order, what is a real Flux Kustomization, dependsOn closures. */
import type { At, Cluster, FluxHelmRelease, FluxKustomization, NamespacedName } from '../graph/types.js';
import type { PathSegment, YamlDocument } from '../load/types.js';

/** A Flux object that can carry spec.dependsOn. */
export type Dependent = FluxKustomization | FluxHelmRelease;

/** A name still holding a `${VAR}` of a parent's postBuild substitution: its value is not known here. */
export function isTemplated(name: string): boolean {
  return name.includes('${');
}

export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The namespace a dependsOn/sourceRef entry means: its own, else the referring object's (Flux default). */
export function refNamespace(ref: { namespace?: string }, owner: { namespace: string }): string {
  return ref.namespace || owner.namespace;
}

/** Documents in file order (path, then position in the file). */
export function compareDocs(a: YamlDocument, b: YamlDocument): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.index - b.index;
}

/** `"name"`, or `"name" in namespace "ns"` when the namespace differs from the one the reader assumes. */
export function quoteName(name: string, namespace: string | undefined, assumedNamespace?: string): string {
  return namespace && namespace !== assumedNamespace ? `"${name}" in namespace "${namespace}"` : `"${name}"`;
}

export function quoteClusters(clusters: string[]): string {
  const list = [...new Set(clusters)].map((c) => `"${c}"`).join(', ');
  return clusters.length > 1 ? `clusters ${list}` : `cluster ${list}`;
}

/** Path to the `name` of a reference, so findings point at the name as written. */
export function namePath(at: At): PathSegment[] {
  return at.path[at.path.length - 1] === 'name' ? at.path : [...at.path, 'name'];
}

/** Flux Kustomizations of a cluster keyed by namespace/name (the graph never lists synthetic roots there). */
export function kustomizationsByKey(cluster: Cluster): Map<string, FluxKustomization> {
  const byKey = new Map<string, FluxKustomization>();
  for (const k of cluster.kustomizations) {
    if (!byKey.has(objectKey(k.namespace, k.name))) byKey.set(objectKey(k.namespace, k.name), k);
  }
  return byKey;
}

export function helmReleasesByKey(cluster: Cluster): Map<string, FluxHelmRelease> {
  const byKey = new Map<string, FluxHelmRelease>();
  for (const hr of cluster.helmReleases) {
    if (!byKey.has(objectKey(hr.namespace, hr.name))) byKey.set(objectKey(hr.namespace, hr.name), hr);
  }
  return byKey;
}

/** Keys (namespace/name) of everything `from` depends on, directly or transitively, among `byKey`. */
export function dependencyClosure<T extends { namespace: string; dependsOn: NamespacedName[] }>(
  from: T,
  byKey: Map<string, T>,
): Set<string> {
  const seen = new Set<string>();
  const queue: T[] = [from];
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const dep of current.dependsOn) {
      const key = objectKey(refNamespace(dep, current), dep.name);
      if (seen.has(key)) continue;
      seen.add(key);
      const next = byKey.get(key);
      if (next) queue.push(next);
    }
  }
  return seen;
}
