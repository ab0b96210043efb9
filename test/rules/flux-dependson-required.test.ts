import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, configMap, helmRelease, helmRepository, kustomization, namespace } from './flux-fixtures.js';

const dependsOn = (...names: string[]) => ['dependsOn:', ...names.map((n) => `  - name: ${n}`)];

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: certificates.cert-manager.io
spec:
  group: cert-manager.io
  names:
    kind: Certificate
    plural: certificates
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
`;

const certificate = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web
  namespace: default
spec:
  secretName: web-tls
  dnsNames: [example.com]
  issuerRef:
    name: letsencrypt
`;

/** infra-controllers creates namespace podinfo; apps deploys into it. */
const layered = (appsExtra: string[]) => ({
  ...bootstrap('prod'),
  'clusters/prod/infra.yaml': kustomization('infra-controllers', './infra'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps', appsExtra),
  'infra/namespace.yaml': namespace('podinfo'),
  'apps/settings.yaml': configMap('settings', 'podinfo'),
});

ruleTester.run('flux-dependson-required', {
  valid: [
    { name: 'depends on the Kustomization creating the namespace', files: layered(dependsOn('infra-controllers')) },
    {
      name: 'depends on it transitively',
      files: { ...layered(dependsOn('config')), 'clusters/prod/config.yaml': kustomization('config', './config', dependsOn('infra-controllers')), 'config/cm.yaml': configMap('c', 'default') },
    },
    {
      name: 'creates its own namespace',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/namespace.yaml': namespace('podinfo'), 'apps/settings.yaml': configMap('settings', 'podinfo') },
    },
    {
      name: 'namespace created by the parent Kustomization that applies it',
      files: { ...bootstrap('prod'), 'clusters/prod/namespaces.yaml': namespace('podinfo'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/settings.yaml': configMap('settings', 'podinfo') },
    },
    {
      name: 'objects in the Kustomization\'s own namespace and in built-in namespaces',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'infra/namespaces.yaml': `${namespace('flux-system')}---\n${namespace('kube-system')}`,
        'apps/settings.yaml': `${configMap('settings', 'flux-system')}---\n${configMap('other', 'kube-system')}`,
      },
    },
    {
      name: 'creator only on the other cluster',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        'clusters/prod/infra.yaml': kustomization('infra-controllers', './infra'),
        'clusters/staging/apps.yaml': kustomization('apps', './apps'),
        'infra/namespace.yaml': namespace('podinfo'),
        'apps/settings.yaml': configMap('settings', 'podinfo'),
      },
    },
  ],
  invalid: [
    {
      name: 'namespace created by another Kustomization, no dependsOn: at spec',
      files: layered([]),
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          column: 1,
          message:
            'Kustomization "apps" applies objects in namespace "podinfo" created by Kustomization "infra-controllers" but does not depend on it; add dependsOn: [{name: infra-controllers}]',
        },
      ],
    },
    {
      name: 'targetNamespace puts objects in the created namespace: at spec.dependsOn',
      files: {
        ...layered(['targetNamespace: podinfo', ...dependsOn('config')]),
        'apps/settings.yaml': configMap('settings'),
        'clusters/prod/config.yaml': kustomization('config', './config'),
        'config/cm.yaml': configMap('c', 'default'),
      },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 14, column: 3, message: /^Kustomization "apps" applies objects in namespace "podinfo" created by Kustomization "infra-controllers"/ }],
    },
    {
      name: 'custom resources of a CRD another Kustomization applies',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'infra/crd.yaml': crd,
        'apps/certificate.yaml': certificate,
      },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          message:
            'Kustomization "apps" applies Certificate (cert-manager.io) custom resources whose CustomResourceDefinition is applied by Kustomization "infra" but does not depend on it; add dependsOn: [{name: infra}]',
        },
      ],
    },
    {
      name: 'HelmRelease whose source another Kustomization creates, in another namespace',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/sources.yaml': kustomization('sources', './sources').replace('  namespace: flux-system\nspec', '  namespace: platform\nspec'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'sources/podinfo.yaml': helmRepository('podinfo'),
        'apps/podinfo.yaml': helmRelease('podinfo', 'default', 'podinfo'),
      },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          message:
            'Kustomization "apps" applies HelmRelease "podinfo" whose HelmRepository "podinfo" is created by Kustomization "sources" but does not depend on it; add dependsOn: [{name: sources, namespace: platform}]',
        },
      ],
    },
    {
      name: 'one finding per pair, even with several reasons',
      files: {
        ...layered([]),
        'infra/crd.yaml': crd,
        'apps/certificate.yaml': certificate.replace('namespace: default', 'namespace: podinfo'),
      },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 6, message: /^Kustomization "apps" applies .* created by Kustomization "infra-controllers" but does not depend on it/ }],
    },
  ],
});
