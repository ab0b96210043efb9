import { ruleTester } from '../support/rule-tester.js';

const k = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';

ruleTester.run('kustomize-cycle', {
  valid: [
    {
      name: 'two overlays sharing a base',
      files: {
        'apps/a/kustomization.yaml': k('resources:\n  - ../common\n'),
        'apps/b/kustomization.yaml': k('resources:\n  - ../common\n  - ../a\n'),
        'apps/common/kustomization.yaml': k('resources:\n  - cm.yaml\n'),
        'apps/common/cm.yaml': cm,
      },
    },
  ],
  invalid: [
    {
      name: 'two kustomizations including each other, reported once',
      files: {
        'apps/a/kustomization.yaml': k('resources:\n  - ../b\n'),
        'apps/b/kustomization.yaml': k('resources:\n  - cm.yaml\n  - ../a\n'),
        'apps/b/cm.yaml': cm,
      },
      errors: [
        {
          file: 'apps/b/kustomization.yaml',
          line: 5,
          column: 5,
          message: 'kustomization cycle: apps/a/kustomization.yaml -> apps/b/kustomization.yaml -> apps/a/kustomization.yaml',
        },
      ],
    },
    {
      name: 'a kustomization including its own directory through components',
      files: { 'app/kustomization.yaml': k('components:\n  - ./\n') },
      errors: [{ file: 'app/kustomization.yaml', line: 4, message: 'kustomization cycle: app/kustomization.yaml -> app/kustomization.yaml' }],
    },
  ],
});
