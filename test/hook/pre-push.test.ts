/**
 * The pre-push hook end to end: installed with the built bin into a temporary repository, git push to a local bare
 * remote runs it for real. A push adding an error is blocked, the fix passes, an existing hook still runs, and
 * uninstall puts that hook back byte for byte.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installHook } from '../../src/hook/install.js';
import { parsePushInput } from '../../src/hook/pre-push.js';
import { bootstrap, configMap, kustomization } from '../rules/flux-fixtures.js';
import { bin, ensureBuilt } from '../support/built-bin.js';
import { commit, commitOnBranch, GIT_ENV, gitIn, initRepo } from '../support/git-repo.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-hook-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeAll(ensureBuilt, 120_000);

/** git and node only on PATH (no gitops-lint), an empty schema cache, the test's git config. */
const env = {
  ...process.env,
  ...GIT_ENV,
  PATH: [...new Set([path.dirname(process.execPath), '/usr/bin', '/bin'])].join(path.delimiter),
  XDG_CACHE_HOME: path.join(tmp, 'cache'),
  NO_COLOR: '1',
};

function run(cwd: string, command: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const remoteHas = (remote: string, branch: string): boolean => run(remote, 'git', 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`).status === 0;

/** Each push runs the hook (two lints in a child process): room for a loaded machine. */
const E2E_TIMEOUT = 240_000;

const FLEET = { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/cm.yaml': configMap('settings', 'default') };

/** A work repository with main pushed to a new bare remote (before any hook). */
function setup(name: string): { work: string; remote: string } {
  const remote = path.join(tmp, `${name}.git`);
  gitIn(tmp, 'init', '--quiet', '--bare', remote);
  const work = initRepo(tmp, name, FLEET);
  gitIn(work, 'remote', 'add', 'origin', remote);
  gitIn(work, 'push', '--quiet', 'origin', 'main');
  return { work, remote };
}

describe('pre-push hook', () => {
  it('blocks a push that adds an error, passes after the fix, runs the existing hook first, and uninstalls cleanly', () => {
    const { work, remote } = setup('fleet');
    const existing = path.join(work, '.git', 'hooks', 'pre-push');
    const log = path.join(tmp, 'existing-hook.log');
    const existingText = `#!/bin/sh\n# the team's own hook\necho "existing hook: $1 $(cat | wc -l) ref(s)" >> '${log}'\n`;
    fs.writeFileSync(existing, existingText, { mode: 0o750 });

    const installed = run(work, process.execPath, bin, 'hook', 'install');
    expect(installed.out).toContain(`installed the pre-push hook ${existing}`);
    expect(installed.out).toContain('the hook that was there runs first');
    expect(installed.status).toBe(0);

    commitOnBranch(work, 'feature', { 'clusters/prod/infra.yaml': kustomization('infra', './infra') }, 'add infra, whose folder is missing');
    const blocked = run(work, 'git', 'push', 'origin', 'feature');
    expect(blocked.status).not.toBe(0);
    expect(blocked.out).toContain('clusters/prod/infra.yaml');
    expect(blocked.out).toContain('Kustomization "infra" spec.path "./infra" does not exist in the repository');
    expect(blocked.out).toContain('push blocked: it adds 1 error(s)');
    expect(remoteHas(remote, 'feature')).toBe(false);
    expect(fs.readFileSync(log, 'utf8')).toBe('existing hook: origin 1 ref(s)\n');

    commit(work, { 'infra/cm.yaml': configMap('infra', 'default') }, 'add the infra folder');
    const passed = run(work, 'git', 'push', 'origin', 'feature');
    expect(passed.out).not.toContain('push blocked');
    expect(passed.status).toBe(0);
    expect(remoteHas(remote, 'feature')).toBe(true);
    expect(fs.readFileSync(log, 'utf8')).toBe('existing hook: origin 1 ref(s)\n'.repeat(2));

    // Old errors already on the remote do not block a later push that adds none.
    commit(work, { 'clusters/prod/infra.yaml': kustomization('infra', './gone') }, 'break it on the remote');
    expect(run(work, 'git', 'push', '--no-verify', 'origin', 'feature').status).toBe(0);
    commit(work, { 'apps/more.yaml': configMap('more', 'default') }, 'an unrelated change');
    expect(run(work, 'git', 'push', 'origin', 'feature').status).toBe(0);

    const removed = run(work, process.execPath, bin, 'hook', 'uninstall');
    expect(removed.status).toBe(0);
    expect(removed.out).toContain('restored the hook that was there before');
    expect(fs.readFileSync(existing, 'utf8')).toBe(existingText);
    expect(fs.statSync(existing).mode & 0o777).toBe(0o750);
    expect(fs.readdirSync(path.dirname(existing)).filter((f) => f.startsWith('pre-push') && !f.endsWith('.sample'))).toEqual(['pre-push']);
  }, E2E_TIMEOUT);

  it('installs where core.hooksPath points, lints a new branch against the remote, skips deletions', () => {
    const { work, remote } = setup('hookspath');
    gitIn(work, 'config', 'core.hooksPath', '.githooks');
    expect(run(work, process.execPath, bin, 'hook', 'install').status).toBe(0);
    expect(fs.readFileSync(path.join(work, '.githooks', 'pre-push'), 'utf8')).toContain('# gitops-lint pre-push hook');
    expect(fs.existsSync(path.join(work, '.git', 'hooks', 'pre-push'))).toBe(false);

    commitOnBranch(work, 'new-branch', { 'clusters/prod/bad.yaml': kustomization('bad', './bad') }, 'error on a new branch');
    const blocked = run(work, 'git', 'push', 'origin', 'new-branch');
    expect(blocked.status).not.toBe(0);
    expect(blocked.out).toContain('Kustomization "bad" spec.path "./bad" does not exist');
    expect(blocked.out).toContain('it adds 1 error(s)');

    gitIn(work, 'push', '--quiet', '--no-verify', 'origin', 'new-branch');
    const deleted = run(work, 'git', 'push', 'origin', '--delete', 'new-branch');
    expect(deleted.status).toBe(0);
    expect(remoteHas(remote, 'new-branch')).toBe(false);
  }, E2E_TIMEOUT);

  it('says so and blocks when it cannot find gitops-lint', () => {
    const { work } = setup('nobin');
    installHook(work, { installer: [process.execPath, path.join(tmp, 'gone', 'cli.js')], args: ['--root', '.'] });
    commitOnBranch(work, 'x', { 'apps/x.yaml': configMap('x', 'default') }, 'x');
    const pushed = run(work, 'git', 'push', 'origin', 'x');
    expect(pushed.status).not.toBe(0);
    expect(pushed.out).toContain('gitops-lint pre-push hook: cannot find gitops-lint: not in ./node_modules/.bin, not on PATH');
    expect(pushed.out).toContain('npm install --save-dev gitops-lint');
  }, E2E_TIMEOUT);

  it('refuses to remove a hook it did not write', () => {
    const { work } = setup('foreign');
    fs.writeFileSync(path.join(work, '.git', 'hooks', 'pre-push'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const r = run(work, process.execPath, bin, 'hook', 'uninstall');
    expect(r.status).toBe(2);
    expect(r.out).toContain('was not written by gitops-lint; leaving it as it is');
  }, E2E_TIMEOUT);
});

describe('parsePushInput', () => {
  it('reads the lines git writes, ignoring blank and malformed ones', () => {
    const sha = 'a'.repeat(40);
    const zero = '0'.repeat(40);
    expect(parsePushInput(`refs/heads/main ${sha} refs/heads/main ${zero}\n\nnonsense\nrefs/heads/x ${zero} refs/heads/x ${sha}\n`)).toEqual([
      { localRef: 'refs/heads/main', localSha: sha, remoteRef: 'refs/heads/main', remoteSha: zero },
      { localRef: 'refs/heads/x', localSha: zero, remoteRef: 'refs/heads/x', remoteSha: sha },
    ]);
  });
});
