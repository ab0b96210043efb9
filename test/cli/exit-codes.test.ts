/**
 * The CLI around a lint run: exit codes, --fail-on, --quiet, --max-warnings, --output, formats and colour.
 * lint() is replaced by a stub returning hand-made results, so these tests pin the CLI's own behaviour.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli.js';
import { ConfigError } from '../../src/config/errors.js';
import { InternalError } from '../../src/engine/errors.js';
import { builtinChecks } from '../../src/checks/index.js';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { finding, lintResult } from '../report/results.js';
import { captureIO as capture } from './io.js';

const stub = vi.hoisted(() => ({ result: undefined as LintResult | undefined, error: undefined as unknown }));
vi.mock('../../src/engine/lint.js', () => ({
  lint: vi.fn(async () => {
    if (stub.error !== undefined) throw stub.error;
    return stub.result;
  }),
}));

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-exit-')));
/** Runs from the stub's root unless a test says otherwise: paths for people are relative to the working directory. */
const captureIO = (overrides: Parameters<typeof capture>[0] = {}) => capture({ cwd: tmp, ...overrides });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const warning = finding({ file: 'apps/a.yaml', line: 3, ruleId: 'w-rule', severity: 'warning', message: 'a warning' });
const info = finding({ file: 'apps/a.yaml', line: 5, ruleId: 'i-rule', severity: 'info', message: 'an info' });
const error = finding({ file: 'apps/b.yaml', line: 1, ruleId: 'e-rule', severity: 'error', message: 'an error' });

function withFindings(...findings: typeof error[]): void {
  stub.result = lintResult(findings, { root: tmp });
}

beforeEach(() => {
  stub.error = undefined;
  withFindings();
  vi.mocked(lint).mockClear();
});

describe('cli: exit codes', () => {
  it.each([
    [[], 'error', 0],
    [[info, warning], 'error', 0],
    [[error], 'error', 1],
    [[warning], 'warning', 1],
    [[info], 'warning', 0],
    [[info], 'info', 1],
    [[error, warning, info], 'none', 0],
    // ESLint's spellings: warn, 2 (error), 1 (warning), 0 and off (nothing fails).
    [[warning], 'warn', 1],
    [[info], 'warn', 0],
    [[warning], '2', 0],
    [[error], '2', 1],
    [[warning], '1', 1],
    [[error, warning, info], '0', 0],
    [[error, warning, info], 'off', 0],
  ] as const)('findings %# with --fail-on %s -> %i', async (findings, failOn, code) => {
    withFindings(...findings);
    const io = captureIO();
    expect(await run([tmp, '--fail-on', failOn], io)).toBe(code);
    expect(io.err()).toBe('');
  });

  it.each([
    [[info], [], 0, '✔ No errors or warnings (1 info)'],
    [[info], ['--fail-on', 'warning'], 0, '✔ No errors or warnings (1 info)'],
    [[info], ['--fail-on', 'info'], 1, '✖ 1 problem (0 errors, 0 warnings, 1 info)'],
    [[error, info], [], 1, '✖ 2 problems (1 error, 0 warnings, 1 info)'],
  ] as const)('stylish summary agrees with the exit code: findings %# %j -> %i', async (findings, args, code, summary) => {
    withFindings(...findings);
    const io = captureIO();
    expect(await run([tmp, ...args], io)).toBe(code);
    expect(io.out().trimEnd().split('\n').at(-1)).toBe(summary);
  });

  it('defaults to failing on errors only', async () => {
    withFindings(warning);
    expect(await run([tmp], captureIO())).toBe(0);
    withFindings(error);
    expect(await run([tmp], captureIO())).toBe(1);
  });

  it('--max-warnings: exit 1 only when exceeded, even with --fail-on none', async () => {
    withFindings(warning, { ...warning, line: 9 });
    expect(await run([tmp, '--max-warnings', '2'], captureIO())).toBe(0);
    const io = captureIO();
    expect(await run([tmp, '--max-warnings', '1', '--fail-on', 'none'], io)).toBe(1);
    expect(io.err()).toBe('gitops-lint: too many warnings (2, maximum 1)\n');
  });

  it('config and internal errors exit 2 with their message', async () => {
    stub.error = new ConfigError('.gitops-lint.yaml', 'rules', 'unknown rule "nope"');
    let io = captureIO();
    expect(await run([tmp], io)).toBe(2);
    expect(io.err()).toBe('gitops-lint: .gitops-lint.yaml: rules: unknown rule "nope"\n');
    stub.error = new InternalError('some-rule', new TypeError('x is undefined'));
    io = captureIO();
    expect(await run([tmp], io)).toBe(2);
    expect(io.err()).toMatch(/^gitops-lint: internal error in rule 'some-rule': x is undefined .*\n$/);
    stub.error = new Error('boom');
    io = captureIO();
    expect(await run([tmp], io)).toBe(2);
    expect(io.err()).toBe('gitops-lint: internal error: boom\n');
  });

  it('passes the resolved root, config path, Kubernetes version and the built-in checks to lint()', async () => {
    await run(['.', '-c', 'custom.yaml', '--kubernetes-version', '1.30'], captureIO({ cwd: tmp }));
    expect(lint).toHaveBeenCalledWith(
      tmp,
      {
        configPath: path.join(tmp, 'custom.yaml'),
        kubernetesVersion: '1.30',
        schemaCacheDir: expect.stringMatching(/gitops-lint[/\\]validators$/),
      },
      builtinChecks,
    );
  });
});

