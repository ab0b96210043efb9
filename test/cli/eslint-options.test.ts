/** ESLint's and kubeconform's command line habits: --rule, --skip, --report-unused-disable-directives, --print-config. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from '../../src/cli.js';
import { loadBuiltinRules } from '../../src/config/rules.js';
import { captureIO } from './io.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-eslint-options-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'repo-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Each object has a duplicate key (yaml-duplicate-key, error): one finding per file. */
const object = (apiVersion: string, kind: string, name: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  name: ${name}\n`;
const objects = repo({
  'secret.yaml': object('v1', 'Secret', 's'),
  'deploy.yaml': object('apps/v1', 'Deployment', 'd'),
  'cm.yaml': object('v1', 'ConfigMap', 'c'),
  '.gitops-lint.yaml': 'extends: none\nrules:\n  yaml-duplicate-key: error\n',
});

async function lintJson(dir: string, args: string[]): Promise<{ code: number; findings: { file: string; ruleId: string; severity: string }[]; err: string }> {
  const io = captureIO({ cwd: tmp });
  const code = await run([dir, '-f', 'json', '--no-cache', ...args], io);
  return { code, findings: code === 2 ? [] : JSON.parse(io.out()).findings, err: io.err() };
}

describe('--rule', () => {
  it.each<[string, string[], string[]]>([
    ['no --rule: the config', [], ['cm.yaml error', 'deploy.yaml error', 'secret.yaml error']],
    ['a severity', ['--rule', 'yaml-duplicate-key: warn'], ['cm.yaml warning', 'deploy.yaml warning', 'secret.yaml warning']],
    ['a number', ['--rule', 'yaml-duplicate-key: 0'], []],
    ['braces and an array', ['--rule', '{yaml-duplicate-key: [info]}'], ['cm.yaml info', 'deploy.yaml info', 'secret.yaml info']],
    ['no space after the colon, as levn takes it', ['--rule', 'yaml-duplicate-key:warn'], ['cm.yaml warning', 'deploy.yaml warning', 'secret.yaml warning']],
    ['no spaces in an array with params', ['--rule', '{yaml-duplicate-key:[info,{}]}'], ['cm.yaml info', 'deploy.yaml info', 'secret.yaml info']],
    ['the last one wins', ['--rule', 'yaml-duplicate-key: off', '--rule', 'yaml-duplicate-key: 1'], ['cm.yaml warning', 'deploy.yaml warning', 'secret.yaml warning']],
  ])('%s', async (_name, args, expected) => {
    const { findings } = await lintJson(objects, args);
    expect(findings.map((f) => `${f.file} ${f.severity}`)).toEqual(expected);
  });

  it('several rules in one value, with params', async () => {
    const io = captureIO({ cwd: tmp });
    expect(await run([objects, '--print-config', '--rule', 'orphan-manifest: [warn, {ignoreApiGroups: [x.io]}], yaml-syntax: off'], io)).toBe(0);
    const rules = parseYaml(io.out()).rules;
    expect(rules['orphan-manifest']).toEqual({ severity: 'warning', params: { ignoreApiGroups: ['x.io'] } });
    expect(rules['yaml-syntax']).toBe('off');
  });

  it.each([
    [['--rule', 'yaml-duplicat-key: warn'], "gitops-lint: --rule: rules.yaml-duplicat-key: unknown rule id (did you mean 'yaml-duplicate-key'?)\n"],
    [['--rule', 'yaml-duplicate-key: fatal'], /^gitops-lint: --rule: rules\.yaml-duplicate-key: must be one of error, warning/],
    [['--rule', 'orphan-manifest: [warn, {typo: 1}]'], /^gitops-lint: --rule: rules\.orphan-manifest\.params: typo: unknown key/],
    [['--rule', ''], /argument '' is invalid\. expected 'rule-id: severity' or 'rule-id: \[severity, \{param: value\}\]'/],
    [['--rule', '[a, b]'], /^gitops-lint: --rule: rules\.\[ a, b \]: unknown rule id/],
  ])('%j is a usage error', async (args, message) => {
    const { code, err } = await lintJson(objects, args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('--skip', () => {
  it.each<[string, string[], string[]]>([
    ['a kind', ['--skip', 'Secret'], ['cm.yaml', 'deploy.yaml']],
    ['kinds, comma-separated', ['--skip', 'Secret,ConfigMap'], ['deploy.yaml']],
    ['repeated', ['--skip', 'Secret', '--skip', 'Deployment'], ['cm.yaml']],
    ['<apiVersion>/<Kind>', ['--skip', 'apps/v1/Deployment,v1/Secret'], ['cm.yaml']],
    ['another apiVersion does not match', ['--skip', 'apps/v1beta1/Deployment'], ['cm.yaml', 'deploy.yaml', 'secret.yaml']],
    ['kinds are case-sensitive, as in the API', ['--skip', 'secret'], ['cm.yaml', 'deploy.yaml', 'secret.yaml']],
  ])('%s', async (_name, args, expected) => {
    const { findings } = await lintJson(objects, args);
    expect(findings.map((f) => f.file)).toEqual(expected);
  });

  it.each([[','], ['apps/v1/'], ['Secret;rm']])('%j is a usage error', async (value) => {
    const { code, err } = await lintJson(objects, ['--skip', value]);
    expect(code).toBe(2);
    expect(err).toMatch(/--skip <kinds>' argument .* is invalid\. expected kinds or <apiVersion>\/<Kind>/);
  });
});

describe('--report-unused-disable-directives', () => {
  const dir = repo({
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c # gitops-lint-disable-line yaml-duplicate-key -- old\n',
    '.gitops-lint.yaml': 'extends: none\nrules:\n  yaml-duplicate-key: error\n',
  });

  it.each<[string, string[], string[], number]>([
    ['off unless turned on (the config says extends: none)', [], [], 0],
    ['the flag reports them as errors', ['--report-unused-disable-directives'], ['suppression-unused error'], 1],
    ['--rule sets their severity', ['--report-unused-disable-directives', '--rule', 'suppression-unused: warn'], ['suppression-unused warning'], 0],
  ])('%s', async (_name, args, expected, exit) => {
    const { code, findings } = await lintJson(dir, args);
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(expected);
    expect(code).toBe(exit);
  });
});

describe('--print-config', () => {
  it('lists every rule with its severity (off included) and params, and the versions in use', async () => {
    const builtins = loadBuiltinRules();
    const plain = builtins.find((r) => !r.params || Object.keys(r.params).length === 0)!;
    const withParams = builtins.find((r) => r.id !== 'orphan-manifest' && r.params && Object.keys(r.params).length > 0)!;
    const dir = repo({ '.gitops-lint.yaml': `rules:\n  ${plain.id}: warn\n  ${withParams.id}: 2\n  orphan-manifest: off\nfluxVersion: "2.6"\n` });
    const io = captureIO({ cwd: tmp });
    expect(await run([dir, '--print-config', '--kubernetes-version', 'v1.31.4'], io)).toBe(0);
    const printed = parseYaml(io.out());
    expect(Object.keys(printed.rules).sort()).toEqual(builtins.map((r) => r.id).sort());
    expect(printed.rules[plain.id]).toBe('warning');
    expect(printed.rules['orphan-manifest']).toBe('off');
    expect(printed.rules[withParams.id]).toEqual({ severity: 'error', params: withParams.params });
    expect(printed.kubernetesVersion).toBe('v1.31.4');
    expect(printed.fluxVersion).toBe('2.6');
    expect(io.out()).toMatch(/^# Kubernetes schemas in use: 1\.31 \(requested: v1\.31\.4; bundled: 1\.30, 1\.31, 1\.32, 1\.33, 1\.34, 1\.35\)$/m);
    expect(io.out()).toMatch(/^# Flux version: 2\.6$/m);
  });

  it('without a requested version: the newest bundled minor', async () => {
    const io = captureIO({ cwd: tmp });
    expect(await run([repo({}), '--print-config'], io)).toBe(0);
    expect(parseYaml(io.out()).kubernetesVersion).toBe('1.35');
    expect(io.out()).toMatch(/^# Flux version: not set/m);
  });
});
