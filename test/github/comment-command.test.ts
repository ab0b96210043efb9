/**
 * `gitops-lint comment` outside GitHub Actions, run in-process with the README's command line: the same sticky comment
 * and review comments through the real Octokit against a fake GitHub; the token comes from GITHUB_TOKEN only.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { bootstrap, kustomization } from '../rules/flux-fixtures.js';
import { captureIO } from '../cli/io.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { readmeCommentArgs } from './readme-snippets.js';

const TOKEN = 'ghp_c0mment-token-never-shown';
let api: FakeGitHub;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-comment-'));
beforeAll(async () => {
  api = await startFakeGitHub();
});
afterAll(async () => {
  await api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

function write(files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

describe('gitops-lint comment', () => {
  it('comments on the pull request with review comments on the changed lines (the README command)', async () => {
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
    write({ ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/kustomization.yaml': 'resources:\n  - cm.yaml\n', 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: default\n' });
    git('add', '-A');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    write({ 'apps/kustomization.yaml': 'resources:\n  - cm.yaml\n  - missing.yaml\n' });
    git('commit', '-qam', 'break');
    const head = git('rev-parse', 'HEAD');

    const args = readmeCommentArgs({ TOKEN, PR_NUMBER: '42', HEAD_SHA: head, BASE_SHA: base });
    expect(args.slice(0, 2)).toEqual(['comment', '.']);
    const io = captureIO({ env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url }, cwd: dir });
    const code = await run(args, io);
    expect(code, io.err()).toBe(0);
    expect(api.issueComments).toHaveLength(1);
    expect(api.issueComments[0]!.body).toContain('### gitops-lint: 1 error');
    expect(api.reviewComments.map((c) => [c.path, c.line, c.commit_id])).toEqual([['apps/kustomization.yaml', 3, head]]);
    expect(api.requests.every((r) => r.path.startsWith('/repos/acme/fleet/') && r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(io.err()).toContain('commented on the pull request (1 error; 1 review comments)');
    expect(io.err() + io.out()).not.toContain(TOKEN);
  });

  it('says what is missing, and never takes the token as an option', async () => {
    const noToken = captureIO({ env: {}, cwd: dir });
    expect(await run(['comment', '.', '--repo', 'acme/fleet', '--pr', '1', '--sha', 'abc'], noToken)).toBe(2);
    expect(noToken.err()).toContain('no token: set GITHUB_TOKEN');
    const noPr = captureIO({ env: { GITHUB_TOKEN: TOKEN }, cwd: dir });
    expect(await run(['comment', '.', '--repo', 'acme/fleet'], noPr)).toBe(2);
    expect(noPr.err()).toContain('no pull request: give --pr');
    const tokenOption = captureIO({ env: {}, cwd: dir });
    expect(await run(['comment', '.', '--token', TOKEN], tokenOption)).toBe(2);
    expect(tokenOption.err()).not.toContain(TOKEN);
  });
});
