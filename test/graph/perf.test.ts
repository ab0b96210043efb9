/**
 * buildGraph at scale: 200 Flux Kustomizations applying 10,000 objects on each of two clusters, every object found with
 * its kustomize namespace, and work linear in applied objects. Work is counted, not timed (speed: npm run bench): every
 * document is wrapped in a proxy counting reads of its fields, and doubling the objects must at most double the reads.
 */
import { expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { buildGraph } from '../../src/graph/index.js';
import type { RepoGraph } from '../../src/graph/types.js';
import { bootstrapFiles, cm, fluxKs, kustomization, repoOf } from './helpers.js';

const APPS = 200;

function files(objectsPerApp: number): Record<string, string> {
  const out: Record<string, string> = { ...bootstrapFiles('prod'), ...bootstrapFiles('staging') };
  const apps = Array.from({ length: APPS }, (_, i) => `app${i}`);
  for (const c of ['prod', 'staging']) out[`clusters/${c}/apps.yaml`] = apps.map((a) => fluxKs(a, `./apps/${a}`)).join('---\n');
  for (const a of apps) {
    out[`apps/${a}/kustomization.yaml`] = kustomization(`namespace: ${a}\nresources:\n  - objects.yaml\n`);
    out[`apps/${a}/objects.yaml`] = Array.from({ length: objectsPerApp }, (_, j) => cm(`cm${j}`)).join('---\n');
  }
  return out;
}

/** The graph of a repo with `objectsPerApp` ConfigMaps per app, and how many document fields building it read. */
async function countedGraph(objectsPerApp: number): Promise<{ graph: RepoGraph; reads: number }> {
  const repo = await repoOf(files(objectsPerApp));
  let reads = 0;
  for (const file of repo.files) {
    file.documents = file.documents.map(
      (doc) =>
        new Proxy(doc, {
          get(target, key, receiver) {
            reads++;
            return Reflect.get(target, key, receiver);
          },
        }),
    );
  }
  const graph = buildGraph(repo, defaultConfig());
  return { graph, reads };
}

it('builds the graph of 2 x 10,000 applied objects, reading document fields linearly in applied objects', async () => {
  const half = await countedGraph(25);
  const full = await countedGraph(50);
  // Per cluster: 50 ConfigMaps x 200 apps, 200 app Kustomizations, the flux-system GitRepository and Kustomization.
  expect(full.graph.clusters.map((c) => c.objects.length)).toEqual([10_202, 10_202]);
  expect(half.graph.clusters.map((c) => c.objects.length)).toEqual([5_202, 5_202]);
  expect(full.graph.clusters[0]!.objects.find((o) => o.id.name === 'cm7' && o.id.namespace === 'app42')).toBeDefined();
  // Twice the objects: at most twice the reads (the Flux objects, the same in both, make it a little less).
  expect(half.reads).toBeGreaterThan(0);
  expect(full.reads).toBeLessThanOrEqual(2 * half.reads);
});
