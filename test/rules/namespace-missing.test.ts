import { describe, expect, it } from 'vitest';
import { hasKubectl, kustomizeBuild, NO_KUBECTL } from '../support/kubectl.js';
import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, configMap, helmRelease, helmRepository, kustomization, namespace } from './flux-fixtures.js';

const k = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const HOW = "create it with a Namespace object in this cluster's Kustomizations, set install.createNamespace on the HelmRelease, or list it under namespaces in .gitops-lint.yaml";
const missing = (what: string, ns: string, clusters: string, close = '') =>
  `${what} is applied into namespace "${ns}", which nothing in the repository creates on ${clusters}${close}: ` +
  `unless it is made outside the repository, the apply fails with namespaces "${ns}" not found; ${HOW}`;

/** One bootstrapped cluster `prod` whose Kustomization "apps" applies ./apps. */
const cluster = (files: Record<string, string>, extra: string[] = []) => ({
  ...bootstrap('prod'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps', extra),
  ...files,
});

/** The renamed-Namespace layout: a Namespace "_" under a kustomization's namespace: (kubectl kustomize renames it). */
const renamed = {
  'apps/kustomization.yaml': k('namespace: podinfo\nresources:\n  - namespace.yaml\n  - cm.yaml\n'),
  'apps/namespace.yaml': namespace('_'),
  'apps/cm.yaml': configMap('settings'),
};

ruleTester.run('namespace-missing', {
  valid: [
    {
      name: 'a Namespace object applied on the cluster',
      files: cluster({
        'apps/kustomization.yaml': k('resources:\n  - namespace.yaml\n  - cm.yaml\n'),
        'apps/namespace.yaml': namespace('podinfo'),
        'apps/cm.yaml': configMap('settings', 'podinfo'),
      }),
    },
    { name: "a Namespace object renamed by its kustomization's namespace:", files: cluster(renamed) },
    {
      name: 'a HelmRelease that creates its targetNamespace at install, and objects in it',
      files: cluster({
        'apps/kustomization.yaml': k('resources:\n  - repo.yaml\n  - release.yaml\n  - cm.yaml\n'),
        'apps/repo.yaml': helmRepository('podinfo'),
        'apps/release.yaml': helmRelease('podinfo', 'flux-system', 'podinfo', ['targetNamespace: podinfo', 'install:', '  createNamespace: true']),
        'apps/cm.yaml': configMap('settings', 'podinfo'),
      }),
    },
    {
      name: 'built-in namespaces, flux-system on a bootstrapped cluster, and namespaces declared in the config',
      config: { namespaces: ['platform'] },
      files: cluster({
        'apps/kustomization.yaml': k('resources:\n  - a.yaml\n  - b.yaml\n  - c.yaml\n'),
        'apps/a.yaml': configMap('a', 'kube-system'),
        'apps/b.yaml': configMap('b', 'flux-system'),
        'apps/c.yaml': configMap('c', 'platform'),
      }),
    },
    {
      name: 'a namespace still holding a ${VAR} from substituteFrom',
      files: cluster({ 'apps/kustomization.yaml': k('resources:\n  - cm.yaml\n'), 'apps/cm.yaml': configMap('settings', '${TENANT}') }, [
        'postBuild:',
        '  substituteFrom:',
        '    - kind: ConfigMap',
        '      name: cluster-vars',
      ]),
    },
    {
      name: 'a flux-operator ResourceSet whose resources template the Namespace',
      files: cluster({
        'apps/kustomization.yaml': k('resources:\n  - tenants.yaml\n  - cm.yaml\n'),
        'apps/tenants.yaml': [
          'apiVersion: fluxcd.controlplane.io/v1',
          'kind: ResourceSet',
          'metadata:',
          '  name: tenants',
          '  namespace: flux-system',
          'spec:',
          '  inputs:',
          '    - tenant: alpha',
          '  resources:',
          '    - apiVersion: v1',
          '      kind: Namespace',
          '      metadata:',
          '        name: team-<< inputs.tenant >>',
          '',
        ].join('\n'),
        'apps/cm.yaml': configMap('settings', 'team-alpha'),
      }),
    },
    {
      name: 'objects a Kustomization applies to another cluster through spec.kubeConfig',
      files: cluster({ 'apps/kustomization.yaml': k('resources:\n  - cm.yaml\n'), 'apps/cm.yaml': configMap('settings', 'edge') }, [
        'kubeConfig:',
        '  secretRef:',
        '    name: edge-kubeconfig',
      ]),
    },
    {
      name: 'a repo without real roots: its clusters are guesses',
      files: {
        'deploy/apps.yaml': kustomization('apps', './apps'),
        'apps/kustomization.yaml': k('resources:\n  - cm.yaml\n'),
        'apps/cm.yaml': configMap('settings', 'podinfo'),
      },
    },
  ],
  invalid: [
    {
      name: 'objects in a namespace nothing creates: one finding at the first, with the count',
      files: cluster({
        'apps/kustomization.yaml': k('resources:\n  - a.yaml\n  - b.yaml\n  - c.yaml\n'),
        'apps/a.yaml': configMap('a', 'podinfo'),
        'apps/b.yaml': configMap('b', 'podinfo'),
        'apps/c.yaml': configMap('c', 'podinfo'),
      }),
      errors: [{ file: 'apps/a.yaml', line: 5, column: 14, message: missing('ConfigMap "a" (and 2 more objects)', 'podinfo', 'cluster "prod"') }],
    },
    {
      name: 'a misspelt namespace next to the one the cluster has',
      files: cluster({
        'apps/kustomization.yaml': k('resources:\n  - namespace.yaml\n  - cm.yaml\n'),
        'apps/namespace.yaml': namespace('monitoring'),
        'apps/cm.yaml': configMap('settings', 'monitorig'),
      }),
      errors: [{ file: 'apps/cm.yaml', line: 5, message: missing('ConfigMap "settings"', 'monitorig', 'cluster "prod"', ' (did you mean "monitoring"?)') }],
    },
    {
      name: "a Flux Kustomization's targetNamespace that nothing creates, on two clusters sharing the base",
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', ['targetNamespace: podinfo']),
        'clusters/staging/apps.yaml': kustomization('apps', './apps', ['targetNamespace: podinfo']),
        'apps/kustomization.yaml': k('resources:\n  - cm.yaml\n'),
        'apps/cm.yaml': configMap('settings'),
      },
      errors: [{ file: 'apps/cm.yaml', line: 4, message: missing('ConfigMap "settings"', 'podinfo', 'clusters "prod", "staging"') }],
    },
    {
      name: 'createNamespace without targetNamespace creates nothing: the release namespace is the HelmRelease\'s own',
      files: cluster({
        'apps/kustomization.yaml': k('resources:\n  - repo.yaml\n  - release.yaml\n'),
        'apps/repo.yaml': helmRepository('podinfo'),
        'apps/release.yaml': helmRelease('podinfo', 'podinfo', 'podinfo', ['install:', '  createNamespace: true']),
      }),
      errors: [{ file: 'apps/release.yaml', line: 5, message: missing('HelmRelease "podinfo"', 'podinfo', 'cluster "prod"') }],
    },
  ],
});

describe.skipIf(!hasKubectl)(`namespace-missing: the Namespace rename as kubectl kustomize builds it (${hasKubectl ? 'kubectl found' : NO_KUBECTL})`, () => {
  it("names a Namespace object after its kustomization's namespace:", () => {
    const built = kustomizeBuild(renamed, 'apps');
    if ('error' in built) throw new Error(built.error);
    expect(built.objects.map((o) => `${o.kind}/${(o.metadata as { name: string }).name}`)).toContain('Namespace/podinfo');
  });
});
