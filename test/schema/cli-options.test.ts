/** Schema options end to end through the CLI: --schema-location, --kubernetes-version, the validator cache and --no-cache. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { lint } from '../../src/index.js';
import { captureIO, withoutEntryPointNote } from '../cli/io.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-schema-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function repo(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostnameOverride: db\n  containers: [{ name: a, image: b }]\n';
const gadget = 'apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  port: "80"\n';
const schemaIds = (out: string) => (JSON.parse(out) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId.startsWith('schema-'));

describe('schema options on the command line', () => {
  const podRepo = repo('pod', { 'pod.yaml': pod });
  const gadgetRepo = repo('gadget', { 'g.yaml': gadget });
  fs.mkdirSync(path.join(tmp, 'schemas', 'acme.io'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'schemas', 'acme.io', 'gadget_v1.json'), JSON.stringify({ properties: { spec: { properties: { port: { type: 'integer' } } } } }));

  it('--kubernetes-version reaches the schema check', async () => {
    const old = captureIO({ cwd: tmp });
    expect(await run([podRepo, '-f', 'json', '--no-cache', '--kubernetes-version', '1.33'], old)).toBe(1);
    expect(schemaIds(old.out()).map((f) => f.message)).toEqual(['unknown field "hostnameOverride" in spec']);
    const current = captureIO({ cwd: tmp });
    expect(await run([podRepo, '-f', 'json', '--no-cache', '--kubernetes-version', '1.35'], current)).toBe(0);
    expect(schemaIds(current.out())).toEqual([]);
  });

  it('a Kubernetes version that is not bundled is validated against the nearest bundled minor, with a note on stderr', async () => {
    const io = captureIO({ cwd: tmp });
    expect(await run([podRepo, '-f', 'json', '--no-cache', '--kubernetes-version', '1.29'], io)).toBe(1);
    expect(withoutEntryPointNote(io.err())).toBe('gitops-lint: note: Kubernetes 1.29 schemas are not bundled; built-in kinds are validated against 1.30 (bundled: 1.30, 1.31, 1.32, 1.33, 1.34, 1.35)\n');
    expect(schemaIds(io.out()).map((f) => f.message)).toEqual(['unknown field "hostnameOverride" in spec']);
    const bundled = captureIO({ cwd: tmp });
    await run([podRepo, '-f', 'json', '--no-cache', '--kubernetes-version', '1.34'], bundled);
    expect(withoutEntryPointNote(bundled.err())).toBe('');
  });

  it('--schema-location (repeatable, relative to the current directory) brings a schema for a kind', async () => {
    const without = captureIO({ cwd: tmp });
    expect(await run([gadgetRepo, '-f', 'json', '--no-cache'], without)).toBe(0);
    expect(schemaIds(without.out()).map((f) => f.ruleId)).toEqual(['schema-missing']);
    const io = captureIO({ cwd: tmp });
    expect(await run([gadgetRepo, '-f', 'json', '--no-cache', '--schema-location', 'nowhere-else', '--schema-location', 'schemas'], io)).toBe(2);
    expect(io.err()).toMatch(/schema location is not a folder: .*nowhere-else/);
    const ok = captureIO({ cwd: tmp });
    expect(await run([gadgetRepo, '-f', 'json', '--no-cache', '--schema-location', 'schemas'], ok)).toBe(1);
    expect(schemaIds(ok.out()).map((f) => f.message)).toEqual(['spec.port must be integer, got string "80"']);
  });

  it('refuses URLs: offline only', async () => {
    const io = captureIO({ cwd: tmp });
    expect(await run([gadgetRepo, '--schema-location', 'https://raw.githubusercontent.com/datreeio/CRDs-catalog/main'], io)).toBe(2);
    expect(io.err()).toMatch(/--schema-location https:.*never downloaded.*local folder/);
    await expect(lint(gadgetRepo, { config: { schemaLocations: ['http://example.com/schemas'] } })).rejects.toThrow(/schemaLocations\[0\].*local folder/);
  });

  it('caches compiled validators under $XDG_CACHE_HOME unless --no-cache, and survives an unwritable cache', async () => {
    const cacheHome = path.join(tmp, 'cache-home');
    const io = captureIO({ cwd: tmp, env: { XDG_CACHE_HOME: cacheHome } });
    expect(await run([podRepo, '-f', 'json', '--kubernetes-version', '1.33'], io)).toBe(1);
    const entries = fs.readdirSync(path.join(cacheHome, 'gitops-lint', 'validators'));
    expect(entries.length).toBeGreaterThan(0);
    const again = captureIO({ cwd: tmp, env: { XDG_CACHE_HOME: cacheHome } });
    expect(await run([podRepo, '-f', 'json', '--kubernetes-version', '1.33'], again)).toBe(1);
    expect(schemaIds(again.out())).toEqual(schemaIds(io.out()));

    const noCacheHome = path.join(tmp, 'no-cache-home');
    expect(await run([podRepo, '--no-cache'], captureIO({ cwd: tmp, env: { XDG_CACHE_HOME: noCacheHome } }))).toBe(0);
    expect(fs.existsSync(noCacheHome)).toBe(false);

    const blocker = path.join(tmp, 'blocker');
    fs.writeFileSync(blocker, 'a file where the cache folder would be');
    const blocked = captureIO({ cwd: tmp, env: { XDG_CACHE_HOME: blocker } });
    expect(await run([podRepo, '-f', 'json', '--kubernetes-version', '1.33'], blocked)).toBe(1);
    expect(schemaIds(blocked.out())).toEqual(schemaIds(io.out()));
  });
});

describe('schema work only where there are Kubernetes objects', () => {
  it('compiles nothing for a repo without objects, and only the kinds in use otherwise', async () => {
    const cacheDir = path.join(tmp, 'kinds-cache');
    const plain = repo('plain', { 'values.yaml': 'replicas: "3"\n', 'kustomization.yaml': 'resources: []\n', '.github/workflows/ci.yaml': 'on: push\n' });
    // Compiled validators only (the folder also remembers the rule params found valid: schema/valid-settings.ts).
    const validators = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.endsWith('.cjs')) : []);
    await lint(plain, { schemaCacheDir: cacheDir });
    expect(validators()).toEqual([]);
    const two = repo('two-kinds', { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n', 'b.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: n }\n' });
    await lint(two, { schemaCacheDir: cacheDir });
    expect(validators()).toHaveLength(2);
  });
});
