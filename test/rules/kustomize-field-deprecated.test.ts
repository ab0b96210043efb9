import { ruleTester } from '../support/rule-tester.js';

const kustomization = (lines: string[]) => ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', ...lines, ''].join('\n');
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';

ruleTester.run('kustomize-field-deprecated', {
  valid: [
    { name: 'resources, patches, labels, images, envs', files: { 'kustomization.yaml': kustomization(['resources: [a.yaml]', 'labels:', '  - pairs: {app: a}', 'images: []', 'configMapGenerator:', '  - name: c', '    envs: [a.env]']), 'a.yaml': configMap, 'a.env': 'A=1\n' } },
    { name: 'the same field names in a Kubernetes object', files: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  bases: x\n' } },
  ],
  invalid: [
    {
      name: 'every deprecated field, with the kustomize release that deprecated it',
      files: {
        'kustomization.yaml': kustomization([
          'bases: [a.yaml]', // 3
          'patchesStrategicMerge: []', // 4
          'patchesJson6902: []', // 5
          'commonLabels: {app: a}', // 6
          'vars: []', // 7
          'imageTags: []', // 8
          'configMapGenerator:', // 9
          '  - name: c', // 10
          '    env: a.env', // 11
          'helmChartInflationGenerator: []', // 12
        ]),
        'a.yaml': configMap,
        'a.env': 'A=1\n',
      },
      errors: [
        { file: 'kustomization.yaml', line: 3, column: 1, message: 'bases is deprecated since kustomize 2.1 (kustomize build warns since 5.0): use resources; --fix cannot do this (bases is written in flow style)', fix: null },
        { file: 'kustomization.yaml', line: 4, message: 'patchesStrategicMerge is deprecated since kustomize 5.0: use patches; --fix can do this' },
        // Moved with the others, it would write `patches` a second time: the next pass of --fix moves it.
        {
          file: 'kustomization.yaml',
          line: 5,
          message: 'patchesJson6902 is deprecated since kustomize 5.0: use patches; --fix cannot do this (not in the same edit as imageTags, patchesStrategicMerge, commonLabels, env (patches is empty or in flow style): a second pass of --fix moves it)',
          fix: null,
        },
        { file: 'kustomization.yaml', line: 6, message: 'commonLabels is deprecated since kustomize 5.3: use labels; --fix can do this' },
        {
          file: 'kustomization.yaml',
          line: 7,
          message:
            'vars is deprecated since kustomize 5.0: use replacements; --fix cannot do this (kustomize edit fix leaves vars too: for each var write a replacements item with source {kind, name} of its objref and fieldPath its fieldref.fieldpath (default metadata.name), and one target per field holding $(NAME) (select {kind, name} and fieldPaths); a $(NAME) inside a longer value needs options.delimiter and options.index, or a patch)',
          fix: null,
        },
        { file: 'kustomization.yaml', line: 8, message: 'imageTags is deprecated since kustomize 2.0 (kustomize build warns since 5.0): use images; --fix can do this' },
        { file: 'kustomization.yaml', line: 11, column: 5, message: 'configMapGenerator[0].env is deprecated (kustomize has not dated it: the older, singular form): use envs (list); --fix can do this' },
        {
          file: 'kustomization.yaml',
          line: 12,
          message:
            'helmChartInflationGenerator is deprecated since kustomize 4.1: use helmCharts + helmGlobals; --fix cannot do this (move each item to helmCharts renaming chartName to name, chartVersion to version, chartRepoUrl to repo, values to valuesFile and valuesLocal to valuesInline (valuesMerge and releaseName stay), and chartHome and helmHome to helmGlobals chartHome and configHome; kustomize ignores releaseNamespace (helmCharts has namespace), chartRepoName, helmBin and extraArgs)',
          fix: null,
        },
      ],
    },
    {
      name: 'generator env: appended to envs as FixKustomization does, comments kept',
      files: {
        'kustomization.yaml': kustomization(['configMapGenerator:', '  - name: app', '    envs:', '      - a.env', '    env: b.env # legacy', 'secretGenerator:', '  - name: creds', '    env: c.env']),
        'a.env': 'A=1\n',
        'b.env': 'B=2\n',
        'c.env': 'C=3\n',
      },
      errors: [
        {
          file: 'kustomization.yaml',
          line: 7,
          message: 'configMapGenerator[0].env is deprecated (kustomize has not dated it: the older, singular form): use envs (list); --fix can do this',
          fix: { output: kustomization(['configMapGenerator:', '  - name: app', '    envs:', '      - a.env', '      - b.env', '    # legacy', 'secretGenerator:', '  - name: creds', '    envs:', '      - c.env']) },
        },
        { file: 'kustomization.yaml', line: 10, message: /^secretGenerator\[0\].env is deprecated .*; --fix can do this$/ },
      ],
    },
    {
      name: 'in a Component too',
      files: { 'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatchesStrategicMerge:\n  - p.yaml\n', 'comp/p.yaml': configMap },
      errors: [{ file: 'comp/kustomization.yaml', line: 3, message: /^patchesStrategicMerge is deprecated since kustomize 5.0/ }],
    },
  ],
});
