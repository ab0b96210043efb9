import { ruleTester } from '../support/rule-tester.js';
import { widgetCrd } from './cel-fixtures.js';
import { bootstrap, helmRelease, helmRepository, kustomization, workload } from './flux-fixtures.js';

const deployment = workload('ingress', 'default', 'registry.k8s.io/ingress-nginx/controller:v1.12.1');

const infra = (extra: string[] = []) => kustomization('infra', './infra', extra);
const apps = kustomization('apps', './apps', ['dependsOn:', '  - name: infra']);
const appFiles = { 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n' };

ruleTester.run('flux-dependency-not-ready', {
  valid: [
    { name: 'dependency waits', files: { ...bootstrap('prod'), 'clusters/prod/infra.yaml': infra(['wait: true']), 'clusters/prod/apps.yaml': apps, 'infra/deploy.yaml': deployment, ...appFiles } },
    {
      name: 'dependency has healthChecks',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': infra(['healthChecks:', '  - apiVersion: apps/v1', '    kind: Deployment', '    name: ingress', '    namespace: default']),
        'clusters/prod/apps.yaml': apps,
        'infra/deploy.yaml': deployment,
        ...appFiles,
      },
    },
    { name: 'dependency applies only CRDs (applied and waited for first)', files: { ...bootstrap('prod'), 'clusters/prod/infra.yaml': infra(), 'clusters/prod/apps.yaml': apps, 'infra/crd.yaml': widgetCrd, ...appFiles } },
    { name: 'nobody depends on it', files: { ...bootstrap('prod'), 'clusters/prod/infra.yaml': infra(), 'infra/deploy.yaml': deployment } },
  ],
  invalid: [
    {
      name: 'a Deployment and no wait: at spec',
      files: { ...bootstrap('prod'), 'clusters/prod/infra.yaml': infra(), 'clusters/prod/apps.yaml': apps, 'infra/deploy.yaml': deployment, ...appFiles },
      errors: [
        {
          file: 'clusters/prod/infra.yaml',
          line: 7,
          message:
            'Kustomization "infra" is a dependency of "apps" on cluster "prod" but neither waits (spec.wait) nor has healthChecks: Flux marks it Ready as soon as it is applied, before its Deployments are ready, so the dependents start too early; set spec.wait: true (or list healthChecks)',
        },
      ],
    },
    {
      name: 'wait: false written, a HelmRelease: at the value',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': infra(['wait: false']),
        'clusters/prod/apps.yaml': apps,
        'infra/release.yaml': helmRelease('ingress', 'flux-system', 'charts'),
        'infra/repo.yaml': helmRepository('charts'),
        ...appFiles,
      },
      errors: [{ file: 'clusters/prod/infra.yaml', line: 13, column: 9, message: /before its HelmReleases are ready/ }],
    },
  ],
});
