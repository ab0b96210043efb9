import { describe, expect, it } from 'vitest';
import { cluster, cm, fluxKs, graphOf, kustomization, objectIds } from './helpers.js';

const clusterRole = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n';
const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n';
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Cluster
  names: {kind: Widget, plural: widgets}
  versions: []
`;
const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: ignored\n';

describe('rendering', () => {
  it('applies namespace, namePrefix and nameSuffix level by level, never namespacing cluster-scoped kinds', async () => {
    const graph = await graphOf({
      'clusters/dev/apps.yaml': fluxKs('apps', './apps/overlay'),
      'apps/base/kustomization.yaml': kustomization('namePrefix: base-\nresources:\n  - all.yaml\n'),
      'apps/base/all.yaml': [cm('settings', 'other'), clusterRole, ns, crd, widget].join('---\n'),
      'apps/overlay/kustomization.yaml': kustomization('namespace: web\nnameSuffix: -v1\nresources:\n  - ../base\n  - local.yaml\n'),
      'apps/overlay/local.yaml': cm('local'),
    });
    const dev = cluster(graph, 'dev');
    const byApps = dev.objects.filter((o) => o.by.name === 'apps');
    expect(objectIds(byApps)).toEqual([
      'ClusterRole -/base-reader-v1 (apps/base/all.yaml)',
      'ConfigMap web/base-settings-v1 (apps/base/all.yaml)',
      'ConfigMap web/local-v1 (apps/overlay/local.yaml)',
      'CustomResourceDefinition -/widgets.example.com (apps/base/all.yaml)',
      'Namespace -/web (apps/base/all.yaml)',
      'Widget -/base-w-v1 (apps/base/all.yaml)',
    ]);
    const settings = byApps.find((o) => o.id.name === 'base-settings-v1')!;
    expect(settings.via).toEqual(['apps/overlay/kustomization.yaml', 'apps/base/kustomization.yaml']);
    expect(settings.id).toMatchObject({ group: '', apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('Flux targetNamespace sets the namespace of namespaced objects only', async () => {
    const graph = await graphOf({
      'clusters/dev/apps.yaml': fluxKs('apps', './apps', { extra: '  targetNamespace: team\n' }),
      'apps/objects.yaml': [cm('a', 'elsewhere'), clusterRole].join('---\n'),
    });
    expect(objectIds(cluster(graph, 'dev').objects.filter((o) => o.by.name === 'apps'))).toEqual([
      'ClusterRole -/reader (apps/objects.yaml)',
      'ConfigMap team/a (apps/objects.yaml)',
    ]);
  });

  it('a directory without kustomization.yaml applies every manifest below it, subdirectories with one as kustomizations', async () => {
    const graph = await graphOf({
      'clusters/dev/apps.yaml': fluxKs('apps', './apps'),
      'apps/top.yaml': cm('top'),
      'apps/notes.yaml': 'just: values\n',
      'apps/nested/deeper/deep.yml': cm('deep'),
      'apps/built/kustomization.yaml': kustomization('namespace: built\nresources:\n  - listed.yaml\npatches:\n  - path: patch.yaml\n'),
      'apps/built/listed.yaml': cm('listed'),
      'apps/built/unlisted.yaml': cm('unlisted'),
      'apps/built/patch.yaml': cm('listed'),
    });
    expect(objectIds(cluster(graph, 'dev').objects.filter((o) => o.by.name === 'apps'))).toEqual([
      'ConfigMap -/deep (apps/nested/deeper/deep.yml)',
      'ConfigMap -/top (apps/top.yaml)',
      'ConfigMap built/listed (apps/built/listed.yaml)',
    ]);
    expect([...graph.reached].map((d) => d.file)).not.toContain('apps/built/unlisted.yaml');
    expect([...graph.reached].map((d) => d.file)).not.toContain('apps/built/patch.yaml');
  });

  it('substitutes postBuild variables in names, with defaults, leaving unknown ones as written', async () => {
    const graph = await graphOf({
      'clusters/dev/apps.yaml': fluxKs('apps', './apps', { extra: '  postBuild:\n    substitute:\n      APP: podinfo\n' }),
      'apps/objects.yaml': [cm('${APP}-volsync', '${NS:=media}'), cm('${OTHER}-x'), cm('${APP:-fallback}-y')].join('---\n'),
    });
    expect(objectIds(cluster(graph, 'dev').objects.filter((o) => o.by.name === 'apps'))).toEqual([
      'ConfigMap -/${OTHER}-x (apps/objects.yaml)',
      'ConfigMap -/podinfo-y (apps/objects.yaml)',
      'ConfigMap media/podinfo-volsync (apps/objects.yaml)',
    ]);
  });
});
