/**
 * A CRD validates the custom resources of the clusters that apply it, as that cluster has it (patched by its build),
 * and nothing else; flux-operator clusters accept the operator's kinds as Alert event sources, as the CRDs it installs
 * do. Unresolved `${...}` after substitution is judged for structure only.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { bootstrap, kustomization } from '../rules/flux-fixtures.js';
import { tempRepo } from './helpers.js';

const widgetCrd = (type: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: ${type} }
`;
const widget = (size: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: default\nspec:\n  size: ${size}\n`;

const alert = `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata:
  name: ops
  namespace: flux-system
spec:
  providerRef:
    name: slack
  eventSources:
    - kind: FluxInstance
      name: '*'
`;

const messages = async (files: Record<string, string>, rule: string) =>
  (await lint(tempRepo(files), { config: { extends: 'none', rules: { [rule]: 'error' } } })).findings.map((f) => `${f.file}:${f.line} ${f.message}`);

describe('CRDs per cluster', () => {
  it("each cluster's objects are validated with the CRD that cluster applies, not another cluster's", async () => {
    const found = await messages(
      {
        ...bootstrap('a'),
        ...bootstrap('b'),
        'clusters/a/crd.yaml': widgetCrd('integer'),
        'clusters/a/widget.yaml': widget('large'),
        'clusters/b/crd.yaml': widgetCrd('string'),
        'clusters/b/widget.yaml': widget('large'),
      },
      'schema-validation',
    );
    expect(found).toEqual(['clusters/a/widget.yaml:7 spec.size must be integer, got string "large"']);
  });

  it('a CRD patched by its build validates as patched (the documented recipe for third-party event sources)', async () => {
    const files = {
      ...bootstrap('prod'),
      'clusters/prod/crds/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [crd.yaml]
patches:
  - target: { kind: CustomResourceDefinition, name: widgets.example.com }
    patch: |
      - op: replace
        path: /spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type
        value: string
`,
      'clusters/prod/crds/crd.yaml': widgetCrd('integer'),
      'clusters/prod/widget.yaml': widget('large'),
    };
    expect(await messages(files, 'schema-validation')).toEqual([]);
  });

  it('a CRD no cluster applies overrides nothing: the kind has no schema', async () => {
    const found = await messages({ ...bootstrap('prod'), 'vendor/crd.yaml': widgetCrd('integer'), 'clusters/prod/widget.yaml': widget('large') }, 'schema-missing');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^clusters\/prod\/widget.yaml:2 no schema for example.com\/v1 Widget/);
  });

  it('flux-operator clusters accept FluxInstance as an Alert event source; bootstrap clusters do not', async () => {
    const instance = `apiVersion: fluxcd.controlplane.io/v1
kind: FluxInstance
metadata:
  name: flux
  namespace: flux-system
spec:
  distribution: { version: "2.x", registry: ghcr.io/fluxcd }
  sync: { kind: GitRepository, url: "https://github.com/example/fleet", ref: refs/heads/main, path: clusters/op }
`;
    const operator = await messages({ 'clusters/op/flux-instance.yaml': instance, 'clusters/op/alert.yaml': alert }, 'schema-validation');
    expect(operator).toEqual([]);
    const bootstrapped = await messages({ ...bootstrap('prod'), 'clusters/prod/alert.yaml': alert }, 'schema-validation');
    expect(bootstrapped).toHaveLength(1);
    expect(bootstrapped[0]).toMatch(/^clusters\/prod\/alert.yaml:10 spec.eventSources\[0\].kind must be one of: /);
  });
});

describe('unresolved variables', () => {
  it('a value still holding ${...} after substitution is judged for structure only; without postBuild it is applied as written', async () => {
    const withPostBuild = await messages(
      {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', ['postBuild:', '  substituteFrom:', '    - kind: ConfigMap', '      name: not-in-repo']),
        'apps/widget.yaml': widget('${SIZE}'),
        'apps/crd.yaml': widgetCrd('integer'),
      },
      'schema-validation',
    );
    expect(withPostBuild).toEqual([]);
    const without = await messages(
      { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/widget.yaml': widget('${SIZE}'), 'apps/crd.yaml': widgetCrd('integer') },
      'schema-validation',
    );
    expect(without).toEqual(['apps/widget.yaml:7 spec.size must be integer, got string "${SIZE}"']);
  });
});
