import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaStore } from '../../src/schema/index.js';

const deploy = { apiVersion: 'apps/v1', kind: 'Deployment' };
const broken = { ...deploy, metadata: { name: 'web' }, spec: { replicas: '3', template: { spec: { containers: [{ name: 'a', imagePullPolice: 'x' }] } } } };

describe('disk cache of compiled validators', () => {
  it('writes a validator on first use and reuses it in a new store with the same results', () => {
    const cacheDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-cache-')), 'validators');
    const uncached = new SchemaStore().validate(broken, deploy);
    expect(uncached?.length).toBeGreaterThan(2);

    const first = new SchemaStore({ cacheDir });
    expect(first.validate(broken, deploy)).toEqual(uncached);
    const entries = fs.readdirSync(cacheDir);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^[0-9a-f]{64}\.cjs$/);

    // Mark the entry: a second store must load it instead of compiling (and writing) again.
    const entry = path.join(cacheDir, entries[0]!);
    fs.writeFileSync(entry, `${fs.readFileSync(entry, 'utf8')}\nmodule.exports.fromCache = true;`);
    const second = new SchemaStore({ cacheDir });
    const location = second.locate('apps/v1', 'Deployment')!;
    expect((second.compile(location) as unknown as { fromCache?: boolean }).fromCache).toBe(true);
    expect(second.validate(broken, deploy)).toEqual(uncached);

    // Read once per process: a third store (the second lint of a pre-push hook) has it without the file.
    fs.rmSync(entry);
    const third = new SchemaStore({ cacheDir });
    expect((third.compile(location) as unknown as { fromCache?: boolean }).fromCache).toBe(true);
    expect(third.validate(broken, deploy)).toEqual(uncached);
  });

  it('keys entries by Kubernetes version and falls back to compiling when an entry is corrupt', () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-cache-'));
    new SchemaStore({ cacheDir }).validate(broken, { ...deploy, kubernetesVersion: '1.34' });
    new SchemaStore({ cacheDir }).validate(broken, { ...deploy, kubernetesVersion: '1.35' });
    const entries = fs.readdirSync(cacheDir);
    expect(entries).toHaveLength(2);
    for (const entry of entries) fs.writeFileSync(path.join(cacheDir, entry), 'this is not javascript {');
    const errors = new SchemaStore({ cacheDir }).validate(broken, { ...deploy, kubernetesVersion: '1.35' });
    expect(errors?.map((e) => e.keyword)).toContain('additionalProperties');
  });

  it('keeps working when the cache folder cannot be written', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-cache-'));
    const blocker = path.join(parent, 'file');
    fs.writeFileSync(blocker, 'not a folder');
    const errors = new SchemaStore({ cacheDir: path.join(blocker, 'validators') }).validate(broken, deploy);
    expect(errors?.map((e) => e.path.join('.'))).toContain('spec.replicas');
  });
});
