import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, kustomization } from './flux-fixtures.js';

const noPrune = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

const pruneFalse = noPrune.replace('  path: ./apps\n', '  path: ./apps\n  prune: false # keep objects\n');

ruleTester.run('flux-kustomization-prune', {
  valid: [
    { name: 'bootstrap root with prune: true', files: bootstrap('prod') },
    {
      name: 'every Kustomization prunes',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' },
    },
    {
      name: 'kustomize (not Flux) Kustomization has no prune',
      files: { 'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n' },
    },
    {
      name: 'unreached Kustomization with prune: true',
      files: { 'clusters/dev/apps.yaml': kustomization('apps', './apps') },
    },
  ],
  invalid: [
    {
      name: 'prune missing: at spec',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': noPrune },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          message:
            'Kustomization "apps" does not set spec.prune (default false): objects removed from Git stay on the cluster; add prune: true',
        },
      ],
    },
    {
      name: 'prune: false carries no fix: it is often deliberate and --fix never changes what the cluster does',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': pruneFalse },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 9,
          column: 10,
          message: 'Kustomization "apps" sets prune: false: objects removed from Git stay on the cluster; set prune: true',
          fix: null,
        },
      ],
    },
    {
      name: 'second document of a multi-document file, applied on two clusters: reported once',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        'clusters/prod/infra.yaml': `${kustomization('infra', './infra')}---\n${pruneFalse}`,
        'clusters/staging/infra.yaml': `${kustomization('infra', './infra')}`,
      },
      errors: [{ file: 'clusters/prod/infra.yaml', line: 22, message: /^Kustomization "apps" sets prune: false/ }],
    },
    {
      name: 'bootstrap root itself with prune: False (YAML 1.2 boolean)',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/flux-system/gotk-sync.yaml': bootstrap('prod')['clusters/prod/flux-system/gotk-sync.yaml']!.replace(
          'prune: true',
          'prune: False',
        ),
      },
      errors: [{ file: 'clusters/prod/flux-system/gotk-sync.yaml', line: 23, message: /^Kustomization "flux-system" sets prune: false/ }],
    },
  ],
});
