import { describe, expect, it } from 'vitest';
import { cm, graphOf, kustomization } from './helpers.js';

describe('kustomize files', () => {
  it('records every reference with its status', async () => {
    const graph = await graphOf({
      'app/kustomization.yaml': kustomization(`namespace: web
namePrefix: a-
resources:
  - deploy.yaml
  - ../base
  - missing.yaml
  - ../../outside
  - /etc/abs
  - https://github.com/example/repo//base?ref=v1
  - github.com/example/repo/base?ref=main
components:
  - ../component
patches:
  - path: patch.yaml
  - patch: |-
      - op: remove
        path: /spec
patchesStrategicMerge:
  - smp.yaml
  - |-
    apiVersion: v1
    kind: ConfigMap
patchesJson6902:
  - target: {kind: ConfigMap, name: x}
    path: json.yaml
configMapGenerator:
  - name: settings
    files:
      - config.env
      - custom=data/props.txt
    envs:
      - vars.env
secretGenerator:
  - name: s
    env: secret.env
helmCharts:
  - name: podinfo
    valuesFile: values.yaml
crds:
  - crd.json
transformers:
  - labels.yaml
replacements:
  - path: replacements.yaml
  - source: {kind: ConfigMap, name: x}
    targets: []
configurations:
  - varref.yaml
openapi:
  path: schema.json
`),
      'app/deploy.yaml': cm('deploy'),
      'app/patch.yaml': cm('deploy'),
      'app/smp.yaml': cm('deploy'),
      'app/json.yaml': '- op: remove\n  path: /data\n',
      'app/config.env': 'A=1\n',
      'app/data/props.txt': 'x\n',
      'base/kustomization.yaml': kustomization('resources: []\n'),
      'component/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n',
    });
    const k = graph.kustomizeByDir.get('app')!;
    expect(k).toMatchObject({ path: 'app/kustomization.yaml', dir: 'app', kind: 'Kustomization', namespace: 'web', namePrefix: 'a-' });
    expect(graph.kustomizeByDir.get('component')!.kind).toBe('Component');
    expect(k.refs.map((r) => `${r.field} ${r.raw} ${r.status} ${r.path ?? '-'} ${r.at.path.join('.')}`)).toEqual([
      'resources deploy.yaml file app/deploy.yaml resources.0',
      'resources ../base dir base resources.1',
      'resources missing.yaml missing app/missing.yaml resources.2',
      'resources ../../outside outside-repo - resources.3',
      'resources /etc/abs absolute - resources.4',
      'resources https://github.com/example/repo//base?ref=v1 remote - resources.5',
      'resources github.com/example/repo/base?ref=main remote - resources.6',
      'components ../component dir component components.0',
      'crds crd.json missing app/crd.json crds.0',
      'patches patch.yaml file app/patch.yaml patches.0.path',
      'patchesStrategicMerge smp.yaml file app/smp.yaml patchesStrategicMerge.0',
      'patchesJson6902 json.yaml file app/json.yaml patchesJson6902.0.path',
      'configMapGenerator config.env file app/config.env configMapGenerator.0.files.0',
      'configMapGenerator data/props.txt file app/data/props.txt configMapGenerator.0.files.1',
      'configMapGenerator vars.env missing app/vars.env configMapGenerator.0.envs.0',
      'secretGenerator secret.env missing app/secret.env secretGenerator.0.env',
      'helmCharts values.yaml missing app/values.yaml helmCharts.0.valuesFile',
      'transformers labels.yaml missing app/labels.yaml transformers.0',
      'replacements replacements.yaml missing app/replacements.yaml replacements.0.path',
      'configurations varref.yaml missing app/varref.yaml configurations.0',
      'openapi schema.json missing app/schema.json openapi.path',
    ]);
    const patchFiles = [...graph.patchDocs].map((d) => d.file).sort();
    expect(patchFiles).toEqual(['app/json.yaml', 'app/patch.yaml', 'app/smp.yaml']);
  });

  it('finds each kustomize cycle once, closed by the reference that loops', async () => {
    const graph = await graphOf({
      'a/kustomization.yaml': kustomization('resources:\n  - ../b\n'),
      'b/kustomization.yaml': kustomization('resources:\n  - ../c\n  - cm.yaml\n'),
      'b/cm.yaml': cm('x'),
      'c/kustomization.yaml': kustomization('resources:\n  - ../a\n'),
      'self/kustomization.yaml': kustomization('resources:\n  - .\n'),
      'ok/kustomization.yaml': kustomization('resources:\n  - ../b/cm.yaml\n'),
    });
    const cycles = graph.kustomizeCycles.map((c) => `${c.files.join(' -> ')} @ ${c.ref.at.doc.file}`).sort();
    expect(cycles).toEqual([
      'a/kustomization.yaml -> b/kustomization.yaml -> c/kustomization.yaml -> a/kustomization.yaml @ c/kustomization.yaml',
      'self/kustomization.yaml -> self/kustomization.yaml @ self/kustomization.yaml',
    ]);
  });
});
