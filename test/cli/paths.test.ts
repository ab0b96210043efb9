/**
 * File and directory arguments, root discovery, the exit for a run with nothing to lint, and the note for objects
 * without a Flux entry point: the CLI in-process with the real engine, on repos in temp dirs and on the example.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { findRoot } from '../../src/cli/targets.js';
import { captureIO } from './io.js';

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-paths-')));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function repo(name: string, files: Record<string, string>, dirs: string[] = []): string {
  const root = path.join(tmp, name);
  for (const dir of dirs) fs.mkdirSync(path.join(root, dir), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const duplicateKey = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  name: ${name}-again\n`;

/** A git repository with findings in three files (no Flux: file-level rules only) and folders without YAML. */
const root = repo(
  'repo',
  {
    '.gitops-lint.yaml': 'rules:\n  yaml-duplicate-key: warning\n',
    'apps/a.yaml': 'a: [\n',
    'apps/b.yaml': duplicateKey('b'),
    'infra/c.yaml': duplicateKey('c'),
    'notes/README.md': '# notes\n',
  },
  ['.git', 'empty'],
);
const outside = repo('outside', { 'd.yaml': duplicateKey('d') });

interface Report {
  findings: { file: string; ruleId: string; severity: string }[];
}

async function lintJson(args: string[], cwd: string): Promise<{ code: number; files: string[]; report: Report; err: string }> {
  const io = captureIO({ cwd });
  const code = await run([...args, '-f', 'json'], io);
  const report = (code === 2 ? { findings: [] } : JSON.parse(io.out())) as Report;
  return { code, files: [...new Set(report.findings.map((f) => f.file))], report, err: io.err() };
}

describe('file and directory arguments (from the repository root)', () => {
  it.each([
    ['no path: the working directory', [], ['apps/a.yaml', 'apps/b.yaml', 'infra/c.yaml']],
    ['.', ['.'], ['apps/a.yaml', 'apps/b.yaml', 'infra/c.yaml']],
    ['one file', ['apps/b.yaml'], ['apps/b.yaml']],
    ['several files', ['apps/a.yaml', 'infra/c.yaml'], ['apps/a.yaml', 'infra/c.yaml']],
    ['a directory', ['apps'], ['apps/a.yaml', 'apps/b.yaml']],
    ['a directory with a trailing slash and a file in it', ['apps/', 'apps/b.yaml'], ['apps/a.yaml', 'apps/b.yaml']],
    ['an absolute file path', [path.join(root, 'infra/c.yaml')], ['infra/c.yaml']],
    ['a YAML file and a file that is not YAML', ['apps/b.yaml', 'notes/README.md'], ['apps/b.yaml']],
  ])('%s: %j reports %j', async (_name, args, files) => {
    const { code, files: reported } = await lintJson(args, root);
    expect(reported).toEqual(files);
    expect(code).toBe(files.includes('apps/a.yaml') ? 1 : 0); // the syntax error is the only error
  });

  it('reads the whole repository whatever the paths: the config at the root applies to a file argument', async () => {
    const { report } = await lintJson(['infra/c.yaml'], root);
    expect(report.findings).toEqual([expect.objectContaining({ file: 'infra/c.yaml', ruleId: 'yaml-duplicate-key', severity: 'warning' })]);
  });

  it('a folder .gitignore leaves out says so, and how to lint it on its own; --root does', async () => {
    const ignoring = repo('ignoring', { '.gitignore': 'build/\n', 'app.yaml': duplicateKey('a'), 'build/out/x.yaml': duplicateKey('x') }, ['.git']);
    const io = captureIO({ cwd: ignoring });
    expect(await run(['build/out'], io)).toBe(2);
    expect(io.err()).toContain(`no YAML files found under build/out (.gitignore leaves it out of the repository at ${ignoring}; to lint it as a repository of its own: --root build/out)`);
    const own = captureIO({ cwd: ignoring });
    expect(await run(['build/out', '--root', 'build/out', '--format', 'json'], own)).toBe(1);
    expect(JSON.parse(own.out()).findings).toEqual([expect.objectContaining({ file: 'x.yaml', ruleId: 'yaml-duplicate-key' })]);
  });

  it('--no-error-on-unmatched-pattern: paths that select no YAML file report nothing and exit 0 (what pre-commit passes)', async () => {
    for (const args of [['notes/README.md'], ['empty'], ['notes/README.md', 'empty']]) {
      const io = captureIO({ cwd: root });
      expect(await run([...args, '--no-error-on-unmatched-pattern', '--format', 'json'], io), args.join(' ')).toBe(0);
      expect(JSON.parse(io.out()).findings).toEqual([]);
    }
    const io = captureIO({ cwd: root });
    expect(await run(['notes/README.md', 'apps/a.yaml', '--no-error-on-unmatched-pattern', '--format', 'json'], io)).toBe(1);
    expect(new Set(JSON.parse(io.out()).findings.map((f: { file: string }) => f.file))).toEqual(new Set(['apps/a.yaml']));
  });

  it.each([
    ['a file outside the root', ['.', path.join(outside, 'd.yaml')], [], `${path.join(outside, 'd.yaml')} is outside the repository root ${root} found from .`],
    ['a second path outside the root', ['apps', '../outside'], [], `../outside is outside the repository root ${root} found from apps (nearest .gitops-lint.yaml or .gitops-lint.yml or .git)`],
    ['a path that does not exist', ['apps/missing.yaml'], [], `path not found: apps/missing.yaml (${path.join(root, 'apps/missing.yaml')})`],
    ['a directory without YAML', ['empty'], [], 'no YAML files found under empty'],
    ['a directory without YAML next to one with', ['apps', 'notes'], [], 'no YAML files found under notes'],
    ['only files that are not YAML', ['notes/README.md'], [], 'no YAML files to lint in notes/README.md (not YAML, or ignored)'],
  ])('%s is a usage error (exit 2): %j', async (_name, args, extra, message) => {
    const io = captureIO({ cwd: root });
    expect(await run([...args, ...extra], io)).toBe(2);
    expect(io.err()).toContain(`gitops-lint: ${message}`);
    expect(io.out()).toBe('');
  });

  it.each([
    ['an empty repository', repo('empty-repo', {}, ['.git'])],
    ['a repository with no YAML at all', repo('docs-only', { 'README.md': '# hi\n', 'main.tf': 'x = 1\n' })],
  ])('%s exits 2 and says there is nothing to lint', async (_name, dir) => {
    const io = captureIO({ cwd: dir });
    expect(await run([], io)).toBe(2);
    expect(io.err()).toBe(`gitops-lint: no YAML files found in ${dir}\n`);
    expect(io.out()).toBe('');
  });
});

