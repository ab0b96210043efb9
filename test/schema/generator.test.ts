import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QUANTITY_PATTERN } from '../../src/schema/index.js';
import { needsUpstream, upstreamAbsent, UPSTREAM_DIR } from '../support/corpus.js';
import { readSchemaFile, unsharedKind } from '../support/schemas.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const script = path.join(repoRoot, 'scripts', 'generate-schemas.mjs');
const committed = path.join(repoRoot, 'schemas');
const upstream = UPSTREAM_DIR;

interface GeneratorModule {
  translatePattern(p: string): string | undefined;
  QUANTITY_PATTERN: string;
}
/** The script is plain ESM without types; a computed specifier keeps TypeScript from resolving it. */
const loadGenerator = async () => (await import(pathToFileURL(script).href)) as GeneratorModule;

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}

/** Every schema node of a generated file, with whether it sits inside an allOf/anyOf/oneOf/not branch. */
function* schemaNodes(node: unknown, inLogic = false): Generator<{ node: Record<string, unknown>; inLogic: boolean }> {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  const s = node as Record<string, unknown>;
  yield { node: s, inLogic };
  for (const key of ['properties', 'patternProperties', 'definitions']) {
    for (const child of Object.values((s[key] as object | undefined) ?? {})) yield* schemaNodes(child, false);
  }
  for (const key of ['items', 'additionalProperties']) yield* schemaNodes(s[key], false);
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const child of (s[key] as unknown[] | undefined) ?? []) yield* schemaNodes(child, true);
  yield* schemaNodes(s.not, true);
}

function* committedSchemaNodes() {
  for (const file of listFiles(committed).filter((f) => f !== 'index.json')) {
    const doc = JSON.parse(fs.readFileSync(path.join(committed, file), 'utf8')) as { definitions: object; kinds: object };
    for (const def of Object.values(doc.definitions)) yield* schemaNodes(def);
    for (const kind of Object.values(doc.kinds)) if (typeof kind === 'object') yield* schemaNodes(kind);
  }
}

describe.skipIf(upstreamAbsent)(needsUpstream('generate-schemas.mjs against ../shared/upstream'), () => {
  it('regenerates the committed schemas byte for byte', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-schemas-')), 'schemas');
    execFileSync(process.execPath, [script, '--upstream', upstream, '--out', out], { stdio: 'pipe' });
    const files = listFiles(out);
    expect(files).toEqual(listFiles(committed));
    for (const file of files) {
      expect(fs.readFileSync(path.join(out, file)).equals(fs.readFileSync(path.join(committed, file))), file).toBe(true);
    }
  });

  it('fails with a clear message when the upstream folder is missing', () => {
    const missing = path.join(os.tmpdir(), 'gitops-lint-no-upstream');
    const run = () => execFileSync(process.execPath, [script, '--upstream', missing, '--out', path.join(missing, 'out')], { stdio: 'pipe' });
    expect(run).toThrow(/upstream data not found at .*gitops-lint-no-upstream/);
  });
});

