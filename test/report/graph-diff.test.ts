/** What changed between two dependency graphs: facts (nodes, edges) in words, blind to order and files. */
import { describe, expect, it } from 'vitest';
import { graphChanges } from '../../src/report/graph/diff.js';
import type { ClusterPicture, PictureNode } from '../../src/report/graph/model.js';

const ks = (id: string, name: string, file = 'clusters/prod/apps.yaml'): PictureNode => ({ id, kind: 'Kustomization', fluxKind: 'Kustomization', name, namespace: 'flux-system', path: `./${name}`, file });
const missing = (id: string, name: string): PictureNode => ({ id, kind: 'Missing', fluxKind: 'Kustomization', name, namespace: 'flux-system', file: 'clusters/prod/apps.yaml' });
const cluster = (nodes: PictureNode[], edges: ClusterPicture['edges']): ClusterPicture[] => [{ name: 'prod', origin: 'bootstrap', nodes, edges }];

describe('graphChanges', () => {
  const base = cluster([ks('c0_0', 'apps'), ks('c0_1', 'infra')], [{ from: 'c0_0', to: 'c0_1', kind: 'dependsOn' }]);

  it('lists the nodes and edges added and removed', () => {
    const head = cluster([ks('c0_0', 'apps'), ks('c0_1', 'infra'), missing('c0_2', 'db')], [{ from: 'c0_0', to: 'c0_2', kind: 'dependsOn' }]);
    expect(graphChanges(base, head)).toEqual({
      added: ['cluster prod: Kustomization flux-system/apps ./apps depends on Kustomization flux-system/db (missing)', 'cluster prod: Kustomization flux-system/db (missing)'],
      removed: ['cluster prod: Kustomization flux-system/apps ./apps depends on Kustomization flux-system/infra ./infra'],
    });
  });

  it('is empty when only the order of nodes (their ids) or their files differ', () => {
    const head = cluster([ks('c0_0', 'infra', 'clusters/prod/infra.yaml'), ks('c0_1', 'apps', 'clusters/prod/infra.yaml')], [{ from: 'c0_1', to: 'c0_0', kind: 'dependsOn' }]);
    expect(graphChanges(base, head)).toEqual({ added: [], removed: [] });
  });

  it('tells clusters apart', () => {
    const head = [{ ...base[0]!, name: 'staging' }];
    const changes = graphChanges(base, head);
    expect(changes.added).toHaveLength(3);
    expect(changes.added.every((f) => f.startsWith('cluster staging: '))).toBe(true);
    expect(changes.removed.every((f) => f.startsWith('cluster prod: '))).toBe(true);
  });
});
