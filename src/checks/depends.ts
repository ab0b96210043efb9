/** dependsOn rules: entries naming nothing on the cluster, and dependsOn cycles. Checked per cluster. */
import type { CheckContext } from './types.js';
import type { Cluster } from '../graph/types.js';
import type { Location } from '../finding.js';
import { objectRef } from '../k8s/object-ref.js';
import { closestName } from '../util/suggest.js';
import {
  type Dependent,
  compareDocs,
  helmReleasesByKey,
  isTemplated,
  kustomizationsByKey,
  namePath,
  objectKey,
  quoteClusters,
  quoteName,
  refNamespace,
} from './flux-lookup.js';

interface DependentKind {
  kind: 'Kustomization' | 'HelmRelease';
  byKey(cluster: Cluster): Map<string, Dependent>;
}

const DEPENDENT_KINDS: DependentKind[] = [
  { kind: 'Kustomization', byKey: kustomizationsByKey },
  { kind: 'HelmRelease', byKey: helmReleasesByKey },
];

function locationKey(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** What to suggest for a missing dependency: a close name in the same namespace, or the same name elsewhere. */
function suggestion(kind: string, name: string, namespace: string, byKey: Map<string, Dependent>, owner: Dependent): string {
  // An object never depends on itself: it is no suggestion.
  const all = [...byKey.values()].filter((d) => d !== owner);
  const sameName = all.find((d) => d.name === name);
  if (sameName) return `; a ${kind} "${name}" exists in namespace "${sameName.namespace}": set namespace: ${sameName.namespace}`;
  const close = closestName(name, all.filter((d) => d.namespace === namespace).map((d) => d.name));
  return close ? `; did you mean "${close}"?` : '; add it to the cluster or remove the entry';
}

interface MissingDependency {
  owner: Dependent;
  name: string;
  namespace: string;
  location: Location;
  /** Clusters where the entry resolves to nothing. */
  clusters: string[];
}

export function fluxDependsOnMissing(ctx: CheckContext): void {
  for (const { kind, byKey } of DEPENDENT_KINDS) {
    const perCluster = ctx.graph.clusters.map((cluster) => ({ name: cluster.name, available: byKey(cluster) }));
    const missing = new Map<string, MissingDependency>();
    for (const { name: clusterName, available } of perCluster) {
      for (const owner of available.values()) {
        for (const dep of owner.dependsOn) {
          const namespace = refNamespace(dep, owner);
          if (available.has(objectKey(namespace, dep.name)) || isTemplated(dep.name) || isTemplated(namespace)) continue;
          // Without a real root the clusters are guesses of a library that consumers compose: any of them will do.
          if (ctx.graph.mode === 'fallback' && perCluster.some((c) => c.available.has(objectKey(namespace, dep.name)))) continue;
          const location = ctx.locate(dep.at.doc, namePath(dep.at), 'value');
          const entry = missing.get(locationKey(location)) ?? { owner, name: dep.name, namespace, location, clusters: [] };
          entry.clusters.push(clusterName);
          missing.set(locationKey(location), entry);
        }
      }
    }
    for (const { owner, name, namespace, location, clusters } of missing.values()) {
      const key = objectKey(namespace, name);
      const elsewhere = perCluster.filter((c) => c.available.has(key)).map((c) => c.name);
      const available = perCluster.find((c) => c.name === clusters[0])!.available;
      const fix =
        elsewhere.length > 0
          ? ` (it exists only on ${quoteClusters(elsewhere)}); add it to this cluster or remove the entry`
          : suggestion(kind, name, namespace, available, owner);
      ctx.report({
        message:
          `${kind} "${owner.name}" depends on ${kind} ${quoteName(name, namespace, owner.namespace)} ` +
          `which does not exist on ${quoteClusters(clusters)}${fix}`,
        location,
        object: objectRef({ apiVersion: owner.doc.apiVersion, kind, namespace: owner.namespace, name: owner.name }),
      });
    }
  }
}

/** Strongly connected components (Tarjan), each a dependsOn cycle when it has 2+ members or a self edge. */
function stronglyConnected(nodes: Dependent[], edges: (d: Dependent) => Dependent[]): Dependent[][] {
  const index = new Map<Dependent, number>();
  const low = new Map<Dependent, number>();
  const stack: Dependent[] = [];
  const onStack = new Set<Dependent>();
  const components: Dependent[][] = [];
  const visit = (node: Dependent): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges(node)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: Dependent[] = [];
      let member: Dependent;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components;
}

/** Shortest dependsOn path from `start` back to itself inside its component. */
function cycleFrom(start: Dependent, members: Set<Dependent>, edges: (d: Dependent) => Dependent[]): Dependent[] {
  const previous = new Map<Dependent, Dependent>();
  const queue: Dependent[] = [start];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of edges(current)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [current];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

export function fluxDependsOnCycle(ctx: CheckContext): void {
  for (const { kind, byKey } of DEPENDENT_KINDS) {
    const cycles = new Map<string, { names: string; location: Location; owner: Dependent; clusters: string[] }>();
    for (const cluster of ctx.graph.clusters) {
      const available = byKey(cluster);
      const nodes = [...available.values()].sort((a, b) => compareDocs(a.doc, b.doc));
      const edges = (d: Dependent): Dependent[] =>
        d.dependsOn.map((dep) => available.get(objectKey(refNamespace(dep, d), dep.name))).filter((x): x is Dependent => !!x);
      for (const component of stronglyConnected(nodes, edges)) {
        const members = new Set(component);
        const first = component.sort((a, b) => compareDocs(a.doc, b.doc))[0]!;
        if (component.length === 1 && !edges(first).includes(first)) continue;
        const cycle = cycleFrom(first, members, edges);
        const oneNamespace = cycle.every((d) => d.namespace === first.namespace);
        const names = cycle.map((d) => (oneNamespace ? d.name : `${d.namespace}/${d.name}`)).join(' -> ');
        const entry = first.dependsOn.find((dep) => available.get(objectKey(refNamespace(dep, first), dep.name)) === cycle[1])!;
        const location = ctx.locate(entry.at.doc, namePath(entry.at), 'value');
        const key = `${locationKey(location)} ${names}`;
        const found = cycles.get(key) ?? { names, location, owner: first, clusters: [] };
        found.clusters.push(cluster.name);
        cycles.set(key, found);
      }
    }
    for (const { names, location, owner, clusters } of cycles.values()) {
      ctx.report({
        message:
          `${kind} dependsOn cycle on ${quoteClusters(clusters)}: ${names}; ` +
          'none of them can become ready, remove one of the dependsOn entries',
        location,
        object: objectRef({ apiVersion: owner.doc.apiVersion, kind, namespace: owner.namespace, name: owner.name }),
      });
    }
  }
}