describe('root discovery', () => {
  it.each([
    ['the .git folder above', path.join(root, 'apps'), root],
    ['the folder itself', root, root],
    ['a .gitops-lint.yaml below the .git folder', repo('mono/deploy', { '.gitops-lint.yaml': 'rules: {}\n', 'x/a.yaml': 'a: 1\n' }, ['../.git']), path.join(tmp, 'mono/deploy')],
    ['nothing: no marker up to /', outside, undefined],
  ])('%s', (_name, start, expected) => {
    expect(findRoot(start)).toBe(expected);
  });

  it('from a subdirectory with no path: the root config applies and findings are those of the subdirectory, cwd-relative', async () => {
    const fromSub = await lintJson([], path.join(root, 'apps'));
    expect(fromSub.files).toEqual(['apps/a.yaml', 'apps/b.yaml']); // JSON stays repo-relative
    expect(fromSub.report.findings.find((f) => f.file === 'apps/b.yaml')?.severity).toBe('warning');
    const io = captureIO({ cwd: path.join(root, 'apps') });
    await run(['-f', 'compact'], io);
    expect(io.out().split('\n').filter(Boolean).map((line) => line.split(':')[0])).toEqual(['a.yaml', 'b.yaml']);
  });

  it('from a subdirectory, a path climbing to a sibling stays in the same repository', async () => {
    expect((await lintJson(['../infra'], path.join(root, 'apps'))).files).toEqual(['infra/c.yaml']);
  });

  it('--root overrides the discovery; paths outside it are usage errors', async () => {
    const inner = await lintJson(['--root', '.', 'b.yaml'], path.join(root, 'apps'));
    // apps is the root now: the repository's .gitops-lint.yaml is not read, so the duplicate key is an error again.
    expect(inner.report.findings).toEqual([expect.objectContaining({ file: 'b.yaml', severity: 'error' })]);
    const io = captureIO({ cwd: path.join(root, 'apps') });
    expect(await run(['--root', '.', '../infra'], io)).toBe(2);
    expect(io.err()).toBe(`gitops-lint: ../infra is outside the repository root ${path.join(root, 'apps')} given with --root; lint it in a run of its own, or give --root\n`);
  });

  it('without a marker, the first path is the root (a folder of manifests anywhere)', async () => {
    const { report } = await lintJson([outside], tmp);
    expect(report.findings.map((f) => f.file)).toEqual(['d.yaml']);
  });
});

describe('the example repository from its subdirectories', () => {
  const example = path.resolve(import.meta.dirname, '../../examples/k8s-configs');

  it.each([['apps'], ['clusters'], ['infrastructure']])('from %s: the root run\'s findings under it, nothing else', async (sub) => {
    const whole = await lintJson([], example);
    const fromSub = await lintJson([], path.join(example, sub));
    expect(fromSub.report.findings.length).toBeGreaterThan(0);
    expect(fromSub.report.findings).toEqual(whole.report.findings.filter((f) => f.file.startsWith(`${sub}/`)));
    const asPath = await lintJson([sub], example);
    expect(asPath.report.findings).toEqual(fromSub.report.findings);
  });
});

describe('a repository without a Flux entry point', () => {
  it('says so on stderr when it has Kubernetes objects', async () => {
    const dir = repo('plain', { 'pod.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n' });
    const io = captureIO({ cwd: dir });
    expect(await run([], io)).toBe(0);
    expect(io.err()).toMatch(/^gitops-lint: note: 1 Kubernetes object but no Flux entry point \(a flux bootstrap layout, .*\n$/);
  });

  it('is quiet about it when there is a cluster', async () => {
    const io = captureIO();
    await run([path.resolve(import.meta.dirname, '../../examples/k8s-configs')], io);
    expect(io.err()).toBe('');
  });
});
