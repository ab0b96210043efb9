/**
 * What a plain lint and the pre-push hook do not load: the diff library (--fix-dry-run only) and Octokit (the comment
 * command only). The built CLI runs with a module hook that refuses to resolve them; --fix-dry-run does reach the diff
 * library, which shows the hook works.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt } from '../support/built-bin.js';
import { commit, GIT_ENV, gitIn, initRepo } from '../support/git-repo.js';
import { bootstrap, kustomization } from '../rules/flux-fixtures.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-lazy-modules-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeAll(ensureBuilt, 120_000);

const REFUSED = ['diff', '@octokit/'];
const hooks = path.join(tmp, 'hooks.mjs');
fs.writeFileSync(
  hooks,
  `const refused = ${JSON.stringify(REFUSED)};
export async function resolve(specifier, context, next) {
  if (refused.some((r) => specifier === r || (r.endsWith('/') && specifier.startsWith(r)))) throw new Error('refused to load ' + specifier);
  return next(specifier, context);
}\n`,
);
const register = path.join(tmp, 'register.mjs');
fs.writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

function cli(cwd: string, args: string[], input = '') {
  return spawnSync(process.execPath, ['--import', pathToFileURL(register).href, bin, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, XDG_CACHE_HOME: path.join(tmp, 'cache'), NO_COLOR: '1' },
  });
}

describe('modules a lint and the hook never load', () => {
  const fleet = { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps') };

  it('a plain lint, and the pre-push hook linting a push', () => {
    const work = initRepo(tmp, 'fleet', fleet);
    const lint = cli(work, ['.', '--format', 'json']);
    expect(lint.stderr).not.toContain('refused to load');
    expect((JSON.parse(lint.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('flux-path-missing');
    const base = gitIn(work, 'rev-parse', 'HEAD').trim();
    const head = commit(work, { 'clusters/prod/infra.yaml': kustomization('infra', './infra') }, 'adds an error');
    const hook = cli(work, ['hook', 'pre-push', 'origin'], `refs/heads/main ${head} refs/heads/main ${base}\n`);
    expect(hook.stderr).not.toContain('refused to load');
    expect(hook.stdout).toContain('"./infra" does not exist');
    expect(hook.status).toBe(1);
  });

  it('--fix-dry-run does load the diff library', () => {
    const work = initRepo(tmp, 'dry-run', fleet);
    const run = cli(work, ['.', '--fix-dry-run']);
    expect(run.stderr).toContain('refused to load diff');
  });
});
