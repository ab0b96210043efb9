/**
 * buildGraph over the real repositories in ../shared/corpus (test material, skipped when absent): never throws,
 * stays fast, and finds the clusters the layouts imply.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadRepo } from '../../src/load/index.js';
import { CORPUS_DIR, corpusRepos } from '../support/corpus.js';

const repos = corpusRepos();

const expectedClusters: Record<string, string[]> = {
  'fluxcd__flux2-kustomize-helm-example': ['production', 'staging'],
  'fluxcd__flux2-multi-tenancy': ['production', 'staging'],
  'stefanprodan__gitops-istio': ['my-cluster'],
};

describe.skipIf(repos.length === 0)('buildGraph over the corpus', () => {
  it.each(repos)('%s', async (name) => {
    const repo = await loadRepo(path.join(CORPUS_DIR, name));
    const started = performance.now();
    const graph = buildGraph(repo, defaultConfig());
    const ms = performance.now() - started;
    const summary = graph.clusters.map((c) => `${c.name}(${c.origin}): ${c.kustomizations.length} ks, ${c.helmReleases.length} hr, ${c.sources.length} src, ${c.objects.length} objects`);
    console.log(`${name}: ${graph.kustomizeFiles.length} kustomize files, ${graph.fluxKustomizations.length} flux ks, ${graph.reached.size} reached docs, ${ms.toFixed(1)} ms\n  ${summary.join('\n  ')}\n  external: ${[...graph.externalSources].join(', ')}`);
    if (expectedClusters[name]) expect(graph.clusters.map((c) => c.name).sort()).toEqual(expectedClusters[name]);
    for (const c of graph.clusters) for (const o of c.objects) expect(o.cluster).toBe(c.name);
  });
});
