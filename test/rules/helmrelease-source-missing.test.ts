import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, helmRelease, helmRepository, kustomization } from './flux-fixtures.js';

const kustomizationFile = (...resources: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join('')}`;
const app = (files: Record<string, string>) => ({ ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), ...files });

const chartRef = (kind: string, namespace?: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: podinfo
spec:
  interval: 10m
  chartRef:
    kind: ${kind}
    name: podinfo
${namespace ? `    namespace: ${namespace}\n` : ''}`;

const ociRepository = `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: podinfo
  namespace: podinfo
spec:
  interval: 10m
  url: oci://ghcr.io/stefanprodan/charts/podinfo
  ref:
    semver: '6.x'
`;

const gitChart = helmRelease('podinfo', 'podinfo', 'flux-system').replace('kind: HelmRepository', 'kind: GitRepository').replace('chart: podinfo', 'chart: ./charts/podinfo');

ruleTester.run('helmrelease-source-missing', {
  valid: [
    { name: 'HelmRepository in flux-system', files: app({ 'apps/podinfo.yaml': `${helmRepository('podinfo')}---\n${helmRelease('podinfo', 'podinfo', 'podinfo')}` }) },
    { name: 'chartRef to an OCIRepository in the release namespace (defaulted)', files: app({ 'apps/podinfo.yaml': `${ociRepository}---\n${chartRef('OCIRepository')}` }) },
    { name: 'chart from the bootstrap GitRepository', files: app({ 'apps/podinfo.yaml': gitChart }) },
  ],
  invalid: [
    {
      name: 'one source many releases reference and nothing defines is one finding, with the other references',
      files: app({
        'apps/a.yaml': helmRelease('a', 'web', 'platform-charts'),
        'apps/b.yaml': helmRelease('b', 'web', 'platform-charts'),
        'apps/c.yaml': helmRelease('c', 'web', 'platform-charts'),
      }),
      errors: [
        {
          file: 'apps/a.yaml',
          line: 14,
          message:
            'HelmRelease "a" chart.spec.sourceRef refers to HelmRepository "platform-charts" in namespace "flux-system" which does not exist on cluster "prod" ' +
            '(and 2 more references to it: apps/b.yaml:14, apps/c.yaml:14); define it, fix the reference, or list it in externalSources in .gitops-lint.yaml if it is created outside the repo',
        },
      ],
    },
    {
      name: 'the source is defined in a directory a broken spec.path would have applied: the finding names the root cause',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infrastructure/sourcess'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'infrastructure/sources/charts.yaml': helmRepository('platform-charts'),
        'apps/a.yaml': helmRelease('a', 'web', 'platform-charts'),
      },
      errors: [
        {
          file: 'apps/a.yaml',
          line: 14,
          message:
            'HelmRelease "a" chart.spec.sourceRef refers to HelmRepository "platform-charts" in namespace "flux-system" which does not exist on cluster "prod"; ' +
            'it is defined in infrastructure/sources/charts.yaml, which nothing applies because Kustomization "infra" spec.path "./infrastructure/sourcess" does not exist: fix that path',
        },
      ],
    },
    {
      name: 'HelmRepository name with a close match',
      files: app({ 'apps/podinfo.yaml': `${helmRepository('podinfo')}---\n${helmRelease('podinfo', 'podinfo', 'podinfo-charts')}` }),
      errors: [
        {
          file: 'apps/podinfo.yaml',
          line: 23,
          column: 15,
          message:
            'HelmRelease "podinfo" chart.spec.sourceRef refers to HelmRepository "podinfo-charts" in namespace "flux-system" which does not exist on cluster "prod"; did you mean "podinfo"?',
        },
      ],
    },
    {
      name: 'chartRef kind must match: a HelmRepository does not satisfy an OCIRepository reference',
      files: app({ 'apps/repo.yaml': helmRepository('podinfo'), 'apps/podinfo.yaml': chartRef('OCIRepository', 'flux-system') }),
      errors: [
        {
          file: 'apps/podinfo.yaml',
          line: 10,
          column: 11,
          message:
            'HelmRelease "podinfo" chartRef refers to OCIRepository "podinfo" in namespace "flux-system" which does not exist on cluster "prod"; a HelmRepository "podinfo" exists: set kind: HelmRepository',
        },
      ],
    },
    {
      name: 'sourceRef namespace defaults to the release namespace',
      files: app({
        'apps/repo.yaml': helmRepository('podinfo'),
        'apps/podinfo.yaml': helmRelease('podinfo', 'podinfo', 'podinfo').replace('        namespace: flux-system\n', ''),
      }),
      errors: [
        {
          file: 'apps/podinfo.yaml',
          line: 14,
          message:
            'HelmRelease "podinfo" chart.spec.sourceRef refers to HelmRepository "podinfo" which does not exist on cluster "prod"; it exists in namespace "flux-system": set namespace: flux-system',
        },
      ],
    },
    {
      name: 'shared base on two clusters, repository only on one',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps/prod'),
        'clusters/staging/apps.yaml': kustomization('apps', './apps/staging'),
        'apps/base/kustomization.yaml': kustomizationFile('podinfo.yaml'),
        'apps/base/podinfo.yaml': helmRelease('podinfo', 'podinfo', 'podinfo'),
        'apps/prod/kustomization.yaml': kustomizationFile('../base', 'repo.yaml'),
        'apps/prod/repo.yaml': helmRepository('podinfo'),
        'apps/staging/kustomization.yaml': kustomizationFile('../base'),
      },
      errors: [
        {
          file: 'apps/base/podinfo.yaml',
          line: 14,
          message: `HelmRelease "podinfo" chart.spec.sourceRef refers to HelmRepository "podinfo" in namespace "flux-system" which does not exist on cluster "staging"; it is defined in apps/prod/repo.yaml, which only cluster "prod" applies`,
        },
      ],
    },
  ],
});
