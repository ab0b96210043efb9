import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, kustomization } from './flux-fixtures.js';

const SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['image'],
  properties: {
    replicaCount: { type: 'integer', minimum: 1 },
    image: { type: 'object', required: ['repository'], properties: { repository: { type: 'string' }, tag: { type: 'string' } } },
  },
});

/** A HelmRelease of chart ./charts/web from the bootstrap GitRepository (this repo); `values` lines go under spec.values. */
const release = (values: string[], extra: string[] = []) =>
  [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    '  name: web',
    '  namespace: flux-system',
    'spec:',
    '  interval: 10m',
    '  chart:',
    '    spec:',
    '      chart: ./charts/web',
    '      sourceRef:',
    '        kind: GitRepository',
    '        name: flux-system',
    ...extra.map((l) => `  ${l}`),
    ...(values.length > 0 ? ['  values:', ...values.map((l) => `    ${l}`)] : []),
    '',
  ].join('\n');

const repo = (r: string, more: Record<string, string> = {}) => ({
  ...bootstrap('prod'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps'),
  'apps/release.yaml': r,
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'charts/web/values.yaml': 'replicaCount: 1\nimage:\n  repository: nginx\n',
  'charts/web/values.schema.json': SCHEMA,
  ...more,
});

ruleTester.run('helmrelease-values-schema', {
  valid: [
    { name: 'values that match (chart defaults fill the required image)', files: repo(release(['replicaCount: 3'])) },
    { name: 'a ${VAR} of post-build substitution stands for any value', files: repo(release(['replicaCount: ${REPLICAS}'])) },
    { name: 'a chart without values.schema.json', files: { ...repo(release(['replicaCount: two'])), 'charts/web/values.schema.json': '' } },
    {
      name: 'valuesFrom a Secret: not all values are known, not judged',
      files: repo(release(['replicaCount: two'], ['valuesFrom:', '  - kind: Secret', '    name: web-values'])),
    },
  ],
  invalid: [
    {
      name: 'a string where the schema wants an integer, at the value',
      files: repo(release(['replicaCount: two'])),
      errors: [
        {
          file: 'apps/release.yaml',
          line: 15,
          column: 19,
          message: /^HelmRelease "web" values\.replicaCount: .*integer.* \(the chart's charts\/web\/values\.schema\.json\); helm install and upgrade fail on the cluster$/,
        },
      ],
    },
    {
      name: 'null removes a required default (Helm coalescing)',
      files: repo(release(['image: null'])),
      errors: [{ file: 'apps/release.yaml', line: 15, message: /^HelmRelease "web" values: .*image/ }],
    },
    {
      name: 'a valuesFrom ConfigMap in the repository is merged before spec.values',
      files: repo(release([], ['valuesFrom:', '  - kind: ConfigMap', '    name: web-values']), {
        'apps/values.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-values\n  namespace: flux-system\ndata:\n  values.yaml: |\n    replicaCount: 0\n',
      }),
      errors: [{ file: 'apps/release.yaml', line: 10, message: /^HelmRelease "web" values\.replicaCount: .*(>=|minimum|at least).*1/ }],
    },
  ],
});
