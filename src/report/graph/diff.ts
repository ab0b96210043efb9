/**
 * What changed between two dependency graphs (model.ts pictures), in words: every node and every edge is one fact
 * (`cluster prod: Kustomization flux-system/apps ./apps depends on Kustomization flux-system/infra ./infra`), and
 * the graphs differ when their sets of facts do. Order and files do not count, so moving a Kustomization to another
 * file, or reordering a dependsOn list, is not a change of the graph.
 */
import { EDGE_WORDS } from './formats.js';
import { labelOf, type ClusterPicture } from './model.js';

export interface GraphChanges {
  /** Facts of the new graph that the old one lacks, sorted. */
  added: string[];
  /** Facts of the old graph that the new one lacks, sorted. */
  removed: string[];
}

export function graphChanges(before: readonly ClusterPicture[], after: readonly ClusterPicture[]): GraphChanges {
  const old = graphFacts(before);
  const now = graphFacts(after);
  return { added: [...now].filter((f) => !old.has(f)).sort(), removed: [...old].filter((f) => !now.has(f)).sort() };
}

function graphFacts(pictures: readonly ClusterPicture[]): Set<string> {
  const facts = new Set<string>();
  for (const p of pictures) {
    const labels = new Map(p.nodes.map((n) => [n.id, labelOf(n)]));
    const where = `cluster ${p.name}: `;
    for (const label of labels.values()) facts.add(where + label);
    for (const e of p.edges) facts.add(`${where}${labels.get(e.from)} ${EDGE_WORDS[e.kind]} ${labels.get(e.to)}`);
  }
  return facts;
}
