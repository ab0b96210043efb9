/**
 * The README's hook snippets work as written: `npx gitops-lint hook install`, the pre-commit framework config (with
 * this repository's .pre-commit-hooks.yaml) and the lefthook config are run the way those tools run them, in a
 * temporary repository whose node_modules/.bin holds the built bin.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bootstrap, configMap, kustomization } from '../rules/flux-fixtures.js';
import { shQuote } from '../../src/hook/script.js';
import { ensureBuilt, projectRoot, shimDir } from '../support/built-bin.js';
import { commit, commitOnBranch, GIT_ENV, gitIn, initRepo, writeFiles } from '../support/git-repo.js';

const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Git hooks'), readme.indexOf('\n## ', readme.indexOf('## Git hooks') + 1));
const blocks = (lang: string): string[] => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-snippets-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let env: NodeJS.ProcessEnv;
beforeAll(() => {
  ensureBuilt();
  env = {
    ...process.env,
    ...GIT_ENV,
    PATH: [...new Set([path.dirname(process.execPath), '/usr/bin', '/bin'])].join(path.delimiter),
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
    NO_COLOR: '1',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
}, 120_000);

const TIMEOUT = 240_000;
const FLEET = { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/cm.yaml': configMap('settings', 'default') };

/** A repository with gitops-lint installed as a devDependency would be (node_modules/.bin), main on a bare remote. */
function project(name: string, files: Record<string, string> = FLEET): string {
  const work = initRepo(tmp, name, { ...files, '.gitignore': 'node_modules/\n' });
  const binDir = path.join(work, 'node_modules', '.bin');
  fs.mkdirSync(binDir, { recursive: true });
  fs.copyFileSync(path.join(shimDir(tmp), 'gitops-lint'), path.join(binDir, 'gitops-lint'));
  fs.chmodSync(path.join(binDir, 'gitops-lint'), 0o755);
  const remote = path.join(tmp, `${name}.git`);
  gitIn(tmp, 'init', '--quiet', '--bare', remote);
  gitIn(work, 'remote', 'add', 'origin', remote);
  gitIn(work, 'push', '--quiet', 'origin', 'main');
  return work;
}

