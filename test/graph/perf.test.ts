/** buildGraph stays fast on a large repo: 200 Flux Kustomizations applying 10,000 objects on each of two clusters. */
import { expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { bootstrapFiles, cm, fluxKs, kustomization, repoOf } from './helpers.js';

it('builds the graph of 2 x 10,000 applied objects without blowing up (linear in applied objects)', async () => {
  const files: Record<string, string> = { ...bootstrapFiles('prod'), ...bootstrapFiles('staging') };
  const apps = Array.from({ length: 200 }, (_, i) => `app${i}`);
  for (const c of ['prod', 'staging']) files[`clusters/${c}/apps.yaml`] = apps.map((a) => fluxKs(a, `./apps/${a}`)).join('---\n');
  for (const a of apps) {
    files[`apps/${a}/kustomization.yaml`] = kustomization(`namespace: ${a}\nresources:\n  - objects.yaml\n`);
    files[`apps/${a}/objects.yaml`] = Array.from({ length: 50 }, (_, j) => cm(`cm${j}`)).join('---\n');
  }
  const repo = await repoOf(files);
  const started = performance.now();
  const graph = buildGraph(repo, defaultConfig());
  const ms = performance.now() - started;
  console.log(`buildGraph: ${graph.clusters.reduce((n, c) => n + c.objects.length, 0)} applied objects in ${ms.toFixed(1)} ms`);
  // Per cluster: 10,000 ConfigMaps, 200 app Kustomizations, the flux-system GitRepository and Kustomization.
  expect(graph.clusters.map((c) => c.objects.length)).toEqual([10_202, 10_202]);
  expect(graph.clusters[0]!.objects.find((o) => o.id.name === 'cm7' && o.id.namespace === 'app42')).toBeDefined();
  expect(ms).toBeLessThan(2500);
});
