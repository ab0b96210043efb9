import { describe, expect, it } from 'vitest';
import { cluster, graphOf, kustomization } from './helpers.js';

describe('malformed input never crashes the graph', () => {
  it('tolerates wrong types everywhere and records unusable references as unresolved', async () => {
    const graph = await graphOf({
      'a/kustomization.yaml': kustomization(
        'namespace: 42\nresources:\n  - {not: a path}\n  - 7\n  - ""\npatches: notalist\nconfigMapGenerator:\n  - files: [1, {x: y}]\n  - 3\nhelmCharts: [null]\n',
      ),
      'b/kustomization.yaml': kustomization('resources: just-a-string\n'),
      'clusters/x/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: weird
spec:
  path: [1, 2]
  sourceRef: flux-system
  dependsOn: [null, {name: 3}, {name: ok}]
  postBuild: {substitute: [a], substituteFrom: {kind: ConfigMap}}
  patches: 5
`,
      'clusters/x/gen.yaml': `apiVersion: source.extensions.fluxcd.io/v1beta1
kind: ArtifactGenerator
metadata:
  name: gen
spec:
  sources: [{alias: 1}]
  artifacts: [{name: a, copy: [{from: nope, to: 3}, null]}, 7]
`,
      'clusters/x/hr.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: hr\nspec:\n  chart: {spec: {sourceRef: []}}\n  valuesFrom: {}\n',
    });
    const a = graph.kustomizeByDir.get('a')!;
    expect(a.namespace).toBeUndefined();
    expect(a.refs.map((r) => `${r.field} ${r.status} ${r.at.path.join('.')}`)).toEqual([
      'resources unresolved resources.0',
      'resources unresolved resources.1',
      'resources unresolved resources.2',
      'configMapGenerator unresolved configMapGenerator.0.files.0',
      'configMapGenerator unresolved configMapGenerator.0.files.1',
    ]);
    expect(graph.kustomizeByDir.get('b')!.refs).toEqual([]);
    const x = cluster(graph, 'x');
    const weird = x.kustomizations[0]!;
    expect(weird).toMatchObject({ name: 'weird', namespace: 'flux-system', sourceRef: undefined, patches: [], sourceIsThisRepo: false });
    expect(weird.dependsOn.map((d) => d.name)).toEqual(['ok']);
    expect(weird.postBuild).toMatchObject({ substitute: {}, substituteFrom: [] });
    expect(x.sources.map((s) => `${s.kind} ${s.name}`)).toEqual(['ExternalArtifact a']);
    expect(x.helmReleases[0]).toMatchObject({ name: 'hr', chartSourceRef: undefined, valuesFrom: [] });
  });
});
