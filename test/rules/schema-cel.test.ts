import { ruleTester } from '../support/rule-tester.js';
import { widget, widgetCrd } from './cel-fixtures.js';

const helmRelease = (spec: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: apps
spec:
  interval: 10m
${spec}`;

const chart = `  chart:
    spec:
      chart: podinfo
      sourceRef:
        kind: HelmRepository
        name: podinfo
`;
const chartRef = `  chartRef:
    kind: OCIRepository
    name: podinfo
`;
const CHART_RULE = '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))';

const gitRepository = (extra: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: app
  namespace: flux-system
spec:
  interval: 5m
  url: https://github.com/example/app
  ref:
    branch: main
${extra}`;

const kustomization = (extra: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
${extra}`;

/** An HTTPRoute with every defaulted field written out (the shipped schemas carry no defaults). */
const httpRoute = (filters: string, path = '/api') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: apps
spec:
  parentRefs:
    - group: gateway.networking.k8s.io
      kind: Gateway
      name: public
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: ${path}
      filters:
${filters}      backendRefs:
        - group: ""
          kind: Service
          name: web
          port: 80
`;
const headerFilter = `        - type: RequestHeaderModifier
          requestHeaderModifier:
            set:
              - name: X-Env
                value: prod
`;
const redirectFilter = `        - type: RequestRedirect
          requestRedirect:
            scheme: https
`;

const gateway = (listeners: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: gateway
spec:
  gatewayClassName: cilium
  listeners:
${listeners}`;
const listener = (name: string, protocol: string, port: number, extra = '') =>
  `    - name: ${name}\n      protocol: ${protocol}\n      port: ${port}\n${extra}`;

const minimalRoute = (name: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
spec:
  parentRefs:
    - name: public
  rules:
    - backendRefs:
        - name: ${name}
          port: 80
`;

const issuer = (venafi: string) => `apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: venafi
  namespace: certs
spec:
  venafi:
    zone: devops
${venafi}`;

/** A CRD of the repo itself, with CEL rules: one using fieldPath and messageExpression, one unsupported. */
ruleTester.run('schema-cel', {
  valid: [
    {
      name: 'HTTPRoutes leaving defaulted fields out are evaluated with the CRD defaults, as the API server does',
      files: { 'apps/routes.yaml': `${minimalRoute('a')}---\n${minimalRoute('b')}` },
    },
    { name: 'HelmRelease with chart', files: { 'apps/podinfo.yaml': helmRelease(chart) } },
    { name: 'HelmRelease with chartRef', files: { 'apps/podinfo.yaml': helmRelease(chartRef) } },
    {
      name: 'HelmRelease patch without chart: a partial object, not evaluated',
      files: {
        'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - podinfo.yaml\npatches:\n  - path: patch.yaml\n',
        'apps/podinfo.yaml': helmRelease(chart),
        'apps/patch.yaml': helmRelease('  values:\n    replicas: 2\n'),
      },
    },
    { name: 'HelmRelease v2beta1 has no CEL rules', files: { 'apps/podinfo.yaml': helmRelease('').replace('/v2\n', '/v2beta1\n') } },
    { name: 'GitRepository with serviceAccountName for provider azure', files: { 'flux/git.yaml': gitRepository('  provider: azure\n  serviceAccountName: git\n') } },
    {
      name: 'GitRepository provider from a Flux ${VAR}: not known before substitution',
      files: { 'flux/git.yaml': gitRepository('  provider: ${GIT_PROVIDER}\n  serviceAccountName: git\n') },
    },
    { name: 'Kustomization kubeConfig with one reference', files: { 'flux/apps.yaml': kustomization('  kubeConfig:\n    secretRef:\n      name: kubeconfig\n') } },
    { name: 'HTTPRoute with header modifier and backend port', files: { 'apps/route.yaml': httpRoute(headerFilter) } },
    { name: 'Gateway with unique listeners', files: { 'gw/gateway.yaml': gateway(listener('http', 'HTTP', 80) + listener('https', 'HTTPS', 443, '      tls:\n        mode: Terminate\n        certificateRefs:\n          - name: cert\n')) } },
    {
      name: 'GatewayClass: a transition rule (oldSelf) only runs on updates',
      files: { 'gw/class.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: cilium\nspec:\n  controllerName: io.cilium/gateway-controller\n' },
    },
    { name: 'Issuer with one Venafi backend', files: { 'certs/issuer.yaml': issuer('    cloud:\n      apiTokenSecretRef:\n        name: token\n') } },
    {
      name: 'in-repo CRD: a rule that cannot be evaluated is schema-cel-skipped, not a violation',
      files: { 'crds/widget.yaml': widgetCrd, 'apps/widget.yaml': widget('  name: w\n  min: 1\n  max: 2\n') },
    },
  ],
  invalid: [
    {
      name: 'HelmRelease with both chart and chartRef',
      files: { 'apps/podinfo.yaml': helmRelease(chart + chartRef) },
      errors: [{ file: 'apps/podinfo.yaml', line: 6, column: 1, message: `either chart or chartRef must be set (rule: ${CHART_RULE})` }],
    },
    {
      name: 'HelmRelease with neither chart nor chartRef, second document of a file',
      files: { 'apps/podinfo.yaml': `${helmRelease(chart)}---\n${helmRelease('  timeout: 5m\n')}` },
      errors: [{ file: 'apps/podinfo.yaml', line: 20, message: `either chart or chartRef must be set (rule: ${CHART_RULE})` }],
    },
    {
      name: 'HelmRelease upgrade retryInterval with RemediateOnFailure',
      files: { 'apps/podinfo.yaml': helmRelease(`${chart}  upgrade:\n    strategy:\n      name: RemediateOnFailure\n      retryInterval: 1m\n`) },
      errors: [
        {
          file: 'apps/podinfo.yaml',
          line: 15,
          column: 5,
          message: ".retryInterval can only be set when .name is 'RetryOnFailure' (rule: !has(self.retryInterval) || self.name == 'RetryOnFailure')",
        },
      ],
    },
    {
      name: 'GitRepository serviceAccountName with the generic provider',
      files: { 'flux/git.yaml': gitRepository('  provider: generic\n  serviceAccountName: git\n') },
      errors: [{ file: 'flux/git.yaml', line: 6, message: /^serviceAccountName can only be set when provider is 'azure' or 'aws' \(rule: / }],
    },
    {
      name: 'a rule reading a Flux ${VAR} is evaluated on the value post-build substitution gives it',
      files: {
        'clusters/prod/sources.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: sources
  namespace: flux-system
spec:
  interval: 10m
  path: ./flux
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  postBuild:
    substitute:
      GIT_PROVIDER: generic
`,
        'flux/git.yaml': gitRepository('  provider: ${GIT_PROVIDER}\n  serviceAccountName: git\n'),
      },
      errors: [{ file: 'flux/git.yaml', line: 6, message: /^serviceAccountName can only be set when provider is 'azure' or 'aws' \(rule: / }],
    },
    {
      name: 'Kustomization kubeConfig with both configMapRef and secretRef',
      files: { 'flux/apps.yaml': kustomization('  kubeConfig:\n    configMapRef:\n      name: kc\n    secretRef:\n      name: kubeconfig\n') },
      errors: [
        {
          file: 'flux/apps.yaml',
          line: 13,
          message: 'exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified (rule: !has(self.configMapRef) || !has(self.secretRef))',
        },
      ],
    },
    {
      name: 'HTTPRoute: a repeated redirect filter, a redirect with a rewrite, a filter without its settings, a bad path',
      files: {
        'apps/route.yaml': httpRoute(
          `${redirectFilter}${redirectFilter}        - type: URLRewrite\n          urlRewrite:\n            hostname: example.com\n        - type: ResponseHeaderModifier\n`,
          '/api//v1',
        ),
      },
      errors: [
        { file: 'apps/route.yaml', line: 13, column: 11, message: "must not contain '//' when type one of ['Exact', 'PathPrefix'] (rule: (self.type in ['Exact','PathPrefix']) ? !self.value.contains('//') : true)" },
        { file: 'apps/route.yaml', line: 16, message: /^May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both \(rule: / },
        { file: 'apps/route.yaml', line: 16, message: /^RequestRedirect filter cannot be repeated \(rule: / },
        { file: 'apps/route.yaml', line: 26, message: /^filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type \(rule: / },
        { file: 'apps/route.yaml', line: 12, column: 7, message: /^RequestRedirect filter must not be used together with backendRefs \(rule: .*…\)$/ },
      ],
    },
    {
      name: 'Gateway: duplicate listener names, tls on an HTTP listener',
      files: { 'gw/gateway.yaml': gateway(listener('web', 'HTTP', 80, '      tls:\n        mode: Terminate\n        certificateRefs:\n          - name: cert\n') + listener('web', 'HTTP', 8080)) },
      errors: [
        { file: 'gw/gateway.yaml', line: 8, message: /^Listener name must be unique within the Gateway \(rule: / },
        { file: 'gw/gateway.yaml', line: 8, message: /^tls must not be specified for protocols \['HTTP', 'TCP', 'UDP'\] \(rule: / },
      ],
    },
    {
      name: 'Issuer with two Venafi backends',
      files: { 'certs/issuer.yaml': issuer('    tpp:\n      url: https://tpp.example.com\n      credentialsRef:\n        name: tpp\n    cloud:\n      apiTokenSecretRef:\n        name: token\n') },
      errors: [{ file: 'certs/issuer.yaml', line: 7, message: /^exactly one of tpp, cloud, or ngts must be configured \(rule: / }],
    },
    {
      name: 'in-repo CRD: messageExpression at fieldPath',
      files: {
        'crds/widget.yaml': widgetCrd,
        'apps/widget.yaml': `${widget('  name: a\n  min: 5\n  max: 2\n')}---\n${widget('  name: b\n  min: 1\n  max: 2\n')}`,
      },
      errors: [
        { file: 'apps/widget.yaml', line: 8, column: 3, message: 'max 2 is below min 5 (rule: self.min <= self.max)' },
      ],
    },
  ],
});
