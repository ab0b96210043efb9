/**
 * The Go YAML readers' model (src/k8s/go-yaml.ts, go-schemas.ts, ambiguous.ts) against the real tools, offline:
 *  - what Flux sends: `kubectl kustomize DIR` (kustomize reads resources with go-yaml v3 and writes them through JSON),
 *    read back as kustomize-controller does (ssa.ReadObjects, sigs.k8s.io/yaml): `kubectl label --local -f - -o json`;
 *  - what kubectl apply -f sends: `kubectl label --local -f FILE -o json` (sigs.k8s.io/yaml, go-yaml v2).
 * The object is of a kind kubectl does not know, so both keep every value as decoded (no typed struct in between).
 * Skipped, with the reason in the test name, when kubectl is not on PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ambiguityOf } from '../../src/load/ambiguous.js';
import { GO_YAML_V2_SCHEMA } from '../../src/load/go-schemas.js';
import { resolveV2 } from '../../src/k8s/go-yaml.js';
import { parseYamlFile } from '../../src/load/parse.js';
import { parseValue } from '../../src/load/tree.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

const VALUES = [
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'oN', 'yesterday'],
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', '~'],
  ...['0755', '-0755', '+0755', '0o755', '0O17', '0x1F', '0X1f', '0x_1F', '0b101', '1_000', '08', '012', '0', '1.50', '1e3', '.5', '+.5', '0.1_5', '1e400'],
  ...['12:30', '1:20:30', '190:20:30', '0x', '1.2.3', '=', '_1'],
  ...['2024-01-01', '2024-1-2', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10', '2002-12-14T10:00:00Z', '2001-12-14T21:59:43+00:00'],
  ...['2001-12-14 21:59:43.10 -5', '2023-02-29', '2024-01-01T10:00:00'],
];
/** Keys kustomize keeps as strings: boolean words (kubectl turns them into "true"/"false") and plain names. */
const STRING_KEYS = ['on', 'y', 'No', 'OFF', 'name', '.dockerconfigjson', '12:30'];
/** Keys go-yaml v3 reads as something else than a string: the kustomize build fails. */
const OTHER_KEYS = ['9000', 'True', '0755', '1.5', '2024-01-01'];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function kustomizeDir(object: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-goyaml-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'object.yaml'), object);
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- object.yaml\n');
  return dir;
}

