import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, helmRelease, helmRepository, kustomization } from './flux-fixtures.js';

/** A HelmRelease with `extra` lines under spec (from line 16). */
const repo = (extra: string[], files: Record<string, string> = {}) => ({
  ...bootstrap('prod'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps'),
  'apps/repo.yaml': helmRepository('podinfo'),
  'apps/release.yaml': helmRelease('podinfo', 'flux-system', 'podinfo', extra),
  ...files,
});
const requireRetries = { rules: { 'helmrelease-remediation-retries': { params: { requireRetries: true } } } };
const STALLS = 'Flux stops (Stalled) after the first failed';

ruleTester.run('helmrelease-remediation-retries', {
  valid: [
    { name: 'no remediation at all: the default, not reported unless required', files: repo([]) },
    { name: 'retries on both actions', files: repo(['install:', '  remediation:', '    retries: 3', 'upgrade:', '  remediation:', '    retries: 3', '    strategy: rollback']) },
    { name: 'negative retries: unlimited', files: repo(['install:', '  remediation:', '    retries: -1']) },
    { name: 'remediateLastFailure without retries: remediates the one failure on purpose', files: repo(['upgrade:', '  remediation:', '    remediateLastFailure: true']) },
    { name: 'ignoreTestFailures has an effect without retries', files: repo(['upgrade:', '  remediation:', '    ignoreTestFailures: true']) },
    {
      name: 'RetryOnFailure strategy ignores remediation and retries at an interval',
      files: repo(['upgrade:', '  strategy:', '    name: RetryOnFailure', '  remediation:', '    strategy: rollback']),
    },
    { name: 'retries filled by post-build substitution', files: repo(['install:', '  remediation:', '    retries: ${RETRIES}']) },
    { name: 'required, and both actions retry', files: repo(['install:', '  remediation:', '    retries: 3', 'upgrade:', '  strategy:', '    name: RetryOnFailure']), config: requireRetries },
    {
      name: 'the controller defaults to RetryOnFailure (feature gate)',
      files: repo(['upgrade:', '  remediation:', '    strategy: rollback']),
      config: { rules: { 'helmrelease-remediation-retries': { params: { defaultStrategy: 'RetryOnFailure', requireRetries: true } } } },
    },
    {
      name: 'the repo runs helm-controller with DefaultToRetryOnFailure (a FluxInstance patch)',
      files: repo([], {
        'clusters/prod/flux.yaml': [
          'apiVersion: fluxcd.controlplane.io/v1',
          'kind: FluxInstance',
          'metadata:',
          '  name: flux',
          '  namespace: flux-system',
          'spec:',
          '  distribution:',
          '    version: 2.7.x',
          '    registry: ghcr.io/fluxcd',
          '  kustomize:',
          '    patches:',
          '      - target:',
          '          kind: Deployment',
          '          name: helm-controller',
          '        patch: |',
          '          - op: add',
          '            path: /spec/template/spec/containers/0/args/-',
          '            value: --feature-gates=DefaultToRetryOnFailure=true',
          '',
        ].join('\n'),
      }),
      config: requireRetries,
    },
    { name: 'a HelmRelease no cluster applies is not judged', files: { ...bootstrap('prod'), 'archive/release.yaml': helmRelease('old', 'default', 'podinfo', ['upgrade:', '  remediation: {}']) } },
  ],
  invalid: [
    {
      name: 'upgrade remediation with a strategy but no retries: the strategy never runs',
      files: repo(['upgrade:', '  remediation:', '    strategy: rollback']),
      errors: [
        {
          file: 'apps/release.yaml',
          line: 17,
          column: 5,
          message:
            'HelmRelease "podinfo" sets spec.upgrade.remediation without retries (its strategy: rollback never runs): Flux stops (Stalled) after the first failed upgrade and does not try again until the HelmRelease changes; set spec.upgrade.remediation.retries (e.g. 3, or -1 to retry forever) or spec.upgrade.strategy.name: RetryOnFailure',
        },
      ],
    },
    {
      name: 'explicit retries: 0 with remediateLastFailure: false, at the retries value',
      files: repo(['install:', '  remediation:', '    retries: 0', '    remediateLastFailure: false']),
      errors: [{ file: 'apps/release.yaml', line: 18, column: 16, message: `HelmRelease "podinfo" sets spec.install.remediation without retries: ${STALLS} install and does not try again until the HelmRelease changes; set spec.install.remediation.retries (e.g. 3, or -1 to retry forever) or spec.install.strategy.name: RetryOnFailure` }],
    },
    {
      name: 'RemediateOnFailure written out is judged like the default',
      files: repo(['upgrade:', '  strategy:', '    name: RemediateOnFailure', '  remediation: {}']),
      errors: [{ file: 'apps/release.yaml', line: 19, message: /^HelmRelease "podinfo" sets spec\.upgrade\.remediation without retries: / }],
    },
    {
      name: 'requireRetries: no remediation at all, at spec and at the action',
      files: repo(['install:', '  createNamespace: true']),
      config: requireRetries,
      errors: [
        { file: 'apps/release.yaml', line: 16, message: `HelmRelease "podinfo" has no spec.install.remediation.retries: ${STALLS} install and does not try again until the HelmRelease changes; set spec.install.remediation.retries (e.g. 3, or -1 to retry forever) or spec.install.strategy.name: RetryOnFailure` },
        { file: 'apps/release.yaml', line: 6, message: /^HelmRelease "podinfo" has no spec\.upgrade\.remediation\.retries: / },
      ],
    },
    {
      name: 'retries removed by an overlay patch: at the patch',
      files: {
        ...repo(['upgrade:', '  remediation:', '    retries: 3'], {
          'clusters/prod/apps.yaml': kustomization('apps', './apps/prod'),
          'apps/prod/kustomization.yaml': 'resources:\n  - ../release.yaml\n  - ../repo.yaml\npatches:\n  - path: no-retries.yaml\n',
          'apps/prod/no-retries.yaml':
            'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: flux-system\nspec:\n  upgrade:\n    remediation:\n      retries: 0\n',
        }),
      },
      errors: [{ file: 'apps/prod/no-retries.yaml', line: 9, message: /^HelmRelease "podinfo" sets spec\.upgrade\.remediation without retries/ }],
    },
  ],
});
