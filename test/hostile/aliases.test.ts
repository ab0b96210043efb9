/**
 * "Billion laughs": nine levels of aliases, each listing the previous one nine times, expand to 9^9 strings but share
 * objects in memory. Every walker of values (schema null stripping, post-build substitution, CEL values) must visit
 * shared objects once, or a 20-line file hangs the linter. The loader is wrapped so that every parsed value is a
 * proxy counting reads of list items: the count proves the walks linear, with no clock involved (speed: npm run bench).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/index.js';
import { kustomization } from '../rules/flux-fixtures.js';

const counter = vi.hoisted(() => {
  /**
   * The two aliased values (ConfigMap data and HelmRelease values) hold 2 x 9 distinct lists of 9 items: a walk that
   * visits each shared list once reads 162 items, a walk that expands them reads 9^9 = 387,420,489. Today's walks
   * (classification, substitution, schema, CEL, ...) read 810; the limit allows 10 linear walks and stops an
   * exponential one at once instead of letting it run for hours.
   */
  const state = { itemReads: 0, limit: 162 * 10 };
  const proxies = new WeakMap<object, object>();
  /** `value` behind proxies (one per object, so shared objects stay shared) that count reads of list items. */
  const counted = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    let proxy = proxies.get(value);
    if (!proxy) {
      proxy = new Proxy(value, {
        get(target, key, receiver) {
          if (Array.isArray(target) && typeof key === 'string' && /^\d+$/.test(key) && ++state.itemReads > state.limit) {
            throw new Error(`more than ${state.limit} reads of aliased list items: a walker expands shared values`);
          }
          return counted(Reflect.get(target, key, receiver));
        },
      });
      proxies.set(value, proxy);
    }
    return proxy;
  };
  return { state, counted };
});

vi.mock('../../src/load/index.js', async (importOriginal) => {
  const load = await importOriginal<typeof import('../../src/load/index.js')>();
  const loadRepo: typeof load.loadRepo = async (...args) => {
    const repo = await load.loadRepo(...args);
    for (const file of repo.files) for (const doc of file.documents) doc.value = counter.counted(doc.value);
    return repo;
  };
  return { ...load, loadRepo };
});

const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);

const files: Record<string, string> = {
  'clusters/prod/apps.yaml': kustomization('apps', './apps', ['postBuild:', '  substitute:', '    cluster: prod']),
  'apps/laughs.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: lol
data:
${laughs.map((l) => `  ${l}`).join('\n')}
`,
  // An alias to its own ancestor makes the value cyclic.
  'apps/cycle.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: cycle
data:
  loop: &loop
    again: *loop
`,
  'apps/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: lol
  namespace: flux-system
spec:
  interval: 10m
  chartRef:
    kind: OCIRepository
    name: lol
  values:
${laughs.map((l) => `    ${l}`).join('\n')}
`,
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-laughs-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
for (const [file, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

describe('aliases that expand exponentially', () => {
  beforeEach(() => {
    counter.state.itemReads = 0;
  });

  it('are linted visiting each shared list once per walk, with the schema errors reported once per key', async () => {
    const result = await lint(root);
    // The values were read through the proxies (else the limit proves nothing), and never more than the limit.
    expect(counter.state.itemReads).toBeGreaterThanOrEqual(162);
    expect(counter.state.itemReads).toBeLessThanOrEqual(counter.state.limit);
    const typeErrors = result.findings.filter((f) => f.ruleId === 'schema-validation' && f.file === 'apps/laughs.yaml');
    expect(typeErrors.map((f) => f.message)).toContain('data.i must be string, got array');
    expect(typeErrors).toHaveLength(9);
  });

  it('a cyclic value (an alias to its own ancestor) is reported, not followed forever', async () => {
    const result = await lint(root);
    expect(result.findings.filter((f) => f.file === 'apps/cycle.yaml').map((f) => `${f.line} ${f.ruleId} ${f.message}`)).toEqual([
      '6 schema-validation data.loop must be string, got object',
    ]);
  });
});
