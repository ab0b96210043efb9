/**
 * Kubernetes 1.30 to 1.35 are bundled, the newest whole and the others as their differences from it (see
 * scripts/generate-schemas.mjs): each minor is selectable and validates as that release's API does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { SchemaStore } from '../../src/schema/store.js';
import { captureIO, withoutEntryPointNote } from '../cli/io.js';
import { needsUpstream, upstreamAbsent, UPSTREAM_DIR } from '../support/corpus.js';

const MINORS = ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];
const store = new SchemaStore();

/** Pod spec fields by the release that added them (Kubernetes changelogs: pod-level resources 1.32, hostnameOverride 1.34, workloadRef 1.35). */
const podFields: [string, string, unknown][] = [
  ['1.32', 'resources', { limits: { cpu: '1' } }],
  ['1.34', 'hostnameOverride', 'db'],
  ['1.35', 'workloadRef', { name: 'w', podGroup: 'g' }],
];
const minorNumber = (m: string) => Number(m.split('.')[1]);

describe('bundled Kubernetes minors', () => {
  it('lists 1.30 to 1.35', () => {
    expect(store.kubernetesVersions()).toEqual(MINORS);
  });

  describe.each(MINORS)('%s', (minor) => {
    it('is picked for its x.y, x.y.z and vx.y.z forms', () => {
      for (const form of [minor, `${minor}.3`, `v${minor}.0`]) expect(store.resolveKubernetesVersion(form)).toBe(minor);
    });

    it.each(podFields)('knows Pod spec.%s only from %s on', (since, field, value) => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'b' }], [field]: value } };
      const messages = store.validate(pod, { apiVersion: 'v1', kind: 'Pod', kubernetesVersion: minor })!.map((e) => e.message);
      const unknown = messages.filter((m) => m.includes(`unknown field "${field}"`));
      expect(unknown.length > 0).toBe(minorNumber(minor) < minorNumber(since));
    });
  });

  it.each<[string, string, string[]]>([
    // ServiceCIDR: alpha in 1.30, beta from 1.31 (alpha gone), GA in 1.33.
    ['networking.k8s.io/v1alpha1', 'ServiceCIDR', ['1.30']],
    ['networking.k8s.io/v1beta1', 'ServiceCIDR', ['1.31', '1.32', '1.33', '1.34', '1.35']],
    ['networking.k8s.io/v1', 'ServiceCIDR', ['1.33', '1.34', '1.35']],
  ])('%s %s is served by %j', (apiVersion, kind, servedBy) => {
    expect(MINORS.filter((m) => store.locate(apiVersion, kind, m) !== undefined)).toEqual(servedBy);
  });
});

describe.skipIf(upstreamAbsent)(needsUpstream('bundled minors against ../shared/upstream/kubernetes'), () => {
  /** Every kind of a minor's OpenAPI documents with one group/version/kind, as the generator takes them. */
  function upstreamKinds(minor: string): string[] {
    const dir = path.join(UPSTREAM_DIR, 'kubernetes', 'openapi-v3', minor);
    const files = [path.join(dir, 'api', 'v1.json')];
    for (const group of fs.readdirSync(path.join(dir, 'apis'))) for (const v of fs.readdirSync(path.join(dir, 'apis', group))) files.push(path.join(dir, 'apis', group, v));
    const kinds = new Set<string>();
    for (const file of files) {
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { components?: { schemas?: Record<string, { 'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[] }> } };
      for (const schema of Object.values(doc.components?.schemas ?? {})) {
        const gvks = schema['x-kubernetes-group-version-kind'] ?? [];
        if (gvks.length === 1) kinds.add(`${gvks[0]!.group ? `${gvks[0]!.group}/` : ''}${gvks[0]!.version}/${gvks[0]!.kind}`);
      }
    }
    return [...kinds].sort();
  }

  it.each(MINORS)('%s, put back together from its differences, serves exactly the kinds of its OpenAPI', (minor) => {
    const crds = new Set(store.knownKinds(minor).filter((k) => store.locate(k.slice(0, k.lastIndexOf('/')), k.slice(k.lastIndexOf('/') + 1), minor)?.source !== `kubernetes ${minor}`));
    expect(store.knownKinds(minor).filter((k) => !crds.has(k))).toEqual(upstreamKinds(minor).filter((k) => !crds.has(k)));
  });
});

describe('--kubernetes-version for every bundled minor', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-minors-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.writeFileSync(path.join(tmp, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostnameOverride: db\n  containers: [{ name: a, image: b }]\n');

  it.each(MINORS)('%s: no note, and its own Pod schema', async (minor) => {
    const io = captureIO({ cwd: tmp });
    const code = await run([tmp, '-f', 'json', '--no-cache', '--kubernetes-version', minor, '--rule', 'schema-validation: error'], io);
    expect(withoutEntryPointNote(io.err())).toBe('');
    const messages = (JSON.parse(io.out()) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId === 'schema-validation').map((f) => f.message);
    expect(messages).toEqual(minorNumber(minor) < 34 ? ['unknown field "hostnameOverride" in spec'] : []);
    expect(code).toBe(minorNumber(minor) < 34 ? 1 : 0);
  });
});