function sh(cwd: string, script: string, input = '', extraPath?: string): { status: number | null; out: string } {
  const r = spawnSync('sh', ['-c', script], { cwd, input, encoding: 'utf8', env: extraPath ? { ...env, PATH: `${extraPath}${path.delimiter}${env.PATH}` } : env });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

interface ManifestHook {
  id: string;
  entry: string;
  args?: string[];
  language: string;
  files?: string;
  exclude?: string;
  types?: string[];
  types_or?: string[];
  exclude_types?: string[];
  pass_filenames?: boolean;
  always_run?: boolean;
}

const manifest = parseYaml(fs.readFileSync(path.join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8')) as ManifestHook[];
const manifestHook = (id: string): ManifestHook => manifest.find((h) => h.id === id)!;

/**
 * The command lines pre-commit runs for a hook of the manifest (https://pre-commit.com/#new-hooks): `entry` split
 * into words, then `args`, then the staged files (deleted ones never: --diff-filter=ACMRTUXB, as pre-commit lists
 * them) that `files` matches and `exclude` does not, split into runs of at most `perRun` files as its xargs splits a
 * long list. None when no file is left and the hook is not always_run (pre-commit skips it).
 */
function preCommitCommands(work: string, hook: ManifestHook, perRun = Infinity): string[][] {
  // identify's file types are not emulated here, nor shell quoting in entry.
  expect(hook.types ?? hook.types_or ?? hook.exclude_types).toBeUndefined();
  expect(hook.entry).not.toMatch(/['"\\]/);
  const staged = gitIn(work, 'diff', '--staged', '--name-only', '-z', '--diff-filter=ACMRTUXB').split('\0').filter((f) => f !== '');
  const files = staged.filter((f) => new RegExp(hook.files ?? '').test(f) && !new RegExp(hook.exclude ?? '^$').test(f));
  if (files.length === 0 && hook.always_run !== true) return [];
  const command = [...hook.entry.split(' '), ...(hook.args ?? [])];
  if (hook.pass_filenames === false) return [command];
  const runs: string[][] = [];
  for (let i = 0; i < files.length; i += perRun) runs.push([...command, ...files.slice(i, i + perRun)]);
  return runs;
}

/** Runs the commands one after the other, as pre-commit does with require_serial: the hook fails when one does. */
function runAll(cwd: string, commands: string[][], extraPath: string): { status: number | null; out: string } {
  let status = 0;
  let out = '';
  for (const [command, ...args] of commands) {
    const r = spawnSync(command!, args, { cwd, encoding: 'utf8', env: { ...env, PATH: `${extraPath}${path.delimiter}${env.PATH}` } });
    out += `${r.stdout}${r.stderr}`;
    status = Math.max(status, r.status ?? 2);
  }
  return { status, out };
}

describe('README: Git hooks', () => {
  it('npx gitops-lint hook install: the hook blocks a push that adds an error', () => {
    const install = blocks('sh').find((b) => b.includes('hook install'))!.trim();
    expect(install).toBe('npx gitops-lint hook install');
    const work = project('npx-install');
    const installed = sh(work, install);
    expect(installed.out).toContain('installed the pre-push hook');
    expect(installed.status).toBe(0);
    commitOnBranch(work, 'f', { 'clusters/prod/infra.yaml': kustomization('infra', './infra') }, 'error');
    const pushed = sh(work, 'git push origin f');
    expect(pushed.out).toContain('Kustomization "infra" spec.path "./infra" does not exist');
    expect(pushed.status).not.toBe(0);
  }, TIMEOUT);

  it('lefthook.yml: runs gitops-lint hook pre-push with git\'s stdin and the remote name', () => {
    const config = parseYaml(blocks('yaml').find((b) => b.includes('pre-push:'))!) as {
      'pre-push': { commands: Record<string, { run: string; use_stdin?: boolean }> };
    };
    const command = config['pre-push'].commands['gitops-lint']!;
    expect(command.use_stdin).toBe(true);
    const work = project('lefthook');
    const bad = commitOnBranch(work, 'f', { 'clusters/prod/infra.yaml': kustomization('infra', './infra') }, 'error');
    // What lefthook does: {1} is the hook's first argument (the remote), stdin is git's.
    const run = command.run.replace('{1}', 'origin');
    const line = (sha: string): string => `refs/heads/f ${sha} refs/heads/f ${'0'.repeat(40)}\n`;
    const blocked = sh(work, run, line(bad));
    expect(blocked.out).toContain('Kustomization "infra" spec.path "./infra" does not exist');
    expect(blocked.status).toBe(1);
    const fixed = commit(work, { 'infra/cm.yaml': configMap('infra', 'default') }, 'fix');
    const passed = sh(work, run, line(fixed));
    expect(passed.out).not.toContain('push blocked');
    expect(passed.status).toBe(0);
  }, TIMEOUT);

  it('lefthook.yml: pre-commit runs gitops-lint on the staged files', () => {
    const config = parseYaml(blocks('yaml').find((b) => b.includes('pre-commit:'))!) as { 'pre-commit': { commands: Record<string, { run: string }> } };
    const command = config['pre-commit'].commands['gitops-lint']!;
    expect(command.run).toContain('{staged_files}');
    const work = project('lefthook-pre-commit', { ...FLEET, 'clusters/prod/apps.yaml': kustomization('apps', './gone') });
    // What lefthook does: {staged_files} is the staged files (added, copied, modified, renamed), each shell-quoted;
    // with none, lefthook skips the command.
    const run = (): { status: number | null; out: string } => {
      const staged = gitIn(work, 'diff', '--name-only', '--cached', '--diff-filter=ACMR', '-z').split('\0').filter((f) => f !== '');
      return sh(work, command.run.replace('{staged_files}', staged.map(shQuote).join(' ')));
    };
    fs.writeFileSync(path.join(work, 'clusters/prod/infra.yaml'), kustomization('infra', './infra'));
    gitIn(work, 'add', 'clusters/prod/infra.yaml');
    const blocked = run();
    expect(blocked.out).toContain('Kustomization "infra" spec.path "./infra" does not exist');
    expect(blocked.out).not.toContain('"./gone"');
    expect(blocked.status).toBe(1);
    gitIn(work, 'reset', '--quiet');
    fs.writeFileSync(path.join(work, 'notes.md'), 'notes\n');
    gitIn(work, 'add', 'notes.md');
    const docsOnly = run();
    expect(docsOnly.out).not.toContain('"./gone"');
    expect(docsOnly.status).toBe(0);
  }, TIMEOUT);

  it('.pre-commit-config.yaml: its hooks exist in .pre-commit-hooks.yaml', () => {
    const config = parseYaml(blocks('yaml').find((b) => b.includes('repos:'))!) as { repos: { repo: string; hooks: { id: string }[] }[] };
    const ids = config.repos[0]!.hooks.map((h) => h.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => manifest.some((h) => h.id === id))).toBe(true);
    expect(manifest.map((h) => h.id).sort()).toEqual(['gitops-lint', 'gitops-lint-new']);
  });

  describe('.pre-commit-hooks.yaml, run as pre-commit runs its hooks', () => {
    // Old error on main (apps' folder missing): not in any file the commits below stage.
    const OLD_ERROR = { ...FLEET, 'clusters/prod/apps.yaml': kustomization('apps', './gone') };
    const onPath = (work: string): string => path.join(work, 'node_modules', '.bin'); // language: node puts the package's bin on PATH

    it('gitops-lint: a finding in a staged file is reported (exit 1), one only in another file is not', () => {
      const hook = manifestHook('gitops-lint');
      expect(hook).toMatchObject({ language: 'node', pass_filenames: true });
      const work = project('pre-commit', OLD_ERROR);
      fs.writeFileSync(path.join(work, 'clusters/prod/infra.yaml'), kustomization('infra', './infra'));
      gitIn(work, 'add', 'clusters/prod/infra.yaml');
      const commands = preCommitCommands(work, hook);
      expect(commands).toEqual([[...hook.entry.split(' '), 'clusters/prod/infra.yaml']]);
      const adds = runAll(work, commands, onPath(work));
      expect(adds.out).toContain('Kustomization "infra" spec.path "./infra" does not exist');
      expect(adds.out).not.toContain('"./gone"');
      expect(adds.status).toBe(1);

      // A harmless change to the same file; the old error elsewhere is not this commit's.
      fs.writeFileSync(path.join(work, 'clusters/prod/infra.yaml'), kustomization('infra', './apps'));
      gitIn(work, 'add', 'clusters/prod/infra.yaml');
      const fine = runAll(work, preCommitCommands(work, hook), onPath(work));
      expect(fine.out).not.toContain('"./gone"');
      expect(fine.status).toBe(0);
    }, TIMEOUT);

    it('gitops-lint: any staged file, YAML or not: a token in a script is reported, a README alone passes', () => {
      const hook = manifestHook('gitops-lint');
      const work = project('pre-commit-any', OLD_ERROR);
      fs.writeFileSync(path.join(work, 'README.md'), '# fleet\n');
      gitIn(work, 'add', 'README.md');
      const readme = preCommitCommands(work, hook);
      expect(readme).toHaveLength(1);
      const docsOnly = runAll(work, readme, onPath(work));
      expect(docsOnly.out).not.toContain('"./gone"');
      expect(docsOnly.status).toBe(0);

      // Built at test time: no live-looking token is written in this repository.
      const token = `ghp_${'x7Kq2mWv9pLr4tYz8nBc3dFg6hJs1aE5uQoX'.slice(0, 36)}`;
      fs.mkdirSync(path.join(work, 'scripts'));
      fs.writeFileSync(path.join(work, 'scripts/deploy.sh'), `#!/bin/sh\nexport GITHUB_TOKEN=${token}\n`);
      gitIn(work, 'add', 'scripts/deploy.sh');
      const script = runAll(work, preCommitCommands(work, hook), onPath(work));
      expect(script.out).toContain('scripts/deploy.sh');
      expect(script.out).toContain('secret-token-pattern');
      expect(script.out).not.toContain(token);
      expect(script.status).toBe(1);
    }, TIMEOUT);

    it('gitops-lint: a long file list split into several runs, each right on its own files', () => {
      const hook = manifestHook('gitops-lint');
      const work = project('pre-commit-many', OLD_ERROR);
      const many = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`apps/cm-${String(i).padStart(3, '0')}.yaml`, configMap(`settings-${i}`, 'default')]));
      writeFiles(work, { ...many, 'clusters/prod/infra.yaml': kustomization('infra', './infra') });
      gitIn(work, 'add', '--all');
      const commands = preCommitCommands(work, hook, 50);
      expect(commands.map((c) => c.length - hook.entry.split(' ').length)).toEqual([50, 50, 21]);
      const runs = commands.map((command) => ({ command, ...runAll(work, [command], onPath(work)) }));
      for (const run of runs) {
        const hasBad = run.command.includes('clusters/prod/infra.yaml');
        expect(run.out.includes('"./infra" does not exist'), run.command.slice(-1)[0]).toBe(hasBad);
        expect(run.out).not.toContain('"./gone"');
        expect(run.status).toBe(hasBad ? 1 : 0);
      }
      expect(runs.filter((r) => r.status === 1)).toHaveLength(1);
    }, TIMEOUT);

    it('gitops-lint-new: what the commit adds anywhere, a deletion included (no file arguments, every commit)', () => {
      const hook = manifestHook('gitops-lint-new');
      expect(hook).toMatchObject({ language: 'node', pass_filenames: false, always_run: true });
      const work = project('pre-commit-new', OLD_ERROR);
      // Deleting the only file under apps/ makes apps/ vanish: clusters/prod/apps.yaml (not staged) now points nowhere.
      const fleet = project('pre-commit-new-deletion');
      gitIn(fleet, 'rm', '--quiet', 'apps/cm.yaml');
      expect(preCommitCommands(fleet, manifestHook('gitops-lint'))).toEqual([]); // pre-commit never passes deleted files
      const deletion = runAll(fleet, preCommitCommands(fleet, hook), onPath(fleet));
      expect(deletion.out).toContain('Kustomization "apps" spec.path "./apps" does not exist');
      expect(deletion.status).toBe(1);

      fs.writeFileSync(path.join(work, 'clusters/prod/infra.yaml'), kustomization('infra', './infra'));
      gitIn(work, 'add', 'clusters/prod/infra.yaml');
      const adds = runAll(work, preCommitCommands(work, hook), onPath(work));
      expect(adds.out).toContain('Kustomization "infra" spec.path "./infra" does not exist');
      expect(adds.out).not.toContain('"./gone"');
      expect(adds.status).toBe(1);
      fs.writeFileSync(path.join(work, 'clusters/prod/infra.yaml'), kustomization('infra', './apps'));
      gitIn(work, 'add', 'clusters/prod/infra.yaml');
      expect(runAll(work, preCommitCommands(work, hook), onPath(work)).status).toBe(0);
    }, TIMEOUT);
  });
});
