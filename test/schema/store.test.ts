import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SchemaStore, defaultSchemaDir, formatPath } from '../../src/schema/index.js';

/** One shared store: compiled validators are cached, which is what the lint run does too. */
let store: SchemaStore;
beforeAll(() => {
  store = new SchemaStore();
});

const deployment = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata,
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    ...spec,
  },
});
const deploy = { apiVersion: 'apps/v1', kind: 'Deployment' };

function container(extra: Record<string, unknown>) {
  return { template: { spec: { containers: [{ name: 'web', image: 'nginx', ...extra }] } } };
}

describe('SchemaStore with the shipped schemas', () => {
  it('finds the schemas folder from the module and lists the Kubernetes minors', () => {
    expect(fs.existsSync(path.join(defaultSchemaDir(), 'index.json'))).toBe(true);
    expect(store.kubernetesVersions()).toEqual(['1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
  });

  it('accepts a valid Deployment', () => {
    expect(store.validate(deployment({ replicas: 2 }), deploy)).toEqual([]);
  });

  it('reports a wrong type with the value', () => {
    expect(store.validate(deployment({ replicas: '3' }), deploy)).toEqual([
      { path: ['spec', 'replicas'], keyword: 'type', message: 'spec.replicas must be integer, got string "3"' },
    ]);
  });

  it('reports unknown fields with a suggestion and the path of the key', () => {
    const errors = store.validate(deployment(container({ imagePullPolice: 'Always' })), deploy);
    expect(errors).toEqual([
      {
        path: ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolice'],
        keyword: 'additionalProperties',
        message: 'unknown field "imagePullPolice" in spec.template.spec.containers[0] (did you mean "imagePullPolicy"?)',
      },
    ]);
  });

  it('reports unknown top-level fields without a made-up suggestion', () => {
    const errors = store.validate({ ...deployment({}), zzzzzz: 1 }, deploy);
    expect(errors?.map((e) => e.message)).toEqual(['unknown field "zzzzzz"']);
  });

  it('reports missing required fields on the object that lacks them', () => {
    const errors = store.validate({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: {} }, deploy);
    expect(errors).toEqual([
      { path: ['spec'], keyword: 'required', message: 'spec is missing required field "selector"' },
      { path: ['spec'], keyword: 'required', message: 'spec is missing required field "template"' },
    ]);
  });

  it('skips required fields for partial objects (patches) but still checks the rest', () => {
    const patch = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two' } };
    expect(store.validate(patch, { ...deploy, partial: true })?.map((e) => e.message)).toEqual([
      'spec.replicas must be integer, got string "two"',
    ]);
  });

  it('accepts int-or-string in both forms and collapses the anyOf cascade into one message', () => {
    const strategy = (maxSurge: unknown) => deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge } } });
    expect(store.validate(strategy(1), deploy)).toEqual([]);
    expect(store.validate(strategy('25%'), deploy)).toEqual([]);
    expect(store.validate(strategy(true), deploy)).toEqual([
      {
        path: ['spec', 'strategy', 'rollingUpdate', 'maxSurge'],
        keyword: 'type',
        message: 'spec.strategy.rollingUpdate.maxSurge must be integer or string, got boolean true',
      },
    ]);
    expect(store.validate(strategy(1.5), deploy)?.map((e) => e.message)).toEqual([
      'spec.strategy.rollingUpdate.maxSurge must be integer or string, got number 1.5',
    ]);
  });

  it('accepts quantities as numbers or strings and rejects malformed ones (built-in and CRD)', () => {
    const limits = (l: Record<string, unknown>) => deployment(container({ resources: { limits: l } }));
    expect(store.validate(limits({ cpu: 1, memory: '512Mi' }), deploy)).toEqual([]);
    expect(store.validate(limits({ cpu: 0.5, memory: '1e3' }), deploy)).toEqual([]);
    expect(store.validate(limits({ memory: '1GB' }), deploy)?.map((e) => e.message)).toEqual([
      'spec.template.spec.containers[0].resources.limits.memory must be a Kubernetes quantity such as 500m, 1.5 or 2Gi, got string "1GB"',
    ]);
    expect(store.validate(limits({ memory: [] }), deploy)?.map((e) => e.message)).toEqual([
      'spec.template.spec.containers[0].resources.limits.memory must be number or string, got array',
    ]);
    // cert-manager's ACME solver pod resources are an int-or-string quantity in the CRD.
    const issuer = (cpu: unknown) => ({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'le' },
      spec: {
        acme: {
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          privateKeySecretRef: { name: 'le' },
          solvers: [{ http01: { ingress: { podTemplate: { spec: { resources: { limits: { cpu } } } } } } }],
        },
      },
    });
    const ci = { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer' };
    expect(store.validate(issuer(0.5), ci)).toEqual([]);
    expect(store.validate(issuer('100m'), ci)).toEqual([]);
    expect(store.validate(issuer('lots'), ci)?.map((e) => e.keyword)).toEqual(['pattern']);
  });

  it('leaves ${VAR} placeholders alone when Flux post-build substitution applies', () => {
    const pvc = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { resources: { requests: { storage: '${CAPACITY:-1Gi}' } }, volumeMode: 'Filesystem' },
    };
    const options = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
    expect(store.validate(pvc, options)?.map((e) => e.keyword)).toEqual(['pattern']);
    expect(store.validate(pvc, { ...options, substitution: true })).toEqual([]);
    const replicas = deployment({ replicas: '${REPLICAS}', paused: 'no' });
    expect(store.validate(replicas, { ...deploy, substitution: true })?.map((e) => e.message)).toEqual([
      'spec.paused must be boolean, got string "no"',
    ]);
  });

  it('treats null as unset for optional fields and as missing for required ones', () => {
    expect(store.validate(deployment({ replicas: null }, { name: 'web', creationTimestamp: null }), deploy)).toEqual([]);
    const errors = store.validate(deployment({ selector: null }), deploy);
    expect(errors).toEqual([{ path: ['spec'], keyword: 'required', message: 'spec is missing required field "selector"' }]);
  });

  const helmRelease = (apiVersion: string, spec: Record<string, unknown>) => ({
    apiVersion,
    kind: 'HelmRelease',
    metadata: { name: 'podinfo', namespace: 'apps' },
    spec: {
      interval: '10m',
      chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } },
      ...spec,
    },
  });
  const hr = (apiVersion: string) => ({ apiVersion, kind: 'HelmRelease' });

  it('keeps HelmRelease values open while the spec is closed', () => {
    const values = { replicaCount: 2, anything: { nested: [1, 'two', null], deep: { x: true } } };
    expect(store.validate(helmRelease('helm.toolkit.fluxcd.io/v2', { values }), hr('helm.toolkit.fluxcd.io/v2'))).toEqual([]);
    const errors = store.validate(helmRelease('helm.toolkit.fluxcd.io/v2', { valuez: {} }), hr('helm.toolkit.fluxcd.io/v2'));
    expect(errors?.map((e) => e.message)).toEqual(['unknown field "valuez" in spec (did you mean "values"?)']);
  });

  it('validates a HelmRelease v2beta1 against its own schema, not the current one', () => {
    const old = helmRelease('helm.toolkit.fluxcd.io/v2beta1', {
      postRenderers: [{ kustomize: { patchesStrategicMerge: [{ kind: 'Deployment' }] } }],
    });
    expect(store.validate(old, hr('helm.toolkit.fluxcd.io/v2beta1'))).toEqual([]);
    expect(store.locate('helm.toolkit.fluxcd.io', 'HelmRelease')).toBeUndefined();
    expect(store.locate('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease')?.source).toMatch(/^flux v2\.6\.4: helm-controller/);
    // The same field is gone in v2, and v2's commonMetadata did not exist in v2beta1.
    const v2 = { ...old, apiVersion: 'helm.toolkit.fluxcd.io/v2' };
    expect(store.validate(v2, hr('helm.toolkit.fluxcd.io/v2'))?.map((e) => e.keyword)).toEqual(['additionalProperties']);
    const withMetadata = helmRelease('helm.toolkit.fluxcd.io/v2beta1', { commonMetadata: { labels: { a: 'b' } } });
    expect(store.validate(withMetadata, hr('helm.toolkit.fluxcd.io/v2beta1'))?.map((e) => e.message)).toEqual([
      'unknown field "commonMetadata" in spec',
    ]);
  });

  it('validates CRD metadata against ObjectMeta', () => {
    const bad = helmRelease('helm.toolkit.fluxcd.io/v2', {});
    bad.metadata = { name: 'podinfo', namespace: 'apps', labels: { a: 1 } } as never;
    expect(store.validate(bad, hr('helm.toolkit.fluxcd.io/v2'))?.map((e) => e.message)).toEqual([
      'metadata.labels.a must be string, got number 1',
    ]);
  });

  it('reports enums with the allowed values', () => {
    const es = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'db' },
      spec: { secretStoreRef: { name: 'vault', kind: 'Vault' }, data: [{ secretKey: 'pw', remoteRef: { key: 'db/pw' } }] },
    };
    expect(store.validate(es, { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret' })).toEqual([
      {
        path: ['spec', 'secretStoreRef', 'kind'],
        keyword: 'enum',
        message: 'spec.secretStoreRef.kind must be one of: SecretStore, ClusterSecretStore',
      },
    ]);
  });

  it('applies an RE2 pattern with an inline (?i) flag case-insensitively', () => {
    const rule = (strategy: string) => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'r' },
      spec: { groups: [{ name: 'g', partial_response_strategy: strategy, rules: [{ alert: 'Up', expr: 'up == 0' }] }] },
    });
    const pr = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' };
    expect(store.validate(rule('warn'), pr)).toEqual([]);
    expect(store.validate(rule('ABORT'), pr)).toEqual([]);
    expect(store.validate(rule('skip'), pr)?.map((e) => [e.keyword, e.path])).toEqual([
      ['pattern', ['spec', 'groups', 0, 'partial_response_strategy']],
    ]);
  });

  it('never prints values of a Secret', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 12345678 } };
    const errors = store.validate(secret, { apiVersion: 'v1', kind: 'Secret' });
    expect(errors?.map((e) => e.message)).toEqual(['stringData.password must be string, got number']);
  });

  it('picks the Kubernetes minor and returns undefined for kinds it does not know', () => {
    expect(store.resolveKubernetesVersion('v1.34.2')).toBe('1.34');
    expect(store.resolveKubernetesVersion('1.20')).toBe('1.30');
    expect(store.resolveKubernetesVersion('1.40')).toBe('1.35');
    expect(store.resolveKubernetesVersion(undefined)).toBe('1.35');
    const deviceClass = { apiVersion: 'resource.k8s.io/v1alpha3', kind: 'DeviceClass' };
    const value = { ...deviceClass, metadata: { name: 'gpu' }, spec: {} };
    expect(store.validate(value, { ...deviceClass, kubernetesVersion: '1.33' })).toEqual([]);
    expect(store.validate(value, { ...deviceClass, kubernetesVersion: '1.35' })).toBeUndefined();
    expect(store.validate({}, { apiVersion: 'example.com/v1', kind: 'Nothing' })).toBeUndefined();
  });
});

