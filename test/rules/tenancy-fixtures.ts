/** A flux bootstrap layout locked down as fluxcd/flux2-multi-tenancy does it (not a test file itself). */
import { bootstrap } from './flux-fixtures.js';

const controller = (name: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: flux-system
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: manager
          image: ghcr.io/fluxcd/${name}:v1.5.0
          args:
            - --watch-all-namespaces=true
`;

/**
 * `flags` are added to kustomize-controller and helm-controller by a JSON6902 patch with a regex target, as upstream.
 * Without `components`, gotk-components.yaml is the placeholder some repos commit (bootstrap writes it at install).
 */
export function lockedDown(cluster: string, flags: string[], components = true): Record<string, string> {
  const base = bootstrap(cluster);
  return {
    ...base,
    [`clusters/${cluster}/flux-system/gotk-components.yaml`]: components
      ? controller('kustomize-controller') + controller('helm-controller')
      : '# This file will be generated automatically by flux bootstrap.\n',
    [`clusters/${cluster}/flux-system/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - gotk-components.yaml
  - gotk-sync.yaml
patches:
${flags
  .map(
    (flag) => `  - patch: |
      - op: add
        path: /spec/template/spec/containers/0/args/-
        value: ${flag}
    target:
      kind: Deployment
      name: "(kustomize-controller|helm-controller)"
`,
  )
  .join('')}  - patch: |
      - op: add
        path: /spec/serviceAccountName
        value: kustomize-controller
    target:
      kind: Kustomization
      name: "flux-system"
`,
  };
}

/** A tenant's Kustomization in namespace `ns` whose GitRepository lives in `sourceNamespace`. Line 12 is sourceRef.namespace. */
export function tenantKustomization(ns: string, sourceNamespace: string, extra: string[] = []): string {
  return [
    'apiVersion: kustomize.toolkit.fluxcd.io/v1',
    'kind: Kustomization',
    'metadata:',
    '  name: tenant',
    `  namespace: ${ns}`,
    'spec:',
    '  interval: 10m',
    '  path: ./tenant',
    '  prune: true',
    '  sourceRef:',
    '    kind: GitRepository',
    `    namespace: ${sourceNamespace}`,
    '    name: flux-system',
    ...extra.map((l) => `  ${l}`),
    '',
  ].join('\n');
}
