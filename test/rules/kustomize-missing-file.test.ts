import { ruleTester } from '../support/rule-tester.js';

const k = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';

ruleTester.run('kustomize-missing-file', {
  valid: [
    {
      name: 'every reference exists',
      files: {
        'app/kustomization.yaml': k(
          'resources:\n  - cm.yaml\n  - ../base\npatches:\n  - path: patch.yaml\n  - patch: |-\n      - op: remove\n        path: /data\nconfigMapGenerator:\n  - name: s\n    files:\n      - key=data/file.txt\n',
        ),
        'app/cm.yaml': cm,
        'app/patch.yaml': cm,
        'app/data/file.txt': 'x\n',
        'base/kustomization.yaml': k('resources:\n  - cm.yaml\n'),
        'base/cm.yaml': cm,
      },
    },
    {
      name: 'remote bases and inline strategic merge patches are not files',
      files: {
        'kustomization.yaml': k(
          'resources:\n  - https://github.com/fluxcd/flux2/manifests/install?ref=v2.4.0\n  - github.com/example/repo//base?ref=main\npatchesStrategicMerge:\n  - |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n',
        ),
      },
    },
    {
      name: 'a missing resource or patch that .gitignore ignores belongs to kustomize-generated-file',
      files: {
        '.gitignore': 'generated/\n',
        'app/kustomization.yaml': k('resources:\n  - generated/crds.yaml\npatches:\n  - path: generated/patch.yaml\n'),
      },
    },
    {
      name: 'paths outside the repo belong to path-outside-repo',
      files: { 'app/kustomization.yaml': k('resources:\n  - ../../elsewhere\n') },
    },
  ],
  invalid: [
    {
      name: 'a missing SOPS-encrypted file next to its plaintext: encrypt it, do not point at the plaintext',
      files: { 'app/kustomization.yaml': k('resources:\n  - secret.enc.yaml\n'), 'app/secret.yaml': cm },
      errors: [
        {
          file: 'app/kustomization.yaml',
          line: 4,
          column: 5,
          message:
            'resources entry "secret.enc.yaml" does not exist (resolved to "app/secret.enc.yaml"); it is the SOPS-encrypted form of app/secret.yaml: ' +
            'create it with `sops --encrypt app/secret.yaml > app/secret.enc.yaml`, and keep the plaintext out of Git',
        },
      ],
    },
    {
      name: 'a .gitignore that ignores something else, or re-includes the file, does not excuse it',
      files: {
        '.gitignore': 'generated/\ncrds.yaml\ncm.yaml\n',
        'app/.gitignore': '!crds.yaml\n',
        'app/kustomization.yaml': k('resources:\n  - crds.yaml\n  - ../other/cm.yaml\n'),
        'other/.gitignore': '!cm.yaml\n',
      },
      errors: [
        { file: 'app/kustomization.yaml', line: 4, message: 'resources entry "crds.yaml" does not exist (resolved to "app/crds.yaml")' },
        { file: 'app/kustomization.yaml', line: 5, message: 'resources entry "../other/cm.yaml" does not exist (resolved to "other/cm.yaml")' },
      ],
    },
    {
      name: 'missing resource file with a close sibling',
      files: { 'app/kustomization.yaml': k('resources:\n  - deployment.yml\n'), 'app/deployment.yaml': cm },
      errors: [
        {
          file: 'app/kustomization.yaml',
          line: 4,
          column: 5,
          message: 'resources entry "deployment.yml" does not exist (resolved to "app/deployment.yml"); did you mean "deployment.yaml"?',
        },
      ],
    },
    {
      name: 'missing base directory, suggestion keeps the relative prefix',
      files: {
        'apps/prod/kustomization.yaml': k('resources:\n  - ../base/podinfo-app\n'),
        'apps/base/podinfo/kustomization.yaml': k('resources: []\n'),
      },
      errors: [
        {
          file: 'apps/prod/kustomization.yaml',
          line: 4,
          message: 'resources entry "../base/podinfo-app" does not exist (resolved to "apps/base/podinfo-app"); did you mean "../base/podinfo"?',
        },
      ],
    },
    {
      name: 'resource directory without a kustomization.yaml',
      files: { 'app/kustomization.yaml': k('resources:\n  - ./manifests\n'), 'app/manifests/cm.yaml': cm },
      errors: [
        {
          file: 'app/kustomization.yaml',
          line: 4,
          message: 'resources entry "./manifests" is a directory without a kustomization.yaml (resolved to "app/manifests"); kustomize cannot build it',
        },
      ],
    },
    {
      name: 'patches, generators, strategic merge and json6902 files',
      files: {
        'app/kustomization.yaml': k(
          [
            'patches:',
            '  - path: values.yaml',
            'patchesStrategicMerge:',
            '  - smp.yaml',
            'patchesJson6902:',
            '  - target: {kind: ConfigMap, name: a}',
            '    path: ops.yaml',
            'configMapGenerator:',
            '  - name: settings',
            '    files:',
            '      - conf=settings.ini',
            '    envs:',
            '      - vars.env',
            'components:',
            '  - ../shared',
            '',
          ].join('\n'),
        ),
      },
      errors: [
        { file: 'app/kustomization.yaml', line: 4, column: 11, message: /^patches entry "values.yaml" does not exist/ },
        { file: 'app/kustomization.yaml', line: 6, message: /^patchesStrategicMerge entry "smp.yaml" does not exist/ },
        { file: 'app/kustomization.yaml', line: 9, message: /^patchesJson6902 entry "ops.yaml" does not exist/ },
        { file: 'app/kustomization.yaml', line: 13, message: 'configMapGenerator entry "settings.ini" does not exist (resolved to "app/settings.ini")' },
        { file: 'app/kustomization.yaml', line: 15, message: /^configMapGenerator entry "vars.env" does not exist/ },
        { file: 'app/kustomization.yaml', line: 17, message: 'components entry "../shared" does not exist (resolved to "shared")' },
      ],
    },
    {
      name: 'a patch path that is a directory',
      files: { 'app/kustomization.yaml': k('patches:\n  - path: patches\n'), 'app/patches/p.yaml': cm },
      errors: [{ file: 'app/kustomization.yaml', line: 4, message: 'patches entry "patches" is a directory, not a file (resolved to "app/patches")' }],
    },
  ],
});
