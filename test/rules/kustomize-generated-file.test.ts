import { ruleTester } from '../support/rule-tester.js';

const k = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
const generated = (field: string, raw: string, path: string) =>
  `${field} entry "${raw}" is not in the repository and .gitignore ignores it (resolved to "${path}"): ` +
  'it is generated at build time, so what it holds is not checked; the build fails wherever it is not generated first';

ruleTester.run('kustomize-generated-file', {
  valid: [
    {
      name: 'a missing file no .gitignore ignores is a missing file, not a generated one',
      files: { '.gitignore': '*.out\n', 'app/kustomization.yaml': k('resources:\n  - crds.yaml\n') },
    },
    {
      name: 'a file re-included by a deeper .gitignore is not generated',
      files: {
        '.gitignore': '*.gen.yaml\n',
        'app/.gitignore': '!crds.gen.yaml\n',
        'app/kustomization.yaml': k('resources:\n  - crds.gen.yaml\n'),
      },
    },
    {
      name: 'generator inputs are not resources or patches',
      files: { '.gitignore': '.env\n', 'app/kustomization.yaml': k('secretGenerator:\n  - name: s\n    envs:\n      - .env\n') },
    },
  ],
  invalid: [
    {
      // Gitignored files are not part of the repo (not linted, absent to the graph), so a local render changes nothing.
      name: 'an ignored file generated in this checkout is still a generated file',
      files: { '.gitignore': 'crds.yaml\n', 'app/kustomization.yaml': k('resources:\n  - crds.yaml\n'), 'app/crds.yaml': cm },
      errors: [{ file: 'app/kustomization.yaml', line: 4, message: generated('resources', 'crds.yaml', 'app/crds.yaml') }],
    },
    {
      name: 'a resource ignored by the root .gitignore',
      files: { '.gitignore': '# rendered by make crds\n*.gen.yaml\n', 'app/kustomization.yaml': k('resources:\n  - crds.gen.yaml\n  - cm.yaml\n'), 'app/cm.yaml': cm },
      errors: [{ file: 'app/kustomization.yaml', line: 4, column: 5, message: generated('resources', 'crds.gen.yaml', 'app/crds.gen.yaml') }],
    },
    {
      name: 'a patch ignored by a .gitignore in its own directory, pattern anchored there',
      files: {
        'apps/prod/.gitignore': '/patches/secret-*.yaml\n',
        'apps/prod/kustomization.yaml': k('resources:\n  - cm.yaml\npatches:\n  - path: patches/secret-values.yaml\n'),
        'apps/prod/cm.yaml': cm,
      },
      errors: [{ file: 'apps/prod/kustomization.yaml', line: 6, message: generated('patches', 'patches/secret-values.yaml', 'apps/prod/patches/secret-values.yaml') }],
    },
    {
      name: 'a resource directory under an ignored directory, and a strategic-merge patch file in it',
      files: {
        '.gitignore': 'build/\n',
        'app/kustomization.yaml': k('resources:\n  - build/crds\npatchesStrategicMerge:\n  - build/patch.yaml\n'),
      },
      errors: [
        { file: 'app/kustomization.yaml', line: 4, message: generated('resources', 'build/crds', 'app/build/crds') },
        { file: 'app/kustomization.yaml', line: 6, message: generated('patchesStrategicMerge', 'build/patch.yaml', 'app/build/patch.yaml') },
      ],
    },
  ],
});
