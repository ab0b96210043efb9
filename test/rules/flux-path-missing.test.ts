import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, configMap, kustomization } from './flux-fixtures.js';

const otherRepoSource = `---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: platform
  namespace: flux-system
spec:
  interval: 5m
  url: https://github.com/example/platform
  ref:
    branch: main
`;

ruleTester.run('flux-path-missing', {
  valid: [
    {
      name: 'a Kustomization kept in a hidden directory is applied on no cluster',
      files: { ...bootstrap('prod'), '.archive/old/ks.yaml': kustomization('old', './apps/gone') },
    },
    {
      name: 'path to an existing directory',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps/prod'), 'apps/prod/cm.yaml': configMap('a', 'default') },
    },
    {
      name: 'path without ./ and with a trailing slash',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', 'apps/prod/'), 'apps/prod/cm.yaml': configMap('a', 'default') },
    },
    {
      name: 'source is another Git repository: its paths are not in this repo',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/platform.yaml': `${kustomization('platform', './deploy').replace('name: flux-system', 'name: platform')}${otherRepoSource}`,
      },
    },
    {
      name: 'path climbing out of the repo is path-outside-repo, not this rule',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', '../../elsewhere') },
    },
    {
      name: 'a path from postBuild variables of the parent is only known after substitution',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps/${CLUSTER_NAME}'), 'apps/prod/cm.yaml': configMap('a', 'default') },
    },
  ],
  invalid: [
    {
      name: 'missing directory with a close sibling',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps/prodution'), 'apps/production/cm.yaml': configMap('a', 'default') },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 8,
          column: 9,
          message:
            'Kustomization "apps" spec.path "./apps/prodution" does not exist in the repository (resolved to "apps/prodution"); did you mean "./apps/production"?',
        },
      ],
    },
    {
      name: 'missing directory, nothing close',
      files: { ...bootstrap('prod'), 'clusters/prod/infra.yaml': kustomization('infra', './infrastructure/controllers') },
      errors: [
        {
          file: 'clusters/prod/infra.yaml',
          line: 8,
          message:
            'Kustomization "infra" spec.path "./infrastructure/controllers" does not exist in the repository (resolved to "infrastructure/controllers"); fix the path or add the directory',
        },
      ],
    },
    {
      name: 'bootstrap root pointing at a renamed cluster directory',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/flux-system/gotk-sync.yaml': bootstrap('prod')['clusters/prod/flux-system/gotk-sync.yaml']!.replace(
          'path: ./clusters/prod',
          'path: ./clusters/production',
        ),
      },
      errors: [{ file: 'clusters/prod/flux-system/gotk-sync.yaml', line: 22, message: /^Kustomization "flux-system" spec.path "\.\/clusters\/production" does not exist.*did you mean "\.\/clusters\/prod"\?$/ }],
    },
    {
      name: 'one document applied on two clusters is reported once',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        'clusters/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - flux-system\n  - ../../shared\n',
        'clusters/staging/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - flux-system\n  - ../../shared\n',
        'shared/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - apps.yaml\n',
        'shared/apps.yaml': kustomization('apps', './apps/common'),
      },
      errors: [{ file: 'shared/apps.yaml', line: 8, message: /^Kustomization "apps" spec.path "\.\/apps\/common" does not exist/ }],
    },
  ],
});
