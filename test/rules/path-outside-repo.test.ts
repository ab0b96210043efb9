import { ruleTester } from '../support/rule-tester.js';

const k = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const fluxKs = (path: string, source = 'flux-system') => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: ${source}
`;

ruleTester.run('path-outside-repo', {
  valid: [
    {
      name: 'relative references inside the repo, remote bases',
      files: {
        'apps/prod/kustomization.yaml': k('resources:\n  - ../../shared\n  - https://github.com/example/base//x?ref=v1\n'),
        'shared/kustomization.yaml': k('resources: []\n'),
        'clusters/prod/apps.yaml': fluxKs('./apps/prod'),
      },
    },
  ],
  invalid: [
    {
      name: 'kustomization references that climb out or are absolute',
      files: { 'apps/prod/kustomization.yaml': k('resources:\n  - ../../../shared\npatches:\n  - path: /etc/patch.yaml\n') },
      errors: [
        { file: 'apps/prod/kustomization.yaml', line: 4, column: 5, message: 'resources entry "../../../shared" climbs above the repository root; it is never read' },
        {
          file: 'apps/prod/kustomization.yaml',
          line: 6,
          message: 'patches entry "/etc/patch.yaml" is an absolute path; references must be relative and inside the repository, so it is never read',
        },
      ],
    },
    {
      name: 'Flux Kustomization spec.path climbing out, whatever its source',
      files: { 'clusters/prod/apps.yaml': `${fluxKs('../../elsewhere')}---\n${fluxKs('/abs/path', 'other-repo').replace('name: apps', 'name: other')}` },
      errors: [
        { file: 'clusters/prod/apps.yaml', line: 8, column: 9, message: 'Kustomization "apps" spec.path "../../elsewhere" climbs above the repository root; it is never read' },
        { file: 'clusters/prod/apps.yaml', line: 21, message: /^Kustomization "other" spec.path "\/abs\/path" is an absolute path/ },
      ],
    },
  ],
});
