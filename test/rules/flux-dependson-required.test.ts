import { ruleTester } from '../support/rule-tester.js';
import { azureConfig, bootstrap, configMap, helmRelease, helmRepository, kustomization, namespace } from './flux-fixtures.js';

const dependsOn = (...names: string[]) => ['dependsOn:', ...names.map((n) => `  - name: ${n}`)];

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: certificates.cert-manager.io
spec:
  group: cert-manager.io
  names:
    kind: Certificate
    plural: certificates
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
`;

const certificate = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web
  namespace: default
spec:
  secretName: web-tls
  dnsNames: [example.com]
  issuerRef:
    name: letsencrypt
`;

/** infra-controllers creates namespace podinfo; apps deploys into it. */
const layered = (appsExtra: string[]) => ({
  ...bootstrap('prod'),
  'clusters/prod/infra.yaml': kustomization('infra-controllers', './infra'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps', appsExtra),
  'infra/namespace.yaml': namespace('podinfo'),
  'apps/settings.yaml': configMap('settings', 'podinfo'),
});

/** infra applies the cert-manager HelmRelease (values: `values` lines); apps applies a Certificate. */
const certManager = (values: string[], appsExtra: string[] = [], release = 'cert-manager') => ({
  ...bootstrap('prod'),
  'clusters/prod/infra.yaml': kustomization('infra', './infra'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps', appsExtra),
  'infra/jetstack.yaml': helmRepository('jetstack'),
  'infra/cert-manager.yaml': helmRelease(release, 'flux-system', 'jetstack', values),
  'apps/certificate.yaml': certificate,
});

/** infra creates namespace monitoring; apps applies a HelmRelease with `extra` lines under spec. */
const releaseInto = (extra: string[]) => ({
  ...bootstrap('prod'),
  'clusters/prod/infra.yaml': kustomization('infra', './infra'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps'),
  'infra/namespace.yaml': namespace('monitoring'),
  'apps/repo.yaml': helmRepository('podinfo'),
  'apps/release.yaml': helmRelease('podinfo', 'flux-system', 'podinfo', extra),
});

/** An AKS Flux configuration whose kustomization infra creates namespace podinfo and apps deploys into it. */
const azure = (apps: string, extra: Record<string, string> = {}) => ({
  '.gitops-lint.yaml': azureConfig(['infra: { path: ./infra, prune: true }', `apps: ${apps}`]),
  'infra/namespace.yaml': namespace('podinfo'),
  'apps/settings.yaml': configMap('settings', 'podinfo'),
  ...extra,
});

ruleTester.run('flux-dependson-required', {
  valid: [
    { name: 'depends on the Kustomization creating the namespace', files: layered(dependsOn('infra-controllers')) },
    {
      name: 'depends on it transitively',
      files: { ...layered(dependsOn('config')), 'clusters/prod/config.yaml': kustomization('config', './config', dependsOn('infra-controllers')), 'config/cm.yaml': configMap('c', 'default') },
    },
    {
      name: 'creates its own namespace',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/namespace.yaml': namespace('podinfo'), 'apps/settings.yaml': configMap('settings', 'podinfo') },
    },
    {
      name: 'namespace created by the parent Kustomization that applies it',
      files: { ...bootstrap('prod'), 'clusters/prod/namespaces.yaml': namespace('podinfo'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/settings.yaml': configMap('settings', 'podinfo') },
    },
    {
      name: 'objects in the Kustomization\'s own namespace and in built-in namespaces',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'infra/namespaces.yaml': `${namespace('flux-system')}---\n${namespace('kube-system')}`,
        'apps/settings.yaml': `${configMap('settings', 'flux-system')}---\n${configMap('other', 'kube-system')}`,
      },
    },
    {
      name: 'creator only on the other cluster',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        'clusters/prod/infra.yaml': kustomization('infra-controllers', './infra'),
        'clusters/staging/apps.yaml': kustomization('apps', './apps'),
        'infra/namespace.yaml': namespace('podinfo'),
        'apps/settings.yaml': configMap('settings', 'podinfo'),
      },
    },
    {
      name: 'a parent that depends on the creator orders its children',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', dependsOn('infra')),
        'infra/namespace.yaml': namespace('podinfo'),
        'apps/podinfo.yaml': kustomization('podinfo', './podinfo'),
        'podinfo/settings.yaml': configMap('settings', 'podinfo'),
      },
    },
    {
      name: 'depends on a waiting Kustomization that applies the creator',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra', ['wait: true']),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', dependsOn('infra')),
        'infra/namespaces.yaml': kustomization('namespaces', './namespaces'),
        'namespaces/podinfo.yaml': namespace('podinfo'),
        'apps/settings.yaml': configMap('settings', 'podinfo'),
      },
    },
    { name: 'HelmRelease whose targetNamespace Helm creates (install.createNamespace)', files: releaseInto(['targetNamespace: monitoring', 'install:', '  createNamespace: true']) },
    { name: 'cert-manager chart without crds.enabled installs no CRDs (chart default false)', files: certManager([]) },
    { name: 'cert-manager chart with crds.enabled, depended on', files: certManager(['values:', '  crds:', '    enabled: true'], dependsOn('infra')) },
    {
      name: 'kube-prometheus-stack with install.crds: Skip leaves its crds/ folder out',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'infra/repo.yaml': helmRepository('prometheus-community'),
        'infra/release.yaml': helmRelease('kube-prometheus-stack', 'flux-system', 'prometheus-community', ['install:', '  crds: Skip']),
        'apps/monitor.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector: {}\n  endpoints: []\n',
      },
    },
    {
      name: 'chart CRD inference turned off with an empty table',
      files: certManager(['values:', '  crds:', '    enabled: true']),
      config: { rules: { 'flux-dependson-required': { params: { chartCrds: [] } } } },
    },
    {
      name: 'CRDs a Helmfile bootstrap of the repository installs before Flux exist already',
      files: {
        ...certManager(['values:', '  crds:', '    enabled: true']),
        'bootstrap/helmfile.d/00-crds.yaml': 'releases:\n  - name: cert-manager\n    namespace: cert-manager\n    chart: oci://quay.io/jetstack/charts/cert-manager\n    version: v1.16.1\n    values:\n      - crds:\n          enabled: true\n',
      },
    },
    {
      name: 'a Helmfile release with a values file (unreadable here) is taken to install the CRDs',
      files: {
        ...certManager(['values:', '  crds:', '    enabled: true']),
        'bootstrap/helmfile.yaml': 'releases:\n  - name: cert-manager\n    chart: jetstack/cert-manager\n    version: v1.16.1\n    values:\n      - ./values.yaml.gotmpl\n',
      },
    },
    {
      name: 'depends on a Kustomization whose health checks wait for the CRD the chart installs',
      files: {
        ...certManager(['values:', '  crds:', '    enabled: true'], dependsOn('crds-ready')),
        'clusters/prod/crds-ready.yaml': kustomization('crds-ready', './crds-ready', [
          'healthChecks:',
          '  - apiVersion: apiextensions.k8s.io/v1',
          '    kind: CustomResourceDefinition',
          '    name: certificates.cert-manager.io',
        ]),
        'crds-ready/cm.yaml': configMap('marker', 'default'),
      },
    },
    {
      name: 'depends on a Kustomization whose health checks wait for the HelmRelease that installs the CRDs',
      files: {
        ...certManager(['values:', '  crds:', '    enabled: true'], dependsOn('crds-ready')),
        'clusters/prod/crds-ready.yaml': kustomization('crds-ready', './crds-ready', ['healthChecks:', '  - apiVersion: helm.toolkit.fluxcd.io/v2', '    kind: HelmRelease', '    name: cert-manager', '    namespace: flux-system']),
        'crds-ready/cm.yaml': configMap('marker', 'default'),
      },
    },
    { name: 'AKS: apps depends on its sibling infra in the configuration', files: azure('{ path: ./apps, dependsOn: [infra] }') },
  ],
  invalid: [
    {
      name: 'a Helmfile release of the chart that leaves its CRDs off does not install them',
      files: {
        ...certManager(['values:', '  crds:', '    enabled: true']),
        'bootstrap/helmfile.yaml': 'releases:\n  - name: cert-manager\n    chart: jetstack/cert-manager\n    version: v1.16.1\n',
      },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 6, message: /whose CRDs HelmRelease "cert-manager" \(chart cert-manager\) installs/ }],
    },
    {
      name: 'the creator already depends on A: dependsOn would be a cycle, the objects must move',
      files: { ...layered([]), 'clusters/prod/infra.yaml': kustomization('infra-controllers', './infra', dependsOn('apps')) },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          message:
            'Kustomization "apps" applies objects in namespace "podinfo" created by Kustomization "infra-controllers" but does not depend on it; "infra-controllers" depends on "apps" (directly or through others), so dependsOn would be a cycle; move what needs it out of "apps" into a Kustomization that depends on "infra-controllers"',
        },
      ],
    },
    {
      name: 'each needs what the other creates: a deadlock on a fresh cluster, no dependsOn can fix it',
      files: { ...layered([]), 'apps/namespace.yaml': namespace('tools'), 'infra/tools.yaml': configMap('tools', 'tools') },
      errors: [
        { file: 'clusters/prod/apps.yaml', line: 6, message: /^Kustomization "apps" applies .* "infra-controllers" also needs something "apps" creates, so depending both ways would be a cycle and neither can start on a fresh cluster; move what needs it out of "apps"/ },
        { file: 'clusters/prod/infra.yaml', line: 6, message: /^Kustomization "infra-controllers" applies objects in namespace "tools" created by Kustomization "apps" .* "apps" also needs something "infra-controllers" creates/ },
      ],
    },
    {
      name: 'HelmRelease whose targetNamespace another Kustomization creates',
      files: releaseInto(['targetNamespace: monitoring']),
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          message:
            'Kustomization "apps" applies HelmRelease "podinfo" whose spec.targetNamespace "monitoring" is created by Kustomization "infra" but does not depend on it; add dependsOn: [{name: infra}]',
        },
      ],
    },
    {
      name: 'HelmRelease whose storageNamespace another Kustomization creates (createNamespace does not create it)',
      files: releaseInto(['storageNamespace: monitoring', 'install:', '  createNamespace: true']),
      errors: [{ file: 'clusters/prod/apps.yaml', line: 6, message: /applies HelmRelease "podinfo" whose spec\.storageNamespace "monitoring" is created by Kustomization "infra"/ }],
    },
    {
      name: 'custom resources whose CRDs the cert-manager chart of another Kustomization installs (crds.enabled)',
      files: certManager(['values:', '  crds:', '    enabled: true']),
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          message:
            'Kustomization "apps" applies Certificate (cert-manager.io) custom resources whose CRDs HelmRelease "cert-manager" (chart cert-manager) installs, applied by Kustomization "infra" but does not depend on it; add dependsOn: [{name: infra}]',
        },
      ],
    },
    {
      name: 'the deprecated installCRDs value switches them on too',
      files: certManager(['values:', '  installCRDs: true']),
      errors: [{ file: 'clusters/prod/apps.yaml', line: 6, message: /whose CRDs HelmRelease "cert-manager" \(chart cert-manager\) installs/ }],
    },
    {
      name: 'a chart from an OCIRepository (chartRef) is known by the URL, CRDs on by default',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'infra/oci.yaml':
          'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: eso\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: oci://ghcr.io/external-secrets/charts/external-secrets\n  ref:\n    tag: 0.10.0\n',
        'infra/release.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: eso\n  namespace: flux-system\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n    name: eso\n',
        'apps/secret.yaml':
          'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: db\n  namespace: default\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: db}\n',
      },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 6, message: /applies ExternalSecret \(external-secrets\.io\) custom resources whose CRDs HelmRelease "eso" \(chart external-secrets\) installs, applied by Kustomization "infra"/ }],
    },
    {
      name: 'a chart of this repository: the CRDs of its crds/ folder',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'charts/issuer/Chart.yaml': 'apiVersion: v2\nname: issuer\nversion: 1.0.0\n',
        'charts/issuer/crds/certificates.yaml': crd,
        'infra/release.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: issuer\n  namespace: flux-system\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ./charts/issuer\n      sourceRef:\n        kind: GitRepository\n        name: flux-system\n',
        'apps/certificate.yaml': certificate,
      },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 6, message: /whose CRDs HelmRelease "issuer" \(chart \.\/charts\/issuer\) installs, applied by Kustomization "infra"/ }],
    },
    {
      name: 'a chart added with extraChartCrds',
      files: certManager([], [], 'my-issuer'),
      config: { rules: { 'flux-dependson-required': { params: { extraChartCrds: [{ chart: 'my-issuer', groups: ['cert-manager.io'] }] } } } },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 6, message: /whose CRDs HelmRelease "my-issuer" \(chart my-issuer\) installs/ }],
    },
    {
      name: 'AKS: the sibling to add to the configuration\'s dependsOn, at the configuration\'s line',
      files: azure('{ path: ./apps, prune: true }'),
      errors: [
        {
          file: '.gitops-lint.yaml',
          line: 9,
          message:
            'Kustomization "cluster-config-apps" applies objects in namespace "podinfo" created by Kustomization "cluster-config-infra" but does not depend on it; add "infra" to the dependsOn of kustomization "apps" in Flux configuration "cluster-config"',
        },
      ],
    },
    {
      name: 'AKS: a Kustomization of the repository made by a sibling, named through that sibling',
      files: azure('{ path: ./apps, prune: true }', {
        'infra/namespace.yaml': kustomization('namespaces', './namespaces').replace('name: flux-system\n', 'name: cluster-config\n').replace('namespace: flux-system', 'namespace: cluster-config'),
        'namespaces/podinfo.yaml': namespace('podinfo'),
      }),
      errors: [{ file: '.gitops-lint.yaml', line: 9, message: /created by Kustomization "namespaces" but does not depend on it; add "infra" \(which applies Kustomization "namespaces"\) to the dependsOn of kustomization "apps" in Flux configuration "cluster-config"$/ }],
    },
    {
      name: 'namespace created by another Kustomization, no dependsOn: at spec',
      files: layered([]),
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          column: 1,
          message:
            'Kustomization "apps" applies objects in namespace "podinfo" created by Kustomization "infra-controllers" but does not depend on it; add dependsOn: [{name: infra-controllers}]',
        },
      ],
    },
    {
      name: 'targetNamespace puts objects in the created namespace: at spec.dependsOn',
      files: {
        ...layered(['targetNamespace: podinfo', ...dependsOn('config')]),
        'apps/settings.yaml': configMap('settings'),
        'clusters/prod/config.yaml': kustomization('config', './config'),
        'config/cm.yaml': configMap('c', 'default'),
      },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 14, column: 3, message: /^Kustomization "apps" applies objects in namespace "podinfo" created by Kustomization "infra-controllers"/ }],
    },
    {
      name: 'custom resources of a CRD another Kustomization applies',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/infra.yaml': kustomization('infra', './infra'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'infra/crd.yaml': crd,
        'apps/certificate.yaml': certificate,
      },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          message:
            'Kustomization "apps" applies Certificate (cert-manager.io) custom resources whose CustomResourceDefinition is applied by Kustomization "infra" but does not depend on it; add dependsOn: [{name: infra}]',
        },
      ],
    },
    {
      name: 'HelmRelease whose source another Kustomization creates, in another namespace',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/sources.yaml': kustomization('sources', './sources').replace('  namespace: flux-system\nspec', '  namespace: platform\nspec'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'sources/podinfo.yaml': helmRepository('podinfo'),
        'apps/podinfo.yaml': helmRelease('podinfo', 'default', 'podinfo'),
      },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 6,
          message:
            'Kustomization "apps" applies HelmRelease "podinfo" whose HelmRepository "podinfo" is created by Kustomization "sources" but does not depend on it; add dependsOn: [{name: sources, namespace: platform}]',
        },
      ],
    },
    {
      name: 'one finding per pair, even with several reasons',
      files: {
        ...layered([]),
        'infra/crd.yaml': crd,
        'apps/certificate.yaml': certificate.replace('namespace: default', 'namespace: podinfo'),
      },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 6, message: /^Kustomization "apps" applies .* created by Kustomization "infra-controllers" but does not depend on it/ }],
    },
  ],
});
