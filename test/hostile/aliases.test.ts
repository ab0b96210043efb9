/**
 * "Billion laughs": nine levels of aliases, each listing the previous one nine times, expand to 9^9 strings but share
 * objects in memory. Every walker of values (schema null stripping, post-build substitution, CEL values) must visit
 * shared objects once, or a 20-line file hangs the linter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { kustomization } from '../rules/flux-fixtures.js';

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
  it('are linted in linear time, with the schema errors reported once per key', async () => {
    const started = Date.now();
    const result = await lint(root);
    expect(Date.now() - started).toBeLessThan(15_000);
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
