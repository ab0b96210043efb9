/**
 * Which clusters a repo has and what each applies, the way Flux sees it (issue: no false errors on real layouts):
 * real roots (bootstrap, FluxInstance sync, configured entry points) and nothing else; patches on Flux objects;
 * spec.kubeConfig; spec.components; OCI artifacts of the repo itself.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapFiles, cluster, cm, fluxKs, graphOf, kustomization, objectIds } from './helpers.js';

const fluxInstance = (sync: string, namespace = 'flux-system') => `apiVersion: fluxcd.controlplane.io/v1
kind: FluxInstance
metadata:
  name: flux
  namespace: ${namespace}
spec:
  distribution:
    version: "2.x"
    registry: ghcr.io/fluxcd
  sync:
${sync.replace(/^/gm, '    ')}
`;

describe('roots', () => {
  it('with a real root, an archived Flux Kustomization is no cluster: it is an orphan covering what it would apply', async () => {
    const graph = await graphOf({
      ...bootstrapFiles('prod'),
      'clusters/prod/apps.yaml': fluxKs('apps', './apps'),
      'apps/kustomization.yaml': kustomization('resources:\n  - web/ks.yaml\n  # - old/ks.yaml\n'),
      'apps/web/ks.yaml': fluxKs('web', './apps/web/app'),
      'apps/web/app/cm.yaml': cm('web', 'web'),
      'apps/old/ks.yaml': fluxKs('old', './apps/old/app'),
      'apps/old/app/cm.yaml': cm('old', 'old'),
      'archive/legacy/ks.yaml': fluxKs('legacy', './archive/legacy/app', { extra: '  dependsOn:\n    - name: nowhere\n' }),
      'archive/legacy/app/cm.yaml': cm('legacy', 'legacy'),
    });
    expect(graph.mode).toBe('roots');
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}`)).toEqual(['prod bootstrap']);
    expect(graph.orphanKustomizations.map((o) => `${o.name} ${o.doc.file} [${o.covers.map((d) => d.file).join(', ')}]`).sort()).toEqual([
      'legacy archive/legacy/ks.yaml [archive/legacy/app/cm.yaml]',
      'old apps/old/ks.yaml [apps/old/app/cm.yaml]',
    ]);
  });

  it('without any real root, the Flux Kustomizations nothing applies are fallback roots', async () => {
    const graph = await graphOf({ 'clusters/dev/apps.yaml': fluxKs('apps', './apps'), 'apps/a.yaml': cm('a') });
    expect(graph.mode).toBe('fallback');
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}`)).toEqual(['dev fallback']);
    expect(graph.orphanKustomizations).toEqual([]);
  });

  it('each bootstrap root is its own cluster, even when two sync the same path', async () => {
    const files: Record<string, string> = { ...bootstrapFiles('a'), ...bootstrapFiles('b'), 'clusters/b/cm.yaml': cm('shared', 'default') };
    files['clusters/a/flux-system/gotk-sync.yaml'] = files['clusters/a/flux-system/gotk-sync.yaml']!.replace('path: ./clusters/a', 'path: ./clusters/b');
    const graph = await graphOf(files);
    expect(graph.clusters.map((c) => c.name).sort()).toEqual(['a', 'b']);
    for (const name of ['a', 'b']) expect(objectIds(cluster(graph, name).objects).filter((o) => o.startsWith('ConfigMap'))).toEqual(['ConfigMap default/shared (clusters/b/cm.yaml)']);
  });

  it('a bootstrap layout without a committed gotk-sync.yaml is a root', async () => {
    const graph = await graphOf({
      'clusters/edge/flux-system/gotk-components.yaml': cm('placeholder', 'flux-system'),
      'clusters/edge/flux-system/kustomization.yaml': kustomization('resources:\n  - gotk-components.yaml\n'),
      'clusters/edge/apps.yaml': fluxKs('apps', './apps'),
      'apps/a.yaml': cm('a', 'web'),
      'other/stray.yaml': fluxKs('stray', './apps'),
    });
    expect(graph.mode).toBe('roots');
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}`)).toEqual(['edge bootstrap']);
    expect(objectIds(cluster(graph, 'edge').objects)).toContain('ConfigMap web/a (apps/a.yaml)');
    expect(graph.orphanKustomizations.map((o) => o.name)).toEqual(['stray']);
  });
});

describe('flux-operator', () => {
  it('a FluxInstance spec.sync creates the source and the root Kustomization, named after its namespace or sync.name', async () => {
    const graph = await graphOf({
      'clusters/staging/flux-system/flux-instance.yaml': fluxInstance('kind: GitRepository\nurl: https://github.com/example/fleet\nref: refs/heads/main\npath: clusters/staging'),
      'clusters/staging/flux-system/kustomization.yaml': kustomization('resources:\n  - flux-instance.yaml\n'),
      'clusters/staging/apps.yaml': fluxKs('apps', './apps'),
      'apps/a.yaml': cm('a', 'web'),
    });
    const staging = cluster(graph, 'staging');
    expect(staging.origin).toBe('instance');
    expect(staging.roots.map((r) => `${r.namespace}/${r.name} ${r.path?.path} ${r.sourceIsThisRepo}`)).toEqual(['flux-system/flux-system clusters/staging true']);
    expect(staging.sources.map((s) => `${s.kind} ${s.namespace}/${s.name}`)).toContain('GitRepository flux-system/flux-system');
    expect(objectIds(staging.objects)).toContain('ConfigMap web/a (apps/a.yaml)');
  });

  it('the flux-instance chart: a HelmRelease values.instance.sync, with sync.name', async () => {
    const release = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: flux-instance
  namespace: flux-system
spec:
  interval: 1h
  chartRef:
    kind: OCIRepository
    name: flux-instance
  values:
    instance:
      sync:
        name: homelab
        kind: GitRepository
        url: https://github.com/example/homelab
        ref: refs/heads/main
        path: kubernetes/flux/cluster
`;
    const graph = await graphOf({
      'kubernetes/apps/flux-system/flux-instance/helmrelease.yaml': release,
      'kubernetes/flux/cluster/ks.yaml': fluxKs('cluster-apps', './kubernetes/apps', { source: 'homelab' }),
      'kubernetes/apps/kustomization.yaml': kustomization('resources:\n  - flux-system/flux-instance/helmrelease.yaml\n  - web.yaml\n'),
      'kubernetes/apps/web.yaml': cm('web', 'web'),
    });
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}`)).toEqual(['kubernetes/flux/cluster instance']);
    const c = cluster(graph, 'kubernetes/flux/cluster');
    expect(c.roots[0]).toMatchObject({ name: 'homelab', namespace: 'flux-system', sourceIsThisRepo: true });
    expect(objectIds(c.objects)).toContain('ConfigMap web/web (kubernetes/apps/web.yaml)');
    expect(graph.orphanKustomizations).toEqual([]);
  });

  it('a ResourceSet creates its plain resources; templated ones are made per input, with names unknown here', async () => {
    const resourceSet = `apiVersion: fluxcd.controlplane.io/v1
kind: ResourceSet
metadata:
  name: operator
  namespace: flux-system
spec:
  resources:
    - apiVersion: source.toolkit.fluxcd.io/v1
      kind: OCIRepository
      metadata:
        name: flux-operator
      spec:
        url: oci://ghcr.io/controlplaneio-fluxcd/charts/flux-operator
    - apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: flux-operator
      spec:
        chartRef:
          kind: OCIRepository
          name: flux-operator
    - apiVersion: source.toolkit.fluxcd.io/v1
      kind: OCIRepository
      metadata:
        name: << inputs.tenant >>-apps
      spec:
        url: oci://ghcr.io/example/<< inputs.tenant >>
`;
    const graph = await graphOf({ ...bootstrapFiles('prod'), 'clusters/prod/operator.yaml': resourceSet });
    expect(cluster(graph, 'prod').sources.map((s) => `${s.kind} ${s.namespace}/${s.name}`)).toContain('OCIRepository flux-system/flux-operator');
    expect(cluster(graph, 'prod').sources.some((s) => s.name.includes('<<'))).toBe(false);
    const release = cluster(graph, 'prod').helmReleases.find((h) => h.name === 'flux-operator')!;
    expect(release).toMatchObject({ namespace: 'flux-system', chartRef: { kind: 'OCIRepository', name: 'flux-operator' } });
    // Findings on it point into the ResourceSet's file, at the resource.
    expect(release.doc.file).toBe('clusters/prod/operator.yaml');
    expect(release.doc.root?.start).toBeGreaterThan(resourceSet.indexOf('- apiVersion: helm'));
  });

  const ociSync = 'kind: OCIRepository\nurl: oci://ghcr.io/example/fleet\nref: latest\npath: clusters/prod';
  const ociFleet = {
    'clusters/prod/flux-system/flux-instance.yaml': fluxInstance(ociSync),
    'clusters/prod/tenants.yaml': fluxKs('tenants', './tenants', { sourceKind: 'OCIRepository' }),
    'tenants/cm.yaml': cm('tenant', 'tenants'),
  };

  it.each([
    ['flux push artifact in a run step', 'run: |\n          flux push artifact oci://ghcr.io/example/fleet:$(git rev-parse --short HEAD) \\\n            --path="./" \\\n            --source="$(git config --get remote.origin.url)"'],
    ['the Flux push action', 'uses: controlplaneio-fluxcd/distribution/actions/push@main\n        with:\n          repository: ghcr.io/${{ github.repository }}\n          path: "./"'],
  ])('an OCIRepository CI pushes from this repo (%s) is this repo', async (_name, step) => {
    const workflow = `name: push\non: push\njobs:\n  push:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - ${step}\n`;
    const graph = await graphOf({ ...ociFleet, '.github/workflows/push.yaml': workflow });
    const prod = cluster(graph, 'prod');
    expect(prod.roots[0]).toMatchObject({ name: 'flux-system', sourceIsThisRepo: true, path: { path: 'clusters/prod', status: 'dir' } });
    expect(prod.sources.map((s) => `${s.kind} ${s.name}`)).toContain('OCIRepository flux-system');
    expect(objectIds(prod.objects)).toContain('ConfigMap tenants/tenant (tenants/cm.yaml)');
  });

  it('an OCI artifact nothing shows to come from this repo is not rendered; config localSources declares it', async () => {
    const unknown = await graphOf(ociFleet);
    expect(cluster(unknown, 'prod').objects).toEqual([]);
    const declared = await graphOf(ociFleet, { localSources: [{ kind: 'OCIRepository', name: 'flux-system', path: '.' }] });
    expect(objectIds(cluster(declared, 'prod').objects)).toContain('ConfigMap tenants/tenant (tenants/cm.yaml)');
  });
});

describe('Flux Kustomizations as their cluster gets them', () => {
  it("a parent's spec.patches set fields of every child (prune, interval, postBuild), and targetNamespace moves objects", async () => {
    const parent = fluxKs('cluster-apps', './apps', {
      extra: `  patches:
    - target:
        kind: Kustomization
        labelSelector: substitution.flux/enabled=true
      patch: |-
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: not-used
        spec:
          prune: false
          targetNamespace: media
          postBuild:
            substituteFrom:
              - kind: ConfigMap
                name: cluster-settings
`,
    });
    const child = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: plex
  namespace: flux-system
  labels:
    substitution.flux/enabled: "true"
spec:
  interval: 1h
  path: ./apps/plex/app
  sourceRef:
    kind: GitRepository
    name: flux-system
`;
    const graph = await graphOf({
      ...bootstrapFiles('home'),
      'clusters/home/apps.yaml': parent,
      'apps/plex/ks.yaml': child,
      'apps/plex/app/cm.yaml': cm('plex'),
      'apps/plex/app/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: _\n',
    });
    const home = cluster(graph, 'home');
    const plex = home.kustomizations.find((k) => k.name === 'plex')!;
    expect(plex).toMatchObject({ prune: false, targetNamespace: 'media', postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-settings' }] } });
    expect(objectIds(home.objects.filter((o) => o.by === plex))).toEqual(['ConfigMap media/plex (apps/plex/app/cm.yaml)', 'Namespace -/media (apps/plex/app/ns.yaml)']);
  });

  it('spec.components are built with the path, relative to it', async () => {
    const app = fluxKs('app', './apps/web', { extra: '  components:\n    - ../../components/db\n' });
    const graph = await graphOf({
      ...bootstrapFiles('home'),
      'clusters/home/app.yaml': app,
      'apps/web/kustomization.yaml': kustomization('resources:\n  - cm.yaml\n'),
      'apps/web/cm.yaml': cm('web', 'web'),
      'components/db/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - db.yaml\n',
      'components/db/db.yaml': cm('db', 'web'),
    });
    expect(objectIds(cluster(graph, 'home').objects).filter((o) => o.startsWith('ConfigMap'))).toEqual([
      'ConfigMap web/db (components/db/db.yaml)',
      'ConfigMap web/web (apps/web/cm.yaml)',
    ]);
  });

  it('spec.kubeConfig: the objects land on a remote cluster, the Kustomization stays on the hub', async () => {
    const remote = fluxKs('workload', './workload', { extra: '  kubeConfig:\n    secretRef:\n      name: workload-kubeconfig\n' });
    const graph = await graphOf({
      ...bootstrapFiles('hub'),
      'clusters/hub/remote.yaml': remote,
      'clusters/hub/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n',
      'workload/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n',
    });
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}${c.hub ? ` from ${c.hub}` : ''}`).sort()).toEqual(['hub bootstrap', 'hub/workload-kubeconfig remote from hub']);
    expect(cluster(graph, 'hub').kustomizations.map((k) => k.name).sort()).toEqual(['flux-system', 'workload']);
    expect(objectIds(cluster(graph, 'hub/workload-kubeconfig').objects)).toEqual(['Namespace -/monitoring (workload/ns.yaml)']);
    expect(objectIds(cluster(graph, 'hub').objects)).toContain('Namespace -/monitoring (clusters/hub/ns.yaml)');
  });
});
