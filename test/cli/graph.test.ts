/**
 * `gitops-lint graph`: the drawing of the example repository parses with Mermaid's own parser (it needs a DOM, hence
 * a happy-dom window) and with ts-graphviz's DOT parser, and both hold exactly the nodes, subgraphs and edges of the picture.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromDot } from 'ts-graphviz';
import { run } from '../../src/cli.js';
import { resolveConfig } from '../../src/config/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadRepo } from '../../src/load/index.js';
import { labelOf, pictureOf, type ClusterPicture } from '../../src/report/graph/model.js';
import { captureIO } from './io.js';
import { writeRepo } from '../support/rule-tester.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/k8s-configs');

async function graph(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run(['graph', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

type Mermaid = typeof import('mermaid').default;
let mermaid: Mermaid;
let pictures: ClusterPicture[];

beforeAll(async () => {
  // Mermaid's sanitizer needs window and document when it loads: a happy-dom window, for this test file only.
  const { Window } = await import('happy-dom');
  const window = new Window();
  Object.assign(globalThis, { window, document: window.document });
  mermaid = (await import('mermaid')).default;
  // Registers the diagram types (getDiagramFromText needs them).
  await mermaid.parse('flowchart LR\n  a');
  pictures = pictureOf(buildGraph(await loadRepo(EXAMPLE), resolveConfig(EXAMPLE).config));
});

describe('gitops-lint graph examples/k8s-configs', () => {
  it('--format mermaid parses with mermaid, with one subgraph per cluster and every node and edge of the picture', async () => {
    const { code, out } = await graph([EXAMPLE, '--format', 'mermaid']);
    expect(code).toBe(0);
    await expect(mermaid.parse(out)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(out);
    const db = diagram.db as unknown as {
      getVertices(): Map<string, { id: string }>;
      getEdges(): { start: string; end: string }[];
      getSubGraphs(): { title: string; nodes: string[] }[];
    };
    expect(pictures.map((p) => p.name)).toEqual(['production', 'staging']);
    expect(db.getSubGraphs().map((s) => s.title)).toEqual(['cluster production (bootstrap)', 'cluster staging (bootstrap)']);
    expect([...db.getVertices().keys()].sort()).toEqual(pictures.flatMap((p) => p.nodes.map((n) => n.id)).sort());
    expect(db.getEdges().map((e) => `${e.start}->${e.end}`)).toEqual(pictures.flatMap((p) => p.edges.map((e) => `${e.from}->${e.to}`)));
    // The planted typo of the example (apps dependsOn infra-config) shows as a missing node.
    const production = pictures[0]!;
    const missing = production.nodes.find((n) => n.kind === 'Missing' && n.name === 'infra-config');
    const apps = production.nodes.find((n) => n.name === 'apps')!;
    expect(production.edges).toContainEqual({ from: apps.id, to: missing!.id, kind: 'dependsOn' });
  });

  it('--format dot parses with ts-graphviz, with one cluster subgraph per cluster and every node and edge', async () => {
    const { code, out } = await graph([EXAMPLE, '-f', 'dot']);
    expect(code).toBe(0);
    const dot = fromDot(out);
    expect(dot.subgraphs.map((s) => s.get('label'))).toEqual(['cluster production (bootstrap)', 'cluster staging (bootstrap)']);
    expect(dot.subgraphs.map((s) => s.nodes.map((n) => [n.id, n.attributes.get('label')]))).toEqual(pictures.map((p) => p.nodes.map((n) => [n.id, labelOf(n)])));
    expect(dot.edges.map((e) => e.targets.map((t) => (t as { id: string }).id).join('->'))).toEqual(pictures.flatMap((p) => p.edges.map((e) => `${e.from}->${e.to}`)));
  });

  it('--format text (the default) lists each Kustomization with its path, source and dependsOn', async () => {
    const { code, out } = await graph([EXAMPLE]);
    expect(code).toBe(0);
    expect(out).toContain('cluster production (bootstrap)\n  Kustomization flux-system/flux-system ./clusters/production  [clusters/production/flux-system/gotk-sync.yaml]\n');
    expect(out).toContain('  Kustomization flux-system/infra-configs ./infrastructure/configs  [clusters/production/infrastructure.yaml]\n    depends on Kustomization flux-system/infra-controllers ./infrastructure/controllers\n');
  });

  it('names that would break the syntax are escaped in both formats', async () => {
    const dir = writeRepo({
      '.gitops-lint.yaml':
        'fluxConfigurations:\n  - name: "cfg"\n    cluster: \'aks "prod" <a> #1\'\n    kustomizations:\n      "x\\"y": { path: ./apps }\n',
      'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
    });
    const m = await graph([dir, '-f', 'mermaid']);
    await expect(mermaid.parse(m.out)).resolves.toBeTruthy();
    const d = await graph([dir, '-f', 'dot']);
    expect(fromDot(d.out).subgraphs[0]!.get('label')).toBe('cluster aks "prod" <a> #1 (azure)');
    expect(fromDot(d.out).subgraphs[0]!.nodes.map((n) => n.attributes.get('label'))).toContain('Kustomization default/cfg-x"y ./apps');
  });

  it('a bad format or path is a usage error (exit 2)', async () => {
    expect((await graph([EXAMPLE, '-f', 'svg'])).code).toBe(2);
    const missing = await graph([path.join(EXAMPLE, 'nope')]);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('not a directory')]);
  });
});
