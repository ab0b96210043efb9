/** --kubernetes-version and config kubernetesVersion take kubeconform's forms: x.y, x.y.z, vx.y.z and latest. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIO, withoutEntryPointNote } from './io.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-k8s-version-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// spec.hostnameOverride is new in Kubernetes 1.34's Pod: unknown to 1.33, known to the newest bundled minor.
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostnameOverride: db\n  containers: [{ name: a, image: b }]\n';
const unknownField = 'unknown field "hostnameOverride" in spec';

function repo(name: string, config?: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pod.yaml'), pod);
  if (config !== undefined) fs.writeFileSync(path.join(dir, '.gitops-lint.yaml'), config);
  return dir;
}

const schemaMessages = (out: string) =>
  (JSON.parse(out) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId.startsWith('schema-')).map((f) => f.message);

describe('Kubernetes version forms', () => {
  const plain = repo('plain');

  it.each([
    ['1.33', [unknownField]],
    ['1.33.0', [unknownField]],
    ['v1.33.4', [unknownField]],
    ['1.35.1', []],
    ['v1.35.0', []],
    ['latest', []],
  ])('--kubernetes-version %s picks its bundled minor without a note', async (version, expected) => {
    const io = captureIO({ cwd: tmp });
    expect(await run([plain, '-f', 'json', '--no-cache', '--kubernetes-version', version], io)).toBe(expected.length > 0 ? 1 : 0);
    expect(schemaMessages(io.out())).toEqual(expected);
    expect(withoutEntryPointNote(io.err())).toBe('');
  });

  it.each([
    ['"v1.33.2"', [unknownField]],
    ['latest', []],
  ])('config kubernetesVersion: %s', async (version, expected) => {
    const dir = repo(`config-${expected.length}`, `kubernetesVersion: ${version}\n`);
    const io = captureIO({ cwd: tmp });
    await run([dir, '-f', 'json', '--no-cache'], io);
    expect(schemaMessages(io.out())).toEqual(expected);
    expect(withoutEntryPointNote(io.err())).toBe('');
  });

  it.each([['1'], ['1.34.1.2'], ['v1'], ['newest'], ['1.34-rc.1'], ['V1.34']])('--kubernetes-version %s is a usage error', async (version) => {
    const io = captureIO({ cwd: tmp });
    expect(await run([plain, '--kubernetes-version', version], io)).toBe(2);
    expect(io.err()).toContain(`argument '${version}' is invalid. expected 1.34, 1.34.1, v1.34.1 or latest.`);
  });

  it('a config version in another form names the accepted forms', async () => {
    const dir = repo('bad-config', 'kubernetesVersion: newest\n');
    const io = captureIO({ cwd: tmp });
    expect(await run([dir], io)).toBe(2);
    expect(io.err()).toBe('gitops-lint: .gitops-lint.yaml: kubernetesVersion: must be a version string: 1.34, 1.34.1, v1.34.1 or latest\n');
  });
});
