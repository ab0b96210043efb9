/** Flux and Kubernetes apiVersion migrations: exact text out, checked against the bundled schemas; refusals with reasons. */
import { describe, expect, it } from 'vitest';
import { migrateFluxObject, migrateKubernetesObject, type Migration } from '../../../src/checks/migrate/index.js';
import { SchemaStore } from '../../../src/schema/store.js';

const store = new SchemaStore();
const validate = (value: unknown, apiVersion: string, kind: string) => store.validate(value, { apiVersion, kind })?.map((e) => e.message);

function applied(text: string, m: Migration): string | { refused: string } {
  return 'refused' in m ? m : text.slice(0, m.fix.range[0]) + m.fix.text + text.slice(m.fix.range[1]);
}
const flux = (text: string, to: string) => applied(text, migrateFluxObject({ text, start: 0, validate }, to));
const k8s = (text: string) => applied(text, migrateKubernetesObject({ text, start: 0, validate }));

const ks = (version: string, spec: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/${version}\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 10m # often\n  path: ./apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n${spec}`;

describe('migrateFluxObject', () => {
  it('Kustomization v1beta2 -> v1: only the apiVersion when no field moves', () => {
    expect(flux(ks('v1beta2', ''), 'kustomize.toolkit.fluxcd.io/v1')).toBe(ks('v1', ''));
  });

  it('Kustomization v1beta2 -> v1: validation removed, its comment kept', () => {
    expect(flux(ks('v1beta2', '  validation: client # dry run\n'), 'kustomize.toolkit.fluxcd.io/v1')).toBe(ks('v1', '  # dry run\n'));
  });

  it('Kustomization v1beta1 -> v1: patchesStrategicMerge first in patches as text, patchesJson6902 last with their targets', () => {
    const before = ks(
      'v1beta1',
      '  patches:\n    - patch: |\n        - op: add\n          path: /metadata/labels/a\n          value: b\n      target:\n        kind: Deployment\n' +
        '  patchesStrategicMerge:\n    # more replicas\n    - apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: web\n      spec:\n        replicas: 2 # two\n' +
        '  patchesJson6902:\n    - target:\n        kind: Service\n        name: web\n      patch:\n        - op: remove\n          path: /spec/ports/1\n',
    );
    const after = ks(
      'v1',
      '  patches:\n    # more replicas\n    - patch: |\n        apiVersion: apps/v1\n        kind: Deployment\n        metadata:\n          name: web\n        spec:\n          replicas: 2 # two\n' +
        '    - patch: |\n        - op: add\n          path: /metadata/labels/a\n          value: b\n      target:\n        kind: Deployment\n' +
        '    - target:\n        kind: Service\n        name: web\n      patch: |\n        - op: remove\n          path: /spec/ports/1\n',
    );
    expect(flux(before, 'kustomize.toolkit.fluxcd.io/v1')).toBe(after);
  });

  it('Kustomization v1beta1 -> v1 is refused when v1 would reject it (prune is required there)', () => {
    const text = ks('v1beta1', '').replace('  prune: true\n', '');
    expect(flux(text, 'kustomize.toolkit.fluxcd.io/v1')).toEqual({ refused: expect.stringMatching(/^as kustomize.toolkit.fluxcd.io\/v1 it would not be valid: .*prune/) as unknown });
  });

  const hr = (version: string, chartSpec: string, rest = '') =>
    `apiVersion: "helm.toolkit.fluxcd.io/${version}"\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: web\n${chartSpec}      sourceRef:\n        kind: HelmRepository\n        name: charts\n${rest}`;

  it('HelmRelease v2beta1 -> v2: valuesFile becomes valuesFiles, quoting of apiVersion kept', () => {
    expect(flux(hr('v2beta1', '      valuesFile: values-prod.yaml # prod\n'), 'helm.toolkit.fluxcd.io/v2')).toBe(hr('v2', '      valuesFiles:\n        - values-prod.yaml # prod\n'));
  });

  it('HelmRelease v2beta2 -> v2: valuesFile goes first in valuesFiles (helm-controller merged it first)', () => {
    expect(flux(hr('v2beta2', '      valuesFile: base.yaml\n      valuesFiles:\n        - prod.yaml\n'), 'helm.toolkit.fluxcd.io/v2')).toBe(hr('v2', '      valuesFiles:\n        - base.yaml\n        - prod.yaml\n'));
  });

  it('HelmRelease v2beta1 -> v2: post-renderer patches moved', () => {
    const before = hr('v2beta1', '', '  postRenderers:\n    - kustomize:\n        patchesStrategicMerge:\n          - kind: Deployment\n            apiVersion: apps/v1\n            metadata:\n              name: web\n');
    const after = hr('v2', '', '  postRenderers:\n    - kustomize:\n        patches:\n          - patch: |\n              kind: Deployment\n              apiVersion: apps/v1\n              metadata:\n                name: web\n');
    expect(flux(before, 'helm.toolkit.fluxcd.io/v2')).toBe(after);
  });

  it('GitRepository v1beta2 -> v1: gitImplementation and accessFrom removed', () => {
    const before = 'apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: GitRepository\nmetadata:\n  name: repo\nspec:\n  interval: 1m\n  url: https://github.com/x/y\n  gitImplementation: go-git\n  accessFrom:\n    namespaceSelectors:\n      - matchLabels: {a: b}\n  ref:\n    branch: main\n';
    const after = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: repo\nspec:\n  interval: 1m\n  url: https://github.com/x/y\n  ref:\n    branch: main\n';
    expect(flux(before, 'source.toolkit.fluxcd.io/v1')).toBe(after);
  });

  it('ImageUpdateAutomation with a template using .Updated is refused with what to change', () => {
    const text = 'apiVersion: image.toolkit.fluxcd.io/v1beta1\nkind: ImageUpdateAutomation\nmetadata:\n  name: a\nspec:\n  interval: 1m\n  sourceRef:\n    kind: GitRepository\n    name: r\n  git:\n    commit:\n      author:\n        email: a@b\n        name: a\n      messageTemplate: "{{range .Updated.Images}}{{.}}{{end}}"\n  update:\n    strategy: Setters\n';
    expect(flux(text, 'image.toolkit.fluxcd.io/v1')).toEqual({ refused: expect.stringContaining('rewrite it with .Changed.FileChanges') as unknown });
  });
});

describe('migrateKubernetesObject', () => {
  it('policy/v1beta1 PodDisruptionBudget with a selector -> policy/v1', () => {
    const text = 'apiVersion: policy/v1beta1 # old\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n';
    expect(k8s(text)).toBe(text.replace('policy/v1beta1', 'policy/v1'));
  });

  it('refuses a PodDisruptionBudget with an empty selector, whose meaning v1 changed', () => {
    const text = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector: {}\n';
    expect(k8s(text)).toEqual({ refused: expect.stringContaining('policy/v1beta1 selects no pod with it') as unknown });
  });

  it('batch/v1beta1 CronJob -> batch/v1', () => {
    const text = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: j\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: c\n              image: busybox\n';
    expect(k8s(text)).toBe(text.replace('batch/v1beta1', 'batch/v1'));
  });

  it('refuses extensions/v1beta1 Ingress, whose fields changed', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n';
    expect(k8s(text)).toEqual({ refused: 'extensions/v1beta1 Ingress has no mechanical replacement: its fields change' });
  });
});
