import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, configMap, helmRelease, helmRepository, kustomization } from './flux-fixtures.js';

const dependsOn = (...names: string[]) => ['dependsOn:', ...names.map((n) => `  - name: ${n}`)];
const target = { 'deploy/cm.yaml': configMap('a', 'default') };
const ks = (name: string, ...deps: string[]) => kustomization(name, './deploy', deps.length ? dependsOn(...deps) : []);
const fix = 'none of them can become ready, remove one of the dependsOn entries';
const kustomizationFile = (...resources: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join('')}`;

ruleTester.run('flux-dependson-cycle', {
  valid: [
    {
      name: 'a chain',
      files: { ...bootstrap('prod'), ...target, 'clusters/prod/apps.yaml': ks('apps', 'infra'), 'clusters/prod/infra.yaml': ks('infra', 'crds'), 'clusters/prod/crds.yaml': ks('crds') },
    },
    {
      name: 'a diamond',
      files: {
        ...bootstrap('prod'),
        ...target,
        'clusters/prod/apps.yaml': ks('apps', 'infra', 'config'),
        'clusters/prod/infra.yaml': ks('infra', 'crds'),
        'clusters/prod/config.yaml': ks('config', 'crds'),
        'clusters/prod/crds.yaml': ks('crds'),
      },
    },
    {
      name: 'opposite dependencies on two different clusters',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        ...target,
        'clusters/prod/apps.yaml': ks('apps', 'infra'),
        'clusters/prod/infra.yaml': ks('infra'),
        'clusters/staging/apps.yaml': ks('apps'),
        'clusters/staging/infra.yaml': ks('infra', 'apps'),
      },
    },
    {
      name: 'HelmReleases depending one way',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'apps/repo.yaml': helmRepository('charts'),
        'apps/a.yaml': helmRelease('a', 'default', 'charts', dependsOn('b')),
        'apps/b.yaml': helmRelease('b', 'default', 'charts'),
      },
    },
  ],
  invalid: [
    {
      name: 'two Kustomizations, reported once at the first by file order',
      files: { ...bootstrap('prod'), ...target, 'clusters/prod/infra.yaml': ks('infra', 'apps'), 'clusters/prod/apps.yaml': ks('apps', 'infra') },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 14,
          column: 13,
          message: `Kustomization dependsOn cycle on cluster "prod": apps -> infra -> apps; ${fix}`,
        },
      ],
    },
    {
      name: 'depending on itself',
      files: { ...bootstrap('prod'), ...target, 'clusters/prod/apps.yaml': ks('apps', 'config', 'apps'), 'clusters/prod/config.yaml': ks('config') },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 15, message: `Kustomization dependsOn cycle on cluster "prod": apps -> apps; ${fix}` }],
    },
    {
      name: 'three members through transitive dependencies',
      files: {
        ...bootstrap('prod'),
        ...target,
        'clusters/prod/a-apps.yaml': ks('apps', 'config'),
        'clusters/prod/b-config.yaml': ks('config', 'crds', 'infra'),
        'clusters/prod/c-infra.yaml': ks('infra', 'apps'),
        'clusters/prod/d-crds.yaml': ks('crds'),
      },
      errors: [{ file: 'clusters/prod/a-apps.yaml', line: 14, message: `Kustomization dependsOn cycle on cluster "prod": apps -> config -> infra -> apps; ${fix}` }],
    },
    {
      name: 'HelmRelease cycle',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'apps/repo.yaml': helmRepository('charts'),
        'apps/a.yaml': helmRelease('a', 'default', 'charts', dependsOn('b')),
        'apps/b.yaml': helmRelease('b', 'default', 'charts', dependsOn('a')),
      },
      errors: [{ file: 'apps/a.yaml', line: 17, column: 13, message: `HelmRelease dependsOn cycle on cluster "prod": a -> b -> a; ${fix}` }],
    },
    {
      name: 'the same cycle on two clusters is one finding naming both',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        ...target,
        'clusters/prod/kustomization.yaml': kustomizationFile('flux-system', '../../shared'),
        'clusters/staging/kustomization.yaml': kustomizationFile('flux-system', '../../shared'),
        'shared/kustomization.yaml': kustomizationFile('apps.yaml', 'infra.yaml'),
        'shared/apps.yaml': ks('apps', 'infra'),
        'shared/infra.yaml': ks('infra', 'apps'),
      },
      errors: [{ file: 'shared/apps.yaml', line: 14, message: `Kustomization dependsOn cycle on clusters "prod", "staging": apps -> infra -> apps; ${fix}` }],
    },
  ],
});
