/** --flux-version: the Flux release the deprecation rules judge against, over config fluxVersion. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIO } from './io.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-flux-version-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const helmRelease =
  'apiVersion: helm.toolkit.fluxcd.io/v2beta2\nkind: HelmRelease\nmetadata:\n  name: p\n  namespace: default\nspec:\n  interval: 5m\n  chart:\n    spec:\n      chart: p\n      sourceRef: { kind: HelmRepository, name: p }\n';

function repo(config?: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'repo-'));
  fs.writeFileSync(path.join(dir, 'hr.yaml'), helmRelease);
  if (config !== undefined) fs.writeFileSync(path.join(dir, '.gitops-lint.yaml'), config);
  return dir;
}

const deprecations = (out: string) =>
  (JSON.parse(out) as { findings: { ruleId: string; severity: string }[] }).findings.filter((f) => f.ruleId === 'api-deprecated').map((f) => f.severity);

describe('--flux-version', () => {
  it.each([
    ['2.7', 0, ['warning']],
    ['v2.7.5', 0, ['warning']],
    ['microsoft.flux@1.24.1', 0, ['warning']],
    ['2.8', 1, ['error']],
    ['latest', 1, ['error']],
  ])('%s', async (version, code, severities) => {
    const io = captureIO({ cwd: tmp });
    expect(await run([repo(), '-f', 'json', '--no-cache', '--flux-version', version], io)).toBe(code);
    expect(deprecations(io.out())).toEqual(severities);
  });

  it('wins over the config file', async () => {
    const io = captureIO({ cwd: tmp });
    expect(await run([repo('fluxVersion: "2.8"\n'), '-f', 'json', '--no-cache', '--flux-version', '2.7'], io)).toBe(0);
    expect(deprecations(io.out())).toEqual(['warning']);
  });

  it('rejects what is not a Flux version, saying what is', async () => {
    const io = captureIO({ cwd: tmp });
    expect(await run([repo(), '--flux-version', 'microsoft.flux@0.0.1'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown microsoft.flux extension version 0.0.1 \(known: 1.24.1/);
  });
});