const object = (spec: string): string => `apiVersion: example.com/v1\nkind: Values\nmetadata:\n  name: a\nspec:\n${spec}`;
const kubectl = (args: string[], input?: string): string => execFileSync('kubectl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const specOf = (json: string): Record<string, unknown> => (JSON.parse(json) as { spec: Record<string, unknown> }).spec;
/** The loader's value of a one-document file (what the rules judge). */
const loaded = (text: string): Record<string, any> => parseYamlFile('object.yaml', text, false, []).documents[0]!.value as Record<string, any>;
const goValue = (v: ReturnType<typeof resolveV2>): unknown => (v.type === 'null' ? null : v.value);
const label = ['label', '--local', '-o', 'json', 'gitops-lint=test', '-f'];

/** What Flux sends and what kubectl apply -f sends for the object in `dir`. */
function readings(dir: string): { flux: Record<string, unknown>; kubectl: Record<string, unknown> } {
  const built = kubectl(['kustomize', dir]);
  return { flux: specOf(kubectl([...label, '-'], built)), kubectl: specOf(kubectl([...label, path.join(dir, 'object.yaml')])) };
}

describe.skipIf(!hasKubectl)(`plain scalars against kubectl kustomize and kubectl apply -f${hasKubectl ? '' : ' (skipped: kubectl is not on PATH)'}`, () => {
  it('values: the loader reads what Flux sends, and the rule reports exactly the values where kubectl sends something else', () => {
    const text = object(VALUES.map((v, i) => `  v${i}: ${v}\n`).join(''));
    const dir = kustomizeDir(text);
    const real = readings(dir);
    const v3 = loaded(text).spec as Record<string, unknown>;
    const v2 = (parseValue(text, 0, text.length, GO_YAML_V2_SCHEMA) as { spec: Record<string, unknown> }).spec;
    VALUES.forEach((v, i) => {
      const key = `v${i}`;
      expect([v, v3[key]]).toEqual([v, real.flux[key]]);
      expect([v, v2[key], goValue(resolveV2(v))]).toEqual([v, real.kubectl[key], real.kubectl[key]]);
      const differ = JSON.stringify(real.flux[key]) !== JSON.stringify(real.kubectl[key]);
      const found = ambiguityOf(v, 'value');
      expect([v, found !== undefined]).toEqual([v, differ]);
      if (found?.kind === 'boolean-word') expect([v, found.kubectl]).toEqual([v, real.kubectl[key]]);
      if (found?.kind === 'timestamp') expect([v, found.flux, found.text]).toEqual([v, real.flux[key], real.kubectl[key]]);
    });
  });

  it('annotation values: kustomize writes them back as their text, also in the items of a List', () => {
    const annotated = (indent: string) => VALUES.map((v, i) => `${indent}a${i}: ${v}\n`).join('');
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: example.com/v1\n  kind: Values\n  metadata:\n    name: a\n    annotations:\n${annotated('      ')}`;
    const built = JSON.parse(kubectl([...label, '-'], kubectl(['kustomize', kustomizeDir(text)]))) as { metadata: { annotations: Record<string, unknown> } };
    const single = object('  x: 1\n').replace('  name: a\n', `  name: a\n  annotations:\n${annotated('    ')}`);
    VALUES.forEach((v, i) => {
      expect([v, built.metadata.annotations[`a${i}`]]).toEqual([v, v]);
      expect([v, loaded(text).items[0].metadata.annotations[`a${i}`], loaded(single).metadata.annotations[`a${i}`]]).toEqual([v, v, v]);
      const found = ambiguityOf(v, 'annotation');
      expect([v, found === undefined]).toEqual([v, v === '' || resolveV2(v).type === 'string']);
    });
    // kubectl sends what go-yaml v2 reads: a boolean or a number there is rejected.
    expect(() => kubectl([...label, path.join(kustomizeDir(object('  x: 1\n').replace('  name: a\n', '  name: a\n  annotations:\n    a: true\n')), 'object.yaml')])).toThrow(
      /cannot unmarshal bool into Go struct field ObjectMeta.metadata.annotations of type string/,
    );
  });

  it('keys: boolean words are kept by kustomize and turned into "true"/"false" by kubectl', () => {
    const dir = kustomizeDir(object(STRING_KEYS.map((k, i) => `  k${i}:\n    ${k}: x\n`).join('')));
    const real = readings(dir);
    STRING_KEYS.forEach((k, i) => {
      const fluxKey = Object.keys(real.flux[`k${i}`] as object)[0];
      const kubectlKey = Object.keys(real.kubectl[`k${i}`] as object)[0];
      expect(fluxKey).toBe(k);
      const found = ambiguityOf(k, 'key');
      expect([k, found]).toEqual([k, kubectlKey === k ? undefined : { kind: 'boolean-word', role: 'key', text: k, kubectl: kubectlKey === 'true' }]);
    });
  });

  it.each(OTHER_KEYS)('key %s: the kustomize build fails, kubectl makes it a string', (k) => {
    const dir = kustomizeDir(object(`  m:\n    ${k}: x\n`));
    expect(() => kubectl(['kustomize', dir])).toThrow(/json: unsupported type/);
    expect(Object.keys(specOf(kubectl([...label, path.join(dir, 'object.yaml')])).m as object)).toHaveLength(1);
    expect(ambiguityOf(k, 'key')).toMatchObject({ kind: 'non-string-key', text: k });
  });
});
