import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, configMap, kustomization, namespace } from './flux-fixtures.js';

const keep = 'keep one definition (Flux fails or the last apply wins)';
const kustomizationFile = (lines: string[]) => ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', ...lines, ''].join('\n');
const secret = (name: string, ns: string) => configMap(name, ns).replace('kind: ConfigMap', 'kind: Secret').replace('data:\n  key: value', 'stringData:\n  key: value');

ruleTester.run('duplicate-object', {
  valid: [
    {
      name: 'same name, different kinds and namespaces',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'apps/a.yaml': configMap('settings', 'default'),
        'apps/b.yaml': secret('settings', 'default'),
        'apps/c.yaml': configMap('settings', 'other'),
      },
    },
    {
      name: 'the same object on two clusters',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'clusters/staging/apps.yaml': kustomization('apps', './apps'),
        'apps/a.yaml': configMap('settings', 'default'),
      },
    },
    {
      name: 'one base included twice with different namePrefix',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/blue.yaml': kustomization('blue', './apps/blue'),
        'clusters/prod/green.yaml': kustomization('green', './apps/green'),
        'apps/base/kustomization.yaml': kustomizationFile(['resources:', '  - settings.yaml']),
        'apps/base/settings.yaml': configMap('settings', 'default'),
        'apps/blue/kustomization.yaml': kustomizationFile(['namePrefix: blue-', 'resources:', '  - ../base']),
        'apps/green/kustomization.yaml': kustomizationFile(['namePrefix: green-', 'resources:', '  - ../base']),
      },
    },
    {
      name: 'one template applied by two Kustomizations with different postBuild variables',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': `${kustomization('web', './templates', ['postBuild:', '  substitute:', '    APP: web'])}---\n${kustomization('api', './templates', ['postBuild:', '  substitute:', '    APP: api'])}`,
        'templates/pvc.yaml': configMap('${APP}-data', 'default'),
      },
    },
  ],
  invalid: [
    {
      name: 'two files of one Flux Kustomization path',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'apps/a.yaml': configMap('settings', 'default'),
        'apps/b.yaml': `${configMap('other', 'default')}---\n${configMap('settings', 'default')}`,
      },
      errors: [
        {
          file: 'apps/b.yaml',
          line: 12,
          column: 9,
          message: `ConfigMap "settings" in namespace "default" is applied more than once on cluster "prod": first at apps/a.yaml:4 by Kustomization "apps", again here by Kustomization "apps"; ${keep}`,
        },
      ],
    },
    {
      name: 'a Namespace created by two Kustomizations',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'apps/ns.yaml': namespace('podinfo'),
        'infra/ns.yaml': namespace('podinfo'),
      },
      errors: [
        {
          file: 'infra/ns.yaml',
          line: 4,
          message: `Namespace "podinfo" is applied more than once on cluster "prod": first at apps/ns.yaml:4 by Kustomization "apps", again here by Kustomization "infra"; ${keep}`,
        },
      ],
    },
    {
      name: 'targetNamespace moves an object onto another',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', ['targetNamespace: podinfo']),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'apps/settings.yaml': configMap('settings'),
        'infra/settings.yaml': configMap('settings', 'podinfo'),
      },
      errors: [{ file: 'infra/settings.yaml', line: 4, message: /^ConfigMap "settings" in namespace "podinfo" is applied more than once on cluster "prod": first at apps\/settings.yaml:4/ }],
    },
    {
      name: 'kustomize namespace transform makes two objects one',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'apps/kustomization.yaml': kustomizationFile(['namespace: podinfo', 'resources:', '  - a.yaml', '  - b.yaml']),
        'apps/a.yaml': configMap('settings', 'default'),
        'apps/b.yaml': configMap('settings', 'podinfo'),
      },
      errors: [{ file: 'apps/b.yaml', line: 4, message: /^ConfigMap "settings" in namespace "podinfo" is applied more than once on cluster "prod": first at apps\/a.yaml:4/ }],
    },
    {
      name: 'postBuild variables resolving to the same name',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': `${kustomization('web', './templates', ['postBuild:', '  substitute:', '    APP: web'])}---\n${kustomization('web-copy', './templates', ['postBuild:', '  substitute:', '    APP: web'])}`,
        'templates/pvc.yaml': configMap('${APP:-x}-data', 'default'),
      },
      errors: [
        {
          file: 'templates/pvc.yaml',
          line: 4,
          message: `ConfigMap "web-data" in namespace "default" is applied more than once on cluster "prod": first by Kustomization "web", again here by Kustomization "web-copy"; ${keep}`,
        },
      ],
    },
  ],
});