describe('generated schemas (committed output)', () => {
  it('has an index naming Kubernetes minors and every Flux kind in its served versions', () => {
    const index = JSON.parse(fs.readFileSync(path.join(committed, 'index.json'), 'utf8')) as {
      crds: Record<string, { file: string; source: string }>;
      kubernetes: Record<string, string>;
    };
    expect(Object.keys(index.kubernetes)).toEqual(['1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
    for (const key of [
      'helm.toolkit.fluxcd.io/v2/HelmRelease',
      'helm.toolkit.fluxcd.io/v2beta1/HelmRelease',
      'helm.toolkit.fluxcd.io/v2beta2/HelmRelease',
      'kustomize.toolkit.fluxcd.io/v1beta2/Kustomization',
      'source.toolkit.fluxcd.io/v1/OCIRepository',
      'source.toolkit.fluxcd.io/v1beta2/OCIRepository',
      'notification.toolkit.fluxcd.io/v1beta3/Alert',
      'image.toolkit.fluxcd.io/v1/ImagePolicy',
      'source.extensions.fluxcd.io/v1beta1/ArtifactGenerator',
      'external-secrets.io/v1/ExternalSecret',
      'bitnami.com/v1alpha1/SealedSecret',
      // companions-more: the groups corpus repos use most
      'monitoring.coreos.com/v1alpha1/ScrapeConfig',
      'monitoring.coreos.com/v1alpha1/AlertmanagerConfig',
      'kyverno.io/v1/ClusterPolicy',
      'postgresql.cnpg.io/v1/Cluster',
      'barmancloud.cnpg.io/v1/ObjectStore',
      'grafana.integreatly.org/v1beta1/GrafanaDashboard',
      'gateway.envoyproxy.io/v1alpha1/SecurityPolicy',
      'generators.external-secrets.io/v1alpha1/Password',
      'externaldns.k8s.io/v1alpha1/DNSEndpoint',
      'renovate-operator.mogenius.com/v1alpha1/RenovateJob',
    ]) {
      expect(index.crds[key], key).toBeDefined();
    }
    // The newest release that serves a version wins.
    expect(index.crds['helm.toolkit.fluxcd.io/v2/HelmRelease']?.source).toBe('flux v2.9.4: helm-controller-v1.6.3');
    expect(index.crds['image.toolkit.fluxcd.io/v1beta2/ImagePolicy']?.source).toMatch(/^flux v2\.8\.8: /);
    // One bundle per companion kind: the full prometheus-operator set replaces the 4-kind one.
    expect(index.crds['monitoring.coreos.com/v1/ServiceMonitor']?.source).toBe('prometheus-operator-v0.93.0-full');
  });

  it('takes each Gateway API kind from one channel: standard where it has the kind, experimental only for its own kinds', () => {
    const index = JSON.parse(fs.readFileSync(path.join(committed, 'index.json'), 'utf8')) as { crds: Record<string, { source: string }> };
    const gateway = Object.entries(index.crds).filter(([key]) => key.startsWith('gateway.networking.'));
    const channelOf = (key: string) => index.crds[key]?.source;
    for (const [key, { source }] of gateway) {
      expect(source, key).toBe(key.startsWith('gateway.networking.x-k8s.io/') ? 'gateway-api-experimental-v1.6.1' : 'gateway-api-standard-v1.6.1');
    }
    expect(channelOf('gateway.networking.k8s.io/v1/HTTPRoute')).toBe('gateway-api-standard-v1.6.1');
    expect(channelOf('gateway.networking.x-k8s.io/v1alpha1/XBackendTrafficPolicy')).toBe('gateway-api-experimental-v1.6.1');
    // Versions the standard channel does not serve are not taken from the experimental one.
    expect(channelOf('gateway.networking.k8s.io/v1alpha2/TLSRoute')).toBeUndefined();
  });

  it('bundles no AGPL-licensed CRD (flux-operator, VolSync, tuppr)', () => {
    const index = JSON.parse(fs.readFileSync(path.join(committed, 'index.json'), 'utf8')) as { crds: Record<string, unknown> };
    const groups = new Set(Object.keys(index.crds).map((key) => key.split('/')[0]));
    for (const group of ['fluxcd.controlplane.io', 'volsync.backube', 'tuppr.home-operations.com']) expect(groups.has(group), group).toBe(false);
  });

  it('stores subschemas a group repeats once, and every $ref resolves in its own file', () => {
    const crdFiles = listFiles(committed).filter((f) => f.startsWith('crds'));
    let shared = 0;
    for (const file of crdFiles) {
      const doc = readSchemaFile(file);
      shared += Object.keys(doc.definitions).filter((name) => name.startsWith('shared.')).length;
      for (const m of JSON.stringify(doc).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) expect(doc.definitions, `${file}: ${m[1]}`).toHaveProperty([m[1]!]);
    }
    expect(shared).toBeGreaterThan(100);
  });

  it('emits only patterns JavaScript compiles with the u flag, and only formats the runtime knows', () => {
    const formats = new Set<unknown>();
    let patterns = 0;
    for (const { node } of committedSchemaNodes()) {
      if (typeof node.pattern === 'string') {
        patterns++;
        expect(() => new RegExp(node.pattern as string, 'u')).not.toThrow();
      }
      if ('format' in node) formats.add(node.format);
      for (const key of ['description', 'nullable', 'x-kubernetes-group-version-kind']) expect(node).not.toHaveProperty(key);
    }
    expect(patterns).toBeGreaterThan(100);
    expect([...formats].sort()).toEqual(['byte', 'date-time', 'int32', 'int64', 'ipv4', 'ipv6']);
  });

  it('closes every object with properties except open ones and combinator branches', () => {
    for (const { node, inLogic } of committedSchemaNodes()) {
      if (node.properties && !inLogic && !node['x-kubernetes-preserve-unknown-fields']) {
        expect(node).toHaveProperty('additionalProperties');
      }
    }
    const helmRelease = unsharedKind(readSchemaFile('crds/helm.toolkit.fluxcd.io.json'), 'helm.toolkit.fluxcd.io/v2/HelmRelease') as any;
    const spec = helmRelease.properties.spec;
    expect(spec.additionalProperties).toBe(false);
    expect(spec.properties.values).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(helmRelease.properties.metadata).toEqual({
      $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    });
  });

  it('keeps CEL rules with their messages', () => {
    const nodes = [...committedSchemaNodes()].filter(({ node }) => Array.isArray(node['x-kubernetes-validations']));
    expect(nodes.length).toBeGreaterThan(50);
    for (const { node } of nodes) {
      for (const rule of node['x-kubernetes-validations'] as { rule: unknown }[]) expect(typeof rule.rule).toBe('string');
    }
  });
});

describe('Go RE2 pattern translation', () => {
  it('turns a leading (?i) into case-insensitive character classes', async () => {
    const { translatePattern } = await loadGenerator();
    const p = translatePattern('^(?i)(abort|warn)?$');
    expect(p).toBe('^([aA][bB][oO][rR][tT]|[wW][aA][rR][nN])?$');
    const re = new RegExp(p!, 'u');
    expect(['ABORT', 'Warn', ''].map((s) => re.test(s))).toEqual([true, true, true]);
    expect(re.test('skip')).toBe(false);
    const ranges = new RegExp(translatePattern('(?i)^[a-f0-9]+\\.x(?:y)$')!, 'u');
    expect(['ABC123.XY', 'abc.xY'].map((s) => ranges.test(s))).toEqual([true, true]);
    expect(ranges.test('g.x')).toBe(false);
  });

  it('translates RE2-only syntax and rejects what JavaScript cannot compile', async () => {
    const { translatePattern } = await loadGenerator();
    expect(translatePattern('^(?P<name>[a-z]+)\\z')).toBe('^(?<name>[a-z]+)$');
    expect(translatePattern('^[[:alpha:]]+$')).toBe('^[A-Za-z]+$');
    expect(translatePattern('(?m)^a$')).toBeUndefined();
    expect(translatePattern('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')).toBe('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$');
  });

  it('uses the same quantity grammar as the runtime', async () => {
    expect((await loadGenerator()).QUANTITY_PATTERN).toBe(QUANTITY_PATTERN);
  });
});

describe('schema conversion', () => {
  interface Converter {
    convertSchema(schema: unknown): { schema: Record<string, any>; dropped: string[] };
  }
  const convert = async (schema: unknown) => ((await import(pathToFileURL(script).href)) as Converter).convertSchema(schema);

  it('closes objects, keeps open ones open, and leaves property names alone', async () => {
    const { schema } = await convert({
      type: 'object',
      description: 'doc',
      properties: {
        description: { type: 'string', description: 'a field called description' },
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
      anyOf: [{ properties: { description: { minLength: 1 } } }],
    });
    expect(schema).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        description: { type: 'string' },
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
      anyOf: [{ properties: { description: { minLength: 1 } } }],
    });
  });

  it('rewrites refs, unwraps allOf wrappers, keeps defaults (CEL reads them) and maps int-or-string, quantity, nullable and formats', async () => {
    const { schema } = await convert({
      properties: {
        meta: { allOf: [{ $ref: '#/components/schemas/io.k8s.X' }], default: {}, description: 'd' },
        port: { 'x-kubernetes-int-or-string': true },
        cpu: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true, pattern: QUANTITY_PATTERN },
        name: { type: 'string', nullable: true, enum: ['a'] },
        url: { type: 'string', format: 'uri' },
        when: { type: 'string', format: 'date-time' },
      },
    });
    expect(schema.properties).toEqual({
      meta: { $ref: '#/definitions/io.k8s.X', default: {} },
      port: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
      cpu: { anyOf: [{ type: 'number' }, { type: 'string' }], 'x-kubernetes-int-or-string': true, pattern: QUANTITY_PATTERN },
      name: { type: ['string', 'null'], enum: ['a', null] },
      url: { type: 'string' },
      when: { type: 'string', format: 'date-time' },
    });
  });

  it('gives embedded resources apiVersion, kind and ObjectMeta', async () => {
    const { schema } = await convert({
      type: 'object',
      'x-kubernetes-embedded-resource': true,
      properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    });
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties).toEqual({
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    });
  });

  it('keeps a pattern JavaScript rejects as x-go-pattern and reports it', async () => {
    const { schema, dropped } = await convert({ type: 'string', pattern: '^\\pL+$' });
    expect(schema).toEqual({ type: 'string', 'x-go-pattern': '^\\pL+$' });
    expect(dropped).toEqual(['^\\pL+$']);
  });
});