describe('SchemaStore messages on a synthetic schema', () => {
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget' };
  let synthetic: SchemaStore;
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-schema-'));
    const write = (file: string, doc: unknown) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), JSON.stringify(doc));
    };
    write('index.json', {
      crds: { 'example.com/v1/Widget': { file: 'crds/example.com.json', source: 'test' } },
      kubernetes: { '1.35': 'kubernetes/v1.35.json' },
    });
    write('kubernetes/v1.35.json', { definitions: {}, kinds: {} });
    write('crds/example.com.json', {
      definitions: { Name: { type: 'string', minLength: 1 } },
      kinds: {
        'example.com/v1/Widget': {
          type: 'object',
          additionalProperties: false,
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            spec: {
              type: 'object',
              additionalProperties: false,
              required: ['color'],
              properties: {
                color: { type: 'string', enum: ['red', 'blue'] },
                source: {
                  type: 'object',
                  additionalProperties: false,
                  properties: { git: { type: 'string' }, oci: { type: 'string' } },
                  oneOf: [{ required: ['git'] }, { required: ['oci'] }],
                },
                parts: {
                  type: 'array',
                  items: {
                    anyOf: [
                      { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { $ref: '#/definitions/Name' } } },
                      { type: 'string', enum: ['default'] },
                    ],
                  },
                },
                'odd.key/name': { type: 'integer' },
              },
            },
          },
        },
      },
    });
    synthetic = new SchemaStore({ schemaDir: dir });
  });
  const make = (spec: Record<string, unknown>) => ({ ...widget, spec: { color: 'red', ...spec } });

  it('lists enum values', () => {
    expect(synthetic.validate(make({ color: 'green' }), widget)?.map((e) => e.message)).toEqual([
      'spec.color must be one of: red, blue',
    ]);
  });

  it('explains a oneOf of required fields', () => {
    expect(synthetic.validate(make({ source: {} }), widget)?.map((e) => e.message)).toEqual([
      'spec.source must set exactly one of: "git", "oci"',
    ]);
    expect(synthetic.validate(make({ source: { git: 'a', oci: 'b' } }), widget)?.map((e) => e.message)).toEqual([
      'spec.source must set only one of: "git", "oci"',
    ]);
    expect(synthetic.validate(make({ source: { git: 'a' } }), widget)).toEqual([]);
    expect(synthetic.validate({ ...widget, spec: { source: {} } }, { ...widget, partial: true })).toEqual([]);
  });

  it('reports the root cause inside the anyOf branch that matched the shape', () => {
    expect(synthetic.validate(make({ parts: [{ name: '' }] }), widget)).toEqual([
      { path: ['spec', 'parts', 0, 'name'], keyword: 'minLength', message: 'spec.parts[0].name must be at least 1 characters long' },
    ]);
    expect(synthetic.validate(make({ parts: ['other'] }), widget)?.map((e) => e.message)).toEqual([
      'spec.parts[0] must be one of: default',
    ]);
    expect(synthetic.validate(make({ parts: [7] }), widget)?.map((e) => e.message)).toEqual([
      'spec.parts[0] must be object or string, got number 7',
    ]);
  });

  it('quotes keys that are not identifiers in paths', () => {
    expect(synthetic.validate(make({ 'odd.key/name': 'x' }), widget)?.map((e) => e.message)).toEqual([
      'spec["odd.key/name"] must be integer, got string "x"',
    ]);
    expect(formatPath(['metadata', 'annotations', 'a.b/c', 0])).toBe('metadata.annotations["a.b/c"][0]');
  });

  it('says what is wrong with the whole document', () => {
    expect(synthetic.validate('text', widget)?.map((e) => e.message)).toEqual(['the document must be object, got string "text"']);
  });

  it('fails with the path when the schemas folder is missing', () => {
    expect(() => new SchemaStore({ schemaDir: path.join(os.tmpdir(), 'gitops-lint-no-such-dir') })).toThrow(/gitops-lint-no-such-dir.*index\.json/);
  });
});

