import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, helmRelease, helmRepository, kustomization } from './flux-fixtures.js';

const overlayPatch = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../base
patches:
  - path: suspend.yaml
`;

ruleTester.run('flux-suspended', {
  valid: [
    { name: 'not suspended', files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps') } },
    { name: 'suspend: false', files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps', ['suspend: false']) } },
    { name: 'suspended but applied by no cluster (archived)', files: { ...bootstrap('prod'), 'archive/apps.yaml': kustomization('apps', './apps', ['suspend: true']) } },
    {
      name: 'a plain object with spec.suspend (CronJob) is not a Flux object',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/job.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: j\n  namespace: default\nspec:\n  suspend: true\n  schedule: "* * * * *"\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a committed suspend: true on a Kustomization, at the key',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps', ['suspend: true']) },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 13,
          column: 3,
          message:
            'Kustomization "apps" is committed with spec.suspend: true: Flux does not reconcile it (no apply, no drift correction, no pruning) until someone resumes it; remove suspend from Git, or say why in a suppression',
        },
      ],
    },
    {
      name: 'a HelmRelease suspended by an overlay patch: at the patch file',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps/prod'),
        'apps/base/kustomization.yaml': 'resources:\n  - release.yaml\n  - repo.yaml\n',
        'apps/base/release.yaml': helmRelease('podinfo', 'flux-system', 'podinfo'),
        'apps/base/repo.yaml': helmRepository('podinfo'),
        'apps/prod/kustomization.yaml': overlayPatch,
        'apps/prod/suspend.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: flux-system\nspec:\n  suspend: true\n',
      },
      errors: [{ file: 'apps/prod/suspend.yaml', line: 7, message: /^HelmRelease "podinfo" is committed with spec\.suspend: true \(set by a patch\)/ }],
    },
  ],
});
