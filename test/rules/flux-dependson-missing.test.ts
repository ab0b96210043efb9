import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, configMap, helmRelease, helmRepository, kustomization } from './flux-fixtures.js';

const cm = { 'infra/cm.yaml': configMap('a', 'default'), 'apps/cm.yaml': configMap('b', 'default') };
const dependsOn = (...names: string[]) => ['dependsOn:', ...names.map((n) => `  - name: ${n}`)];

/** prod cluster with Kustomizations apps (depending on `deps`) and infra-controllers. */
const prod = (deps: string[]) => ({
  ...bootstrap('prod'),
  ...cm,
  'clusters/prod/infra.yaml': kustomization('infra-controllers', './infra'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps', dependsOn(...deps)),
});

const releases = (podinfoDeps: string[]) => ({
  ...bootstrap('prod'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps'),
  'apps/repositories.yaml': `${helmRepository('podinfo')}---\n${helmRepository('bitnami')}`,
  'apps/redis.yaml': helmRelease('redis', 'databases', 'bitnami'),
  'apps/podinfo.yaml': helmRelease('podinfo', 'podinfo', 'podinfo', podinfoDeps),
});

ruleTester.run('flux-dependson-missing', {
  valid: [
    { name: 'dependency on the same cluster, namespace defaulted', files: prod(['infra-controllers']) },
    {
      name: 'explicit namespace matching',
      files: { ...prod([]), 'clusters/prod/apps.yaml': kustomization('apps', './apps', ['dependsOn:', '  - name: infra-controllers', '    namespace: flux-system']) },
    },
    { name: 'HelmRelease depending on a HelmRelease in another namespace', files: releases(['dependsOn:', '  - name: redis', '    namespace: databases']) },
    {
      name: 'two clusters with the same names, each complete',
      files: {
        ...prod(['infra-controllers']),
        ...bootstrap('staging'),
        'clusters/staging/infra.yaml': kustomization('infra-controllers', './infra'),
        'clusters/staging/apps.yaml': kustomization('apps', './apps', dependsOn('infra-controllers')),
      },
    },
    { name: 'a name from postBuild variables is only known after substitution', files: prod(['${CLUSTER}-infra']) },
  ],
  invalid: [
    {
      name: 'typo with a close name',
      files: prod(['infra-controler']),
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 14,
          column: 13,
          message: 'Kustomization "apps" depends on Kustomization "infra-controler" which does not exist on cluster "prod"; did you mean "infra-controllers"?',
        },
      ],
    },
    {
      name: 'dependency that exists only on the other cluster',
      files: {
        ...prod(['infra-controllers', 'monitoring']),
        ...bootstrap('staging'),
        'clusters/staging/monitoring.yaml': kustomization('monitoring', './infra'),
      },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 15,
          message:
            'Kustomization "apps" depends on Kustomization "monitoring" which does not exist on cluster "prod" (it exists only on cluster "staging"); add it to this cluster or remove the entry',
        },
      ],
    },
    {
      name: 'explicit namespace that does not hold it',
      files: { ...prod([]), 'clusters/prod/apps.yaml': kustomization('apps', './apps', ['dependsOn:', '  - name: infra-controllers', '    namespace: infra']) },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 14,
          message:
            'Kustomization "apps" depends on Kustomization "infra-controllers" in namespace "infra" which does not exist on cluster "prod"; a Kustomization "infra-controllers" exists in namespace "flux-system": set namespace: flux-system',
        },
      ],
    },
    {
      name: 'HelmRelease dependency defaults to its own namespace',
      files: releases(dependsOn('redis')),
      errors: [
        {
          file: 'apps/podinfo.yaml',
          line: 17,
          column: 13,
          message:
            'HelmRelease "podinfo" depends on HelmRelease "redis" which does not exist on cluster "prod"; a HelmRelease "redis" exists in namespace "databases": set namespace: databases',
        },
      ],
    },
    {
      name: 'nothing similar',
      files: prod(['infra-controllers', 'databases']),
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 15,
          message: 'Kustomization "apps" depends on Kustomization "databases" which does not exist on cluster "prod"; add it to the cluster or remove the entry',
        },
      ],
    },
  ],
});
