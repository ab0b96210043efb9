import { describe, expect, it } from 'vitest';
import { bootstrapFiles, cluster, cm, fluxKs, graphOf, kustomization, objectIds } from './helpers.js';

const gitRepo = (name: string, url: string, branch = 'main') => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 5m
  url: ${url}
  ref:
    branch: ${branch}
`;

describe('clusters', () => {
  it('finds the flux bootstrap layout: gotk-sync Kustomization is the root of cluster <name>', async () => {
    const graph = await graphOf({
      ...bootstrapFiles('prod'),
      'clusters/prod/apps.yaml': fluxKs('apps', './apps/prod', { extra: '  dependsOn:\n    - name: infra\n' }),
      'apps/prod/cm.yaml': cm('app', 'web'),
    });
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}`)).toEqual(['prod bootstrap']);
    const prod = cluster(graph, 'prod');
    expect(prod.roots.map((r) => `${r.name} ${r.doc.file} ${r.synthetic ?? false}`)).toEqual(['flux-system clusters/prod/flux-system/gotk-sync.yaml false']);
    expect(prod.kustomizations.map((k) => `${k.namespace}/${k.name} ${k.path?.path} ${k.sourceIsThisRepo}`).sort()).toEqual([
      'flux-system/apps apps/prod true',
      'flux-system/flux-system clusters/prod true',
    ]);
    const apps = prod.kustomizations.find((k) => k.name === 'apps')!;
    expect(apps.dependsOn.map((d) => `${d.namespace}/${d.name} ${d.at.path.join('.')}`)).toEqual(['flux-system/infra spec.dependsOn.0']);
    expect(apps.sourceRef).toMatchObject({ kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' });
    expect(objectIds(prod.objects)).toContain('ConfigMap web/app (apps/prod/cm.yaml)');
    expect(prod.objects.find((o) => o.id.name === 'app')!.by).toBe(apps);
    expect(prod.sources.map((s) => `${s.kind} ${s.namespace}/${s.name}`)).toEqual(['GitRepository flux-system/flux-system']);
    expect(graph.externalSources.size).toBe(0);
  });

  it('keeps Flux names per cluster: two clusters can both have flux-system and apps', async () => {
    const graph = await graphOf({
      ...bootstrapFiles('prod'),
      ...bootstrapFiles('staging'),
      'clusters/prod/apps.yaml': fluxKs('apps', './apps/prod'),
      'clusters/staging/apps.yaml': fluxKs('apps', './apps/staging'),
      'apps/prod/cm.yaml': cm('app', 'web'),
      'apps/staging/cm.yaml': cm('app', 'web'),
    });
    expect(graph.clusters.map((c) => c.name).sort()).toEqual(['prod', 'staging']);
    expect(graph.fluxKustomizations.map((k) => `${k.cluster} ${k.name}`).sort()).toEqual([
      'prod apps',
      'prod flux-system',
      'staging apps',
      'staging flux-system',
    ]);
    expect(objectIds(cluster(graph, 'staging').objects)).toContain('ConfigMap web/app (apps/staging/cm.yaml)');
    expect(objectIds(cluster(graph, 'staging').objects)).not.toContain('ConfigMap web/app (apps/prod/cm.yaml)');
  });

  it('does not make clusters of unreached Kustomizations in hidden directories (.archive)', async () => {
    const graph = await graphOf({
      'clusters/dev/apps.yaml': fluxKs('apps', './apps'),
      'apps/a.yaml': cm('a'),
      '.archive/old-app/ks.yaml': fluxKs('old-app', './.archive/old-app/app'),
      '.archive/old-app/app/cm.yaml': cm('old'),
    });
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}`)).toEqual(['dev fallback']);
    expect([...graph.reached].map((d) => d.file)).not.toContain('.archive/old-app/app/cm.yaml');
  });

  it('groups Flux Kustomizations nothing applies by directory, under a synthetic root', async () => {
    const graph = await graphOf({
      'clusters/dev/apps.yaml': fluxKs('apps', './apps'),
      'clusters/dev/infra.yaml': fluxKs('infra', './infra'),
      'clusters/dev/sub/more.yaml': fluxKs('more', './more'),
      'apps/a.yaml': cm('a'),
      'infra/i.yaml': cm('i'),
      'more/m.yaml': cm('m'),
      'other/lonely.yaml': fluxKs('lonely', './more'),
    });
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}`).sort()).toEqual(['dev fallback', 'other fallback']);
    const dev = cluster(graph, 'dev');
    expect(dev.roots).toHaveLength(1);
    expect(dev.roots[0]).toMatchObject({ synthetic: true, path: { path: 'clusters/dev', status: 'dir' } });
    expect(dev.kustomizations.map((k) => k.name).sort()).toEqual(['apps', 'infra', 'more']);
    expect(graph.fluxKustomizations.some((k) => k.synthetic)).toBe(false);
    expect(dev.objects.filter((o) => o.by.synthetic).map((o) => o.doc.file).sort()).toEqual([
      'clusters/dev/apps.yaml',
      'clusters/dev/infra.yaml',
      'clusters/dev/sub/more.yaml',
    ]);
    // gitops-istio layout: bootstrap not committed, the flux-system GitRepository comes from `flux bootstrap`.
    expect([...graph.externalSources]).toEqual(['GitRepository/flux-system/flux-system']);
  });

  it('renders only sources that are this repo: same URL and ref yes, another repo or branch no', async () => {
    const graph = await graphOf({
      ...bootstrapFiles('prod'),
      'clusters/prod/sources.yaml': [
        gitRepo('same', 'https://github.com/example/fleet.git'),
        gitRepo('branch', 'https://github.com/example/fleet', 'dev'),
        gitRepo('podinfo', 'https://github.com/stefanprodan/podinfo'),
      ].join('---\n'),
      'clusters/prod/apps.yaml': [
        fluxKs('same', './apps', { source: 'same' }),
        fluxKs('branch', './apps', { source: 'branch' }),
        fluxKs('podinfo', './kustomize', { source: 'podinfo' }),
      ].join('---\n'),
      'apps/a.yaml': cm('a'),
    });
    const prod = cluster(graph, 'prod');
    const summary = prod.kustomizations.map((k) => `${k.name} ${k.sourceIsThisRepo} ${k.path?.path ?? '-'}`).sort();
    expect(summary).toEqual(['branch false -', 'flux-system true clusters/prod', 'podinfo false -', 'same true apps']);
    expect(prod.objects.filter((o) => o.doc.file === 'apps/a.yaml').map((o) => o.by.name)).toEqual(['same']);
  });

  it('maps ExternalArtifact paths back through ArtifactGenerator copy rules', async () => {
    const generator = `apiVersion: source.extensions.fluxcd.io/v1beta1
kind: ArtifactGenerator
metadata:
  name: flux-system
  namespace: flux-system
spec:
  sources:
    - alias: monorepo
      kind: GitRepository
      name: flux-system
  artifacts:
    - name: infrastructure
      copy:
        - from: "@monorepo/infrastructure/**"
          to: "@artifact/"
    - name: apps
      copy:
        - from: "@monorepo/apps/base/**"
          to: "@artifact/base/"
        - from: "@monorepo/apps/staging/**"
          to: "@artifact/staging/"
`;
    const graph = await graphOf({
      'clusters/staging/flux-system/gotk-components.yaml': cm('placeholder', 'flux-system'),
      'clusters/staging/flux-system/kustomization.yaml': kustomization('resources:\n  - gotk-components.yaml\n'),
      'clusters/staging/artifacts.yaml': generator,
      'clusters/staging/apps.yaml': [
        fluxKs('apps', './staging', { sourceKind: 'ExternalArtifact', source: 'apps' }),
        fluxKs('infra', './controllers', { sourceKind: 'ExternalArtifact', source: 'infrastructure' }),
        fluxKs('whole', './', { sourceKind: 'ExternalArtifact', source: 'apps' }),
      ].join('---\n'),
      'apps/base/podinfo/kustomization.yaml': kustomization('namespace: podinfo\nresources:\n  - cm.yaml\n'),
      'apps/base/podinfo/cm.yaml': cm('podinfo'),
      'apps/staging/kustomization.yaml': kustomization('resources:\n  - ../base/podinfo\n'),
      'infrastructure/controllers/ctl.yaml': cm('ctl', 'infra'),
    });
    const staging = cluster(graph, 'staging');
    expect(staging.origin).toBe('bootstrap');
    const byName = new Map(staging.kustomizations.map((k) => [k.name, k]));
    expect(byName.get('apps')!.path).toMatchObject({ raw: './staging', path: 'apps/staging', status: 'dir' });
    expect(byName.get('infra')!.path).toMatchObject({ path: 'infrastructure/controllers', status: 'dir' });
    expect(byName.get('whole')!.path).toMatchObject({ status: 'unresolved' });
    expect(objectIds(staging.objects.filter((o) => !o.by.synthetic))).toEqual([
      'ConfigMap infra/ctl (infrastructure/controllers/ctl.yaml)',
      'ConfigMap podinfo/podinfo (apps/base/podinfo/cm.yaml)',
    ]);
    expect(staging.sources.map((s) => `${s.kind} ${s.namespace}/${s.name}`).sort()).toEqual([
      'ExternalArtifact flux-system/apps',
      'ExternalArtifact flux-system/infrastructure',
    ]);
    expect([...graph.externalSources]).toEqual(['GitRepository/flux-system/flux-system']);
  });

  it('config: entry points and external sources (AKS microsoft.flux)', async () => {
    const graph = await graphOf(
      {
        'deploy/apps.yaml': fluxKs('apps', './apps', { source: 'aks-config' }),
        'apps/a.yaml': cm('a', 'web'),
      },
      { entryPoints: [{ cluster: 'aks', path: './deploy', name: 'cluster-config' }], externalSources: [{ kind: 'GitRepository', name: 'aks-config' }] },
    );
    expect(graph.clusters.map((c) => `${c.name} ${c.origin}`)).toEqual(['aks config']);
    const aks = cluster(graph, 'aks');
    expect(aks.roots[0]).toMatchObject({ name: 'cluster-config', synthetic: true });
    expect(objectIds(aks.objects)).toEqual(['ConfigMap web/a (apps/a.yaml)', 'Kustomization flux-system/apps (deploy/apps.yaml)']);
    expect([...graph.externalSources]).toEqual(['GitRepository/flux-system/aks-config']);
  });

  it('a Flux path cycle does not hang, and a self-applying Kustomization is a bootstrap root named after its path', async () => {
    const graph = await graphOf({
      'loop/a/ks.yaml': fluxKs('a', './loop/b'),
      'loop/b/ks.yaml': fluxKs('b', './loop/a'),
      'kubernetes/flux/config/cluster.yaml': `${gitRepo('home', 'https://github.com/me/home')}---\n${fluxKs('cluster', './kubernetes/flux', { source: 'home' })}`,
      'kubernetes/flux/apps.yaml': fluxKs('apps', './kubernetes/apps', { source: 'home' }),
      'kubernetes/apps/a.yaml': cm('a'),
    });
    expect(graph.clusters.map((c) => `${c.name} ${c.origin} ${c.roots.map((r) => r.name).join(',')}`).sort()).toEqual([
      'kubernetes/flux bootstrap cluster',
      'loop/b bootstrap a',
    ]);
    expect(objectIds(cluster(graph, 'kubernetes/flux').objects)).toContain('ConfigMap -/a (kubernetes/apps/a.yaml)');
    expect(cluster(graph, 'loop/b').kustomizations.map((k) => k.name).sort()).toEqual(['a', 'b']);
  });

  it('Flux objects: HelmRelease refs, postBuild, unreached objects listed once without a cluster', async () => {
    const release = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
spec:
  chart:
    spec:
      chart: podinfo
      sourceRef:
        kind: HelmRepository
        name: podinfo
        namespace: flux-system
  valuesFrom:
    - kind: ConfigMap
      name: values
      optional: true
  dependsOn:
    - name: redis
`;
    const graph = await graphOf({
      'clusters/dev/apps.yaml': fluxKs('apps', './apps', {
        extra: '  postBuild:\n    substitute:\n      domain: example.com\n    substituteFrom:\n      - kind: Secret\n        name: vars\n',
      }),
      'apps/kustomization.yaml': kustomization('namespace: web\nresources:\n  - release.yaml\n'),
      'apps/release.yaml': release,
      'attic/kustomization.yaml': kustomization('namespace: old\nresources:\n  - release.yaml\n'),
      'attic/release.yaml': release,
    });
    const dev = cluster(graph, 'dev');
    const apps = dev.kustomizations[0]!;
    expect(apps.postBuild).toEqual({
      substitute: { domain: 'example.com' },
      substituteFrom: [{ kind: 'Secret', name: 'vars', optional: false, at: { doc: apps.doc, path: ['spec', 'postBuild', 'substituteFrom', 0] } }],
    });
    expect(dev.helmReleases).toHaveLength(1);
    expect(dev.helmReleases[0]).toMatchObject({
      name: 'podinfo',
      namespace: 'web',
      cluster: 'dev',
      chartSourceRef: { kind: 'HelmRepository', name: 'podinfo', namespace: 'flux-system' },
      valuesFrom: [{ kind: 'ConfigMap', name: 'values', optional: true }],
      dependsOn: [{ name: 'redis', namespace: 'web' }],
    });
    const unreached = graph.helmReleases.filter((h) => h.cluster === undefined);
    expect(unreached.map((h) => `${h.namespace}/${h.name} ${h.doc.file}`)).toEqual(['old/podinfo attic/release.yaml']);
  });

  it('an unreached Kustomization is applied even when its directory kustomization.yaml does not list it', async () => {
    const graph = await graphOf({
      'clusters/dev/kustomization.yaml': kustomization('resources:\n  - listed.yaml\n'),
      'clusters/dev/listed.yaml': fluxKs('listed', './apps'),
      'clusters/dev/stray.yaml': fluxKs('stray', './apps'),
      'apps/a.yaml': cm('a'),
    });
    const dev = cluster(graph, 'dev');
    expect(dev.kustomizations.map((k) => k.name).sort()).toEqual(['listed', 'stray']);
    expect(dev.objects.filter((o) => o.doc.file === 'apps/a.yaml').map((o) => o.by.name).sort()).toEqual(['listed', 'stray']);
  });
});