describe('cli: report output', () => {
  it('prints stylish by default and another format with --format', async () => {
    withFindings(error);
    let io = captureIO();
    await run([tmp], io);
    expect(io.out()).toContain('apps/b.yaml:1:1  error  an error  e-rule\n');
    io = captureIO();
    await run([tmp, '-f', 'json'], io);
    expect(JSON.parse(io.out()).findings[0].ruleId).toBe('e-rule');
    io = captureIO();
    await run([tmp, '--format', 'github'], io);
    expect(io.out()).toBe('::error file=apps/b.yaml,line=1,col=1,endLine=1,endColumn=10,title=e-rule::an error\n');
  });

  it('--quiet shows errors only but warnings still decide the exit code', async () => {
    withFindings(error, warning);
    const io = captureIO();
    expect(await run([tmp, '--quiet', '-f', 'json'], io)).toBe(1);
    expect(JSON.parse(io.out()).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['e-rule']);
    withFindings(warning);
    const quiet = captureIO();
    expect(await run([tmp, '--quiet', '--fail-on', 'warning'], quiet)).toBe(1);
    expect(quiet.out()).toBe('✔ No problems found\n');
  });

  it('--output writes the report to a file (creating folders) and nothing to stdout', async () => {
    withFindings(error);
    const io = captureIO({ cwd: tmp, isTTY: true });
    expect(await run([tmp, '-o', 'reports/out.sarif', '-f', 'sarif'], io)).toBe(1);
    expect(io.out()).toBe('');
    const log = JSON.parse(fs.readFileSync(path.join(tmp, 'reports/out.sarif'), 'utf8'));
    expect(log.runs[0].results[0].ruleId).toBe('e-rule');
    // Written reports never carry colour, even from a terminal.
    await run([tmp, '-o', 'out.txt'], io);
    expect(fs.readFileSync(path.join(tmp, 'out.txt'), 'utf8')).not.toContain('\u001b[');
  });

  it('an unwritable --output path is an error with exit 2', async () => {
    fs.writeFileSync(path.join(tmp, 'blocker'), '');
    const io = captureIO({ cwd: tmp });
    expect(await run([tmp, '-o', 'blocker/report.json'], io)).toBe(2);
    expect(io.err()).toMatch(/^gitops-lint: cannot write report to .*blocker\/report\.json: /);
  });

  it('colours only on a terminal without NO_COLOR or --no-color', async () => {
    withFindings(error);
    const coloured = async (argv: string[], isTTY: boolean, env: Record<string, string> = {}) => {
      const io = captureIO({ isTTY, env });
      await run([tmp, ...argv], io);
      return io.out().includes('\u001b[');
    };
    expect(await coloured([], true)).toBe(true);
    expect(await coloured([], false)).toBe(false);
    expect(await coloured(['--no-color'], true)).toBe(false);
    expect(await coloured([], true, { NO_COLOR: '1' })).toBe(false);
  });

  it('reports paths from the working directory when the linted root is below it', async () => {
    withFindings(error);
    const io = captureIO({ cwd: path.dirname(tmp) });
    await run([tmp, '-f', 'github'], io);
    expect(io.out()).toContain(`file=${path.basename(tmp)}/apps/b.yaml,`);
  });

  it('--verbose adds skipped files and stats to stylish output', async () => {
    stub.result = lintResult([], { root: tmp, skipped: [{ path: 'chart/templates/x.yaml', reason: 'helm-template' }] });
    const io = captureIO();
    await run([tmp, '--verbose'], io);
    expect(io.out()).toContain('chart/templates/x.yaml  helm-template');
    expect(io.out()).toContain('Checked 10 files');
  });
});