describe('SchemaStore on hostile input', () => {
  it('does not loop on a cyclic value (a YAML alias to an ancestor)', () => {
    const cyclic: Record<string, unknown> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    cyclic.data = { self: cyclic };
    const errors = store.validate(cyclic, { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(errors).toEqual([]);
    (cyclic.metadata as Record<string, unknown>).name = 5;
    expect(store.validate(cyclic, { apiVersion: 'v1', kind: 'ConfigMap' })?.map((e) => e.message)).toEqual([
      'metadata.name must be string, got number 5',
    ]);
  });

  it('reports a "__proto__" key as an unknown field instead of losing it', () => {
    const value = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","__proto__":{"x":1}}}');
    expect(store.validate(value, { apiVersion: 'v1', kind: 'ConfigMap' })?.map((e) => e.message)).toEqual([
      'unknown field "__proto__" in metadata',
    ]);
  });
});

describe('rawSchema', () => {
  it('returns the uncompiled kind schema with its definitions, CEL rules kept', () => {
    const store = new SchemaStore();
    const location = store.locate('helm.toolkit.fluxcd.io/v2', 'HelmRelease')!;
    const { schema, definitions } = store.rawSchema(location);
    expect(JSON.stringify(schema)).toContain('x-kubernetes-validations');
    expect(Object.keys(definitions)).toContain('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  });
});
