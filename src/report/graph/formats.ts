/**
 * Drawings of the cluster pictures (model.ts): plain text, Mermaid (a flowchart that renders in a PR comment or a
 * README) and Graphviz DOT. Each cluster is a subgraph; names are quoted and escaped, so any object name is safe.
 */
import { printable } from '../ansi.js';
import { labelOf, type ClusterPicture, type PictureEdge, type PictureNode } from './model.js';

export const GRAPH_FORMATS = ['text', 'mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function drawGraph(pictures: readonly ClusterPicture[], format: GraphFormat): string {
  if (format === 'mermaid') return mermaid(pictures);
  if (format === 'dot') return dot(pictures);
  return text(pictures);
}

/** How an edge reads in words (`A depends on B`). */
export const EDGE_WORDS: Record<PictureEdge['kind'], string> = { dependsOn: 'depends on', source: 'source', applies: 'applies' };

function text(pictures: readonly ClusterPicture[]): string {
  if (pictures.length === 0) return 'no cluster found\n';
  const out: string[] = [];
  for (const p of pictures) {
    out.push(`cluster ${printable(p.name)} (${p.origin})`);
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (const n of p.nodes) {
      if (n.kind === 'Missing') continue;
      out.push(`  ${printable(labelOf(n))}  [${printable(n.file)}]`);
      for (const e of p.edges.filter((x) => x.from === n.id)) out.push(`    ${EDGE_WORDS[e.kind]} ${printable(labelOf(byId.get(e.to)!))}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Mermaid: text inside `"..."` with `"` as `#quot;`, and `#`, `<`, `>` as entities too, so no name breaks the syntax. */
function mermaidText(s: string): string {
  return printable(s).replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

const MERMAID_SHAPES: Record<PictureNode['kind'], [string, string]> = {
  Kustomization: ['["', '"]'],
  HelmRelease: ['(["', '"])'],
  Source: ['[("', '")]'],
  Missing: ['{{"', '"}}'],
};
const MERMAID_ARROWS: Record<PictureEdge['kind'], string> = { dependsOn: '-->', source: '-.->', applies: '==>' };

function mermaid(pictures: readonly ClusterPicture[]): string {
  const out = ['flowchart LR'];
  pictures.forEach((p, i) => {
    out.push(`  subgraph cluster_${i}["cluster ${mermaidText(p.name)} (${p.origin})"]`);
    for (const n of p.nodes) {
      const [open, close] = MERMAID_SHAPES[n.kind];
      out.push(`    ${n.id}${open}${mermaidText(labelOf(n))}${close}`);
    }
    out.push('  end');
    for (const e of p.edges) out.push(`  ${e.from} ${MERMAID_ARROWS[e.kind]}|${EDGE_WORDS[e.kind]}| ${e.to}`);
  });
  return `${out.join('\n')}\n`;
}

function dotString(s: string): string {
  return `"${printable(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const DOT_SHAPES: Record<PictureNode['kind'], string> = { Kustomization: 'box', HelmRelease: 'ellipse', Source: 'cylinder', Missing: 'octagon' };
const DOT_STYLES: Record<PictureEdge['kind'], string> = { dependsOn: 'solid', source: 'dashed', applies: 'bold' };

function dot(pictures: readonly ClusterPicture[]): string {
  const out = ['digraph gitops {', '  rankdir=LR;'];
  pictures.forEach((p, i) => {
    out.push(`  subgraph cluster_${i} {`, `    label=${dotString(`cluster ${p.name} (${p.origin})`)};`);
    for (const n of p.nodes) {
      const missing = n.kind === 'Missing' ? ', style=dashed' : '';
      out.push(`    ${n.id} [label=${dotString(labelOf(n))}, shape=${DOT_SHAPES[n.kind]}${missing}];`);
    }
    out.push('  }');
    for (const e of p.edges) out.push(`  ${e.from} -> ${e.to} [label=${dotString(EDGE_WORDS[e.kind])}, style=${DOT_STYLES[e.kind]}];`);
  });
  out.push('}');
  return `${out.join('\n')}\n`;
}
