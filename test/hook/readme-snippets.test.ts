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
import { ensureBuilt, projectRoot, shimDir } from '../support/built-bin.js';
import { commit, commitOnBranch, GIT_ENV, gitIn, initRepo } from '../support/git-repo.js';

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

  it('.pre-commit-config.yaml: its hooks exist in .pre-commit-hooks.yaml, and their entries judge the commit', () => {
    const config = parseYaml(blocks('yaml').find((b) => b.includes('repos:'))!) as { repos: { repo: string; hooks: { id: string }[] }[] };
    const manifest = parseYaml(fs.readFileSync(path.join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      language: string;
      files: string;
      pass_filenames: boolean;
    }[];
    const ids = config.repos[0]!.hooks.map((h) => h.id);
    expect(ids.every((id) => manifest.some((h) => h.id === id))).toBe(true);

    // Old error on main (apps' folder missing); a staged change adds another one, then a harmless one.
    const work = project('pre-commit', { ...FLEET, 'clusters/prod/apps.yaml': kustomization('apps', './gone') });
    const onPath = path.join(work, 'node_modules', '.bin'); // language: node puts the package's bin on PATH
    const entry = (id: string): string => {
      const hook = manifest.find((h) => h.id === id)!;
      expect(hook).toMatchObject({ language: 'node', pass_filenames: false });
      expect(new RegExp(hook.files).test('clusters/prod/apps.yaml')).toBe(true);
      return hook.entry;
    };
    fs.writeFileSync(path.join(work, 'clusters/prod/infra.yaml'), kustomization('infra', './infra'));
    gitIn(work, 'add', 'clusters/prod/infra.yaml');
    const adds = sh(work, entry('gitops-lint-new'), '', onPath);
    expect(adds.out).toContain('Kustomization "infra" spec.path "./infra" does not exist');
    expect(adds.out).not.toContain('"./gone"');
    expect(adds.status).toBe(1);
    expect(sh(work, entry('gitops-lint'), '', onPath).out).toContain('"./gone"');

    fs.writeFileSync(path.join(work, 'clusters/prod/infra.yaml'), kustomization('infra', './apps'));
    gitIn(work, 'add', 'clusters/prod/infra.yaml');
    expect(sh(work, entry('gitops-lint-new'), '', onPath).status).toBe(0);
    expect(sh(work, entry('gitops-lint'), '', onPath).status).toBe(1);
  }, TIMEOUT);
});
