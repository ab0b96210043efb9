/** Realistic Flux v1 fixtures shared by the Flux rule tables (not a test file itself). */

/** `flux bootstrap` layout for one cluster: clusters/<name>/flux-system/{gotk-sync.yaml,kustomization.yaml}. */
export function bootstrap(cluster: string): Record<string, string> {
  return {
    [`clusters/${cluster}/flux-system/gotk-sync.yaml`]: `---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  secretRef:
    name: flux-system
  url: ssh://git@github.com/example/fleet
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./clusters/${cluster}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`,
    [`clusters/${cluster}/flux-system/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - gotk-sync.yaml
`,
  };
}

/**
 * A Flux Kustomization in namespace flux-system sourced from the bootstrap GitRepository. Line layout:
 * 1 apiVersion, 4 name, 6 spec, 8 path, 9 prune, 12 sourceRef name, 13+ `extra` lines (indented under spec).
 */
export function kustomization(name: string, path: string, extra: string[] = []): string {
  return [
    'apiVersion: kustomize.toolkit.fluxcd.io/v1',
    'kind: Kustomization',
    'metadata:',
    `  name: ${name}`,
    '  namespace: flux-system',
    'spec:',
    '  interval: 10m',
    `  path: ${path}`,
    '  prune: true',
    '  sourceRef:',
    '    kind: GitRepository',
    '    name: flux-system',
    ...extra.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

/** A plain object: line 4 is metadata.name. */
export function configMap(name: string, namespace?: string): string {
  return ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), 'data:', '  key: value', ''].join(
    '\n',
  );
}

export function namespace(name: string): string {
  return ['apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${name}`, ''].join('\n');
}

/**
 * A HelmRelease with a chart from HelmRepository `repo` in flux-system. Line layout:
 * 4 name, 6 spec, 12 sourceRef, 13 sourceRef kind, 14 sourceRef name, 16+ `extra` lines (indented under spec).
 */
export function helmRelease(name: string, namespace: string, repo: string, extra: string[] = []): string {
  return [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  interval: 10m',
    '  chart:',
    '    spec:',
    `      chart: ${name}`,
    "      version: '6.x'",
    '      sourceRef:',
    '        kind: HelmRepository',
    `        name: ${repo}`,
    '        namespace: flux-system',
    ...extra.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

/** A HelmRepository in flux-system (line 4 is its name). */
export function helmRepository(name: string, url = `https://charts.example.com/${name}`): string {
  return [
    'apiVersion: source.toolkit.fluxcd.io/v1',
    'kind: HelmRepository',
    'metadata:',
    `  name: ${name}`,
    '  namespace: flux-system',
    'spec:',
    '  interval: 1h',
    `  url: ${url}`,
    '',
  ].join('\n');
}

/** A Deployment running one container of `image` (line 15 is the image). */
export function workload(name: string, namespace: string, image: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: ${image}`,
    '',
  ].join('\n');
}

/**
 * A .gitops-lint.yaml declaring AKS Flux configuration `cluster-config` (cluster aks-prod, namespace cluster-config)
 * with the given kustomizations map entries (`name: {...}` lines); line 8 is the first entry.
 */
export function azureConfig(kustomizations: string[]): string {
  return [
    'fluxConfigurations:',
    '  - name: cluster-config',
    '    cluster: aks-prod',
    '    namespace: cluster-config',
    '    sourceKind: GitRepository',
    '    gitRepository: { url: https://github.com/example/aks-fleet, repositoryRef: { branch: main } }',
    '    kustomizations:',
    ...kustomizations.map((k) => `      ${k}`),
    '',
  ].join('\n');
}
