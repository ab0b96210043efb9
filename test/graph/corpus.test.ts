/**
 * buildGraph over the real repositories in ../shared/corpus (test material, skipped visibly when absent): never throws,
 * and finds the clusters the layouts imply.
 */
import path from 'node:path';
import { describe, expect } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadRepo } from '../../src/load/index.js';
import { CORPUS_DIR, itEachCorpusRepo } from '../support/corpus.js';

const expectedClusters: Record<string, string[]> = {
  'fluxcd__flux2-kustomize-helm-example': ['production', 'staging'],
  'fluxcd__flux2-multi-tenancy': ['production', 'staging'],
  'stefanprodan__gitops-istio': ['my-cluster'],
};

describe('buildGraph over the corpus', () => {
  itEachCorpusRepo('%s', async (name) => {
    const repo = await loadRepo(path.join(CORPUS_DIR, name));
    const graph = buildGraph(repo, defaultConfig());
    const summary = graph.clusters.map((c) => `${c.name}(${c.origin}): ${c.kustomizations.length} ks, ${c.helmReleases.length} hr, ${c.sources.length} src, ${c.objects.length} objects`);
    console.log(`${name}: ${graph.kustomizeFiles.length} kustomize files, ${graph.fluxKustomizations.length} flux ks, ${graph.reached.size} reached docs\n  ${summary.join('\n  ')}\n  external: ${[...graph.externalSources].join(', ')}`);
    if (expectedClusters[name]) expect(graph.clusters.map((c) => c.name).sort()).toEqual(expectedClusters[name]);
    for (const c of graph.clusters) for (const o of c.objects) expect(o.cluster).toBe(c.name);
  });
});
