/** The CLI with the real engine, for everything that does not need a lint run. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from '../../src/cli.js';
import { loadBuiltinRules } from '../../src/config/rules.js';
import { captureIO } from './io.js';

const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('cli: help and version', () => {
  it('--help documents every option, its default and the exit codes', async () => {
    const io = captureIO();
    expect(await run(['--help'], io)).toBe(0);
    const help = io.out().replace(/\s+/g, ' '); // commander wraps to the terminal width
    for (const option of [
      '--format <name>', '--output <file>', '--fail-on <severity>', '--config <file>', '--no-color', '--verbose', '--quiet',
      '--max-warnings <n>', '--kubernetes-version <version>', '--print-config', '--list-rules', '--version', '--help',
      '--root <dir>', '--summary',
    ]) {
      expect(help).toContain(option);
    }
    expect(help).toContain('"stylish", "compact", "json", "sarif", "github", "markdown", "junit", "tap"');
    expect(help).toContain('default: "stylish")');
    expect(help).toContain('default: "error")');
    expect(help).toContain('(default: ".")');
    expect(help).toMatch(/Exit codes: 0 .* 1 .* 2 usage error/);
    expect(io.err()).toBe('');
  });

  it.each([['-v'], ['--version']])('%s prints the package version', async (flag) => {
    const io = captureIO();
    expect(await run([flag], io)).toBe(0);
    expect(io.out()).toBe(`${pkg.version}\n`);
  });
});

describe('cli: usage errors exit 2 with one line on stderr', () => {
  it.each([
    [['--bogus'], /^gitops-lint: unknown option '--bogus'/],
    [['--format', 'xml'], /^gitops-lint: option '-f, --format <name>' argument 'xml' is invalid/],
    [['--fail-on', 'fatal'], /^gitops-lint: option '--fail-on <severity>' argument 'fatal' is invalid\. expected one of error, warning, warn, info, off, 0, 1, 2, none\./],
    [['--fail-on', '3'], /^gitops-lint: option '--fail-on <severity>' argument '3' is invalid/],
    [['--max-warnings', 'many'], /^gitops-lint: option '--max-warnings <n>' argument 'many' is invalid\. expected a whole number/],
    [['--summary', '-f', 'json'], /^gitops-lint: --summary prints one line of counts instead of the findings \(stylish or compact format\), not json\n$/],
    [['--kubernetes-version', '1.3x'], /^gitops-lint: option '--kubernetes-version <version>' argument '1\.3x' is invalid\. expected 1\.34, 1\.34\.1, v1\.34\.1 or latest/],
  ])('%j', async (argv, message) => {
    const io = captureIO();
    expect(await run(argv, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });

  it('a path that does not exist', async () => {
    const io = captureIO();
    const missing = path.join(tmp, 'missing');
    expect(await run([missing], io)).toBe(2);
    expect(io.err()).toBe(`gitops-lint: path not found: ${missing}\n`);
  });

  it('a config file that does not exist, with a stack trace only under DEBUG=gitops-lint', async () => {
    const quiet = captureIO();
    expect(await run([tmp, '--print-config', '-c', path.join(tmp, 'nope.yaml')], quiet)).toBe(2);
    expect(quiet.err()).toMatch(/^gitops-lint: .*nope\.yaml: config file not found\n$/);
    const debug = captureIO({ env: { DEBUG: 'gitops-lint' } });
    expect(await run([tmp, '--print-config', '-c', path.join(tmp, 'nope.yaml')], debug)).toBe(2);
    expect(debug.err()).toMatch(/config file not found\n.*ConfigError[\s\S]*\n\s+at /);
  });
});

describe('cli: --print-config and --list-rules', () => {
  it('prints the effective config as YAML, with --kubernetes-version applied', async () => {
    const repo = fs.mkdtempSync(path.join(tmp, 'repo-'));
    fs.writeFileSync(path.join(repo, '.gitops-lint.yaml'), 'ignore: ["vendor/**"]\n');
    const io = captureIO();
    expect(await run([repo, '--print-config', '--kubernetes-version', '1.31'], io)).toBe(0);
    const printed = parseYaml(io.out());
    expect(printed.ignore).toEqual(['vendor/**']);
    expect(printed.kubernetesVersion).toBe('1.31');
    expect(printed.extends).toBe('recommended');
    expect(io.out().split('\n')[0]).toContain('.gitops-lint.yaml');
  });

  it('lists every built-in rule with its effective severity', async () => {
    const builtins = loadBuiltinRules();
    const repo = fs.mkdtempSync(path.join(tmp, 'repo-'));
    expect(builtins.length).toBeGreaterThan(0);
    const first = builtins[0]!;
    fs.writeFileSync(path.join(repo, '.gitops-lint.yaml'), `rules:\n  ${first.id}: off\n`);
    const io = captureIO();
    expect(await run([repo, '--list-rules'], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n').filter(Boolean);
    expect(lines).toHaveLength(builtins.length);
    for (const rule of builtins) expect(io.out()).toContain(rule.id);
    expect(lines.find((l) => l.startsWith(`${first.id} `))).toMatch(/\s+off\s+/);
  });

  it('--list-rules --format json gives each rule as data: id, severity, description, recommended, docs', async () => {
    const builtins = loadBuiltinRules();
    const [first, second] = builtins;
    const repo = fs.mkdtempSync(path.join(tmp, 'repo-'));
    fs.writeFileSync(
      path.join(repo, '.gitops-lint.yaml'),
      `rules:\n  ${first!.id}: 0\n  ${second!.id}: warn\n` +
        'customRules:\n  - { id: team-label, severity: info, description: Objects carry a team label, remediation: add one, check: object-field, docs: "https://example.com/team", params: { path: metadata.labels.team, required: true } }\n' +
        '  - { id: no-latest, severity: 2, recommended: false, description: No latest tag, remediation: pin, check: object-field, params: { path: spec.image, pattern: "^.*:latest$" } }\n',
    );
    const io = captureIO();
    expect(await run([repo, '--list-rules', '--format', 'json'], io)).toBe(0);
    const listed = JSON.parse(io.out()) as { id: string; severity: string; description: string; recommended: boolean; docs: string }[];
    expect(listed.map((r) => r.id)).toEqual([...builtins.map((r) => r.id), 'no-latest', 'team-label'].sort());
    const byId = new Map(listed.map((r) => [r.id, r]));
    expect(byId.get(first!.id)).toMatchObject({ severity: 'off', description: first!.description });
    expect(byId.get(second!.id)?.severity).toBe('warning');
    expect(byId.get('no-latest')).toEqual({ id: 'no-latest', severity: 'error', description: 'No latest tag', recommended: false, docs: '' });
    expect(byId.get('team-label')).toEqual({
      id: 'team-label', severity: 'info', description: 'Objects carry a team label', recommended: true, docs: 'https://example.com/team',
    });
    for (const rule of builtins) {
      const docs = byId.get(rule.id)!.docs;
      expect(byId.get(rule.id)!.recommended).toBe(rule.recommended !== false);
      expect(docs).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(fs.existsSync(new URL(`../../docs/rules/${rule.id}.md`, import.meta.url)), docs).toBe(true);
    }
    expect(io.err()).toBe('');
  });

  it.each([['sarif'], ['github']])('--list-rules --format %s is a usage error', async (format) => {
    const io = captureIO();
    expect(await run([tmp, '--list-rules', '--format', format], io)).toBe(2);
    expect(io.err()).toBe(`gitops-lint: --list-rules prints stylish (text) or json, not ${format}\n`);
    expect(io.out()).toBe('');
  });
});
