import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, kustomization } from './flux-fixtures.js';

/** Flux Kustomization `apps` on cluster prod applying ./apps, with spec.postBuild given as lines. */
const apps = (postBuild: string[] | undefined, name = 'apps') =>
  kustomization(name, './apps', postBuild ? ['postBuild:', ...postBuild.map((l) => `  ${l}`)] : []);

/** Line 4 is metadata.name, 7 `domain`, 8 `url`. */
const configMap = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: ${app}',
  '  namespace: default',
  'data:',
  '  domain: ${cluster_domain}',
  '  url: https://${app}.${cluster_domain}/${cluster_domain}',
  '',
].join('\n');

const substituteApp = ['substitute:', '  app: podinfo'];
const message = (variable: string, by: string) =>
  `variable \${${variable}} is not defined in spec.postBuild of ${by}: Flux replaces it with an empty string; ` +
  `define it in substitute or substituteFrom, or give a default \${${variable}:=...}`;

const varsConfigMap = (data: string[]) =>
  ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cluster-vars', '  namespace: flux-system', 'data:', ...data.map((l) => `  ${l}`), ''].join('\n');
const fromConfigMap = (optional = false) => [
  ...substituteApp,
  'substituteFrom:',
  '  - kind: ConfigMap',
  '    name: cluster-vars',
  ...(optional ? ['    optional: true'] : []),
];

ruleTester.run('postbuild-variable-undefined', {
  valid: [
    {
      name: 'every variable defined inline',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': apps([...substituteApp, '  cluster_domain: example.com']), 'apps/cm.yaml': configMap },
    },
    {
      name: 'defaults, escapes and shell $var',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': apps(substituteApp),
        'apps/cm.yaml': configMap
          .replace('  domain: ${cluster_domain}', '  domain: ${cluster_domain:=example.com}')
          .replace('.${cluster_domain}/${cluster_domain}', () => '.${cluster_domain:-example.com}/$${cluster_domain}-$HOME'),
      },
    },
    {
      name: 'Kustomization without postBuild: Flux leaves ${var} as written',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': apps(undefined), 'apps/cm.yaml': configMap },
    },
    {
      name: 'postBuild without any variable: Flux substitutes nothing',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': apps(['substitute: {}']), 'apps/cm.yaml': configMap.replaceAll('${app}', 'app') },
    },
    {
      name: 'defined in a substituteFrom ConfigMap applied on the cluster',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': apps(fromConfigMap()),
        'clusters/prod/vars.yaml': varsConfigMap(['cluster_domain: example.com']),
        'apps/cm.yaml': configMap,
      },
    },
    {
      name: 'defined in a substituteFrom Secret: base64 data',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': apps([...substituteApp, 'substituteFrom:', '  - kind: Secret', '    name: vars']),
        'clusters/prod/vars.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: vars\n  namespace: flux-system\ndata:\n  cluster_domain: ${Buffer.from('example.com').toString('base64')}\n`,
        'apps/cm.yaml': configMap,
      },
    },
    {
      name: 'a key of a SOPS-encrypted Secret counts as defined',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': apps([...substituteApp, 'substituteFrom:', '  - kind: Secret', '    name: vars']),
        'clusters/prod/vars.sops.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: vars\n  namespace: flux-system\nstringData:\n  cluster_domain: ENC[AES256_GCM,data:abc=,iv:x=,tag:y=,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:m=,type:str]\n  version: 3.9.0\n',
        'apps/cm.yaml': configMap,
      },
    },
    {
      name: 'optional substituteFrom ConfigMap not in the repo: variables may come from the cluster',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': apps(fromConfigMap(true)), 'apps/cm.yaml': configMap },
    },
    {
      name: 'required substituteFrom ConfigMap created outside the repo',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': apps(fromConfigMap()), 'apps/cm.yaml': configMap },
    },
    {
      name: 'object opted out with the substitute: disabled annotation',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': apps(substituteApp),
        'apps/cm.yaml': configMap.replace('  namespace: default\n', '  namespace: default\n  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'undefined variable: at each scalar, once per scalar',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': apps(substituteApp), 'apps/cm.yaml': configMap },
      errors: [
        { file: 'apps/cm.yaml', line: 7, column: 11, message: message('cluster_domain', 'Kustomization "apps" (cluster "prod")') },
        { file: 'apps/cm.yaml', line: 8, column: 8, message: message('cluster_domain', 'Kustomization "apps" (cluster "prod")') },
      ],
    },
    {
      name: 'substituteFrom ConfigMap in the repo lacks the key; block scalar reported at its start',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': apps(fromConfigMap()),
        'clusters/prod/vars.yaml': varsConfigMap(['domain: example.com']),
        'apps/cm.yaml': [
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata:',
          '  name: scripts',
          'data:',
          '  run.sh: |',
          '    echo ${app}',
          '    curl https://${cluster_domain}',
          '',
        ].join('\n'),
      },
      errors: [{ file: 'apps/cm.yaml', line: 6, column: 11, message: message('cluster_domain', 'Kustomization "apps" (cluster "prod")') }],
    },
    {
      name: 'two clusters with different variables, and a third Kustomization: one finding per scalar naming them',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('dev'),
        ...bootstrap('staging'),
        'clusters/prod/apps.yaml': apps(['substitute:', '  env: prod', '  domain: prod.example.com']),
        'clusters/dev/apps.yaml': apps(['substitute:', '  env: dev']),
        'clusters/staging/web.yaml': apps(['substitute:', '  env: staging', '  domain: staging.example.com'], 'web'),
        'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  env: ${env}\n  domain: ${domain}\n  region: ${region}\n',
      },
      errors: [
        { file: 'apps/cm.yaml', line: 7, message: message('domain', 'Kustomization "apps" (cluster "dev")') },
        { file: 'apps/cm.yaml', line: 8, message: message('region', 'Kustomizations "apps" (clusters "dev", "prod"), "web" (cluster "staging")') },
      ],
    },
    {
      name: 'postBuild given to a child Kustomization by a patch of its parent',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', [
          'patches:',
          '  - patch: |-',
          '      apiVersion: kustomize.toolkit.fluxcd.io/v1',
          '      kind: Kustomization',
          '      metadata:',
          '        name: not-used',
          '      spec:',
          '        postBuild:',
          '          substituteFrom:',
          '            - kind: ConfigMap',
          '              name: cluster-vars',
          '    target:',
          '      kind: Kustomization',
        ]),
        'clusters/prod/vars.yaml': varsConfigMap(['cluster_domain: example.com']),
        'apps/web.yaml': kustomization('web', './web', ['postBuild:', '  substitute:', '    app: web']),
        'web/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\ndata:\n  url: https://${app}.${cluster_domain}\n  region: ${region}\n',
      },
      errors: [{ file: 'web/cm.yaml', line: 7, column: 11, message: message('region', 'Kustomization "web" (cluster "prod")') }],
    },
    {
      name: 'in a child Flux Kustomization applied by a parent with postBuild',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': apps(substituteApp),
        'apps/child.yaml': kustomization('child', './child', ['targetNamespace: ${tenant}']),
        'child/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
      },
      errors: [{ file: 'apps/child.yaml', line: 13, column: 20, message: message('tenant', 'Kustomization "apps" (cluster "prod")') }],
    },
  ],
});
