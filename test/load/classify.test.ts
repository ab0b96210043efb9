import { describe, expect, it } from 'vitest';
import { loadFiles } from './helpers.js';

describe('document classes', () => {
  it('classifies every kind of document', async () => {
    const repo = await loadFiles({
      'apps/app.yaml': [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod',
        '# only a comment',
        'apiVersion: v1\nkind: [broken',
        'just: values',
        '- a\n- list',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  x: ENC[AES256_GCM,data:abc]\nsops:\n  mac: ENC[AES256_GCM,data:def]\n  version: 3.9.0',
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component',
        'null',
      ].join('\n---\n'),
      'apps/kustomization.yaml': 'resources:\n  - app.yaml\n',
      'base/Kustomization': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
      'other/kustomization.yml': '',
      '.sops.yaml': 'creation_rules:\n  - path_regex: .*\n    age: age1xyz\n',
      'mkdocs.yml': 'site_name: docs\n',
      'hack/kind.yaml': 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: []\n',
      'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\n',
      '.fluxschema.yml': 'apiVersion: schema.plugin.fluxcd.io/v1\nkind: Config\n',
      'notes.yaml': '# nothing here\n',
      // Talos machine config: a core-group-looking apiVersion the API server never served, no metadata.
      'talos/patches/network.yaml': 'apiVersion: v1alpha1\nkind: LinkAliasConfig\nname: net0\n---\napiVersion: v1beta1\nkind: Thing\nmetadata:\n  name: x\n',
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'charts/web/crds/crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n',
    });
    const classes = (file: string) => repo.fileMap.get(file)!.documents.map((d) => d.class);
    expect(classes('apps/app.yaml')).toEqual(['k8s', 'empty', 'invalid', 'other', 'other', 'sops', 'kustomization', 'empty']);
    expect(classes('apps/kustomization.yaml')).toEqual(['kustomization']);
    expect(classes('base/Kustomization')).toEqual(['kustomization']);
    expect(classes('other/kustomization.yml')).toEqual([]);
    expect(classes('.sops.yaml')).toEqual(['other']);
    expect(classes('mkdocs.yml')).toEqual(['other']);
    // Tool configuration with apiVersion/kind is not a cluster object.
    expect(classes('hack/kind.yaml')).toEqual(['other']);
    expect(classes('skaffold.yaml')).toEqual(['other']);
    expect(classes('.fluxschema.yml')).toEqual(['other']);
    expect(classes('notes.yaml')).toEqual(['empty']);
    // With metadata it is a (misspelled) Kubernetes object and the schema rules may say so.
    expect(classes('talos/patches/network.yaml')).toEqual(['other', 'k8s']);
    expect(classes('charts/web/Chart.yaml')).toEqual(['other']);
    expect(classes('charts/web/crds/crd.yaml')).toEqual(['other']);
    expect(repo.fileMap.get('charts/web/crds/crd.yaml')!.inHelmChart).toBe(true);
    expect(repo.fileMap.get('apps/app.yaml')!.inHelmChart).toBeUndefined();

    const [deployment, , , , , secret, component] = repo.fileMap.get('apps/app.yaml')!.documents;
    expect(deployment).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'prod', index: 0 });
    expect(secret).toMatchObject({ apiVersion: 'v1', kind: 'Secret', name: 's' });
    expect(component).toMatchObject({ kind: 'Component', index: 6 });
  });

  it('records document offsets from the first content line', async () => {
    const repo = await loadFiles({ 'a.yaml': '# header\n---\n# lead\nkind: A\napiVersion: v1\n\n---\nkind: B\napiVersion: v1\n' });
    const file = repo.fileMap.get('a.yaml')!;
    expect(file.documents.map((d) => file.text.slice(d.start, d.end))).toEqual(['kind: A\napiVersion: v1', 'kind: B\napiVersion: v1']);
  });

  it('takes identity fields only when they are strings', async () => {
    const repo = await loadFiles({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 42\n  namespace: [x]\n' });
    const doc = repo.fileMap.get('a.yaml')!.documents[0]!;
    expect(doc.class).toBe('k8s');
    expect(doc.name).toBeUndefined();
    expect(doc.namespace).toBeUndefined();
  });
});
