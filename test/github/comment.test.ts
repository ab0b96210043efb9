/** The comment bot through the real Octokit against the fake GitHub: one sticky comment per linted folder, 422 handling. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updatePullRequest, type CommentInput } from '../../src/github/comment.js';
import { createClient } from '../../src/github/octokit.js';
import { finding, rule } from '../report/results.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

let api: FakeGitHub;
beforeEach(async () => {
  api = await startFakeGitHub();
});
afterEach(() => api.close());

function input(overrides: Partial<CommentInput> = {}): CommentInput & { lines: string[] } {
  const lines: string[] = [];
  return {
    pullRequest: { owner: 'acme', repo: 'fleet', number: 3, headSha: 'h3ad', fromFork: false },
    findings: [finding({ file: 'a.yaml', line: 2, ruleId: 'r' }), finding({ file: 'b.yaml', line: 9, ruleId: 'r', severity: 'warning' })],
    rules: [rule('r')],
    changed: new Map([['a.yaml', new Set([2])]]),
    pathPrefix: '',
    links: undefined,
    summaryUrl: undefined,
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

describe('the PR comment bot', () => {
  it('keeps one sticky comment per linted folder', async () => {
    const client = createClient('t0ken', api.url, () => {});
    await updatePullRequest(client, input({ pathPrefix: 'clusters' }));
    await updatePullRequest(client, input({ pathPrefix: 'apps', changed: undefined }));
    await updatePullRequest(client, input({ pathPrefix: 'clusters' }));
    expect(api.issueComments.map((c) => c.body.split('\n')[0])).toEqual(['<!-- gitops-lint:sticky:clusters -->', '<!-- gitops-lint:sticky:apps -->']);
    // The finding on the changed line got its review comment once, with the folder in its path.
    expect(api.reviewComments.map((c) => `${c.path}:${c.line}`)).toEqual(['clusters/a.yaml:2']);
  });

  it('lists the findings in the comment when GitHub refuses the review comments (422)', async () => {
    api.refuseReviews = true;
    const run = input();
    const outcome = await updatePullRequest(createClient('t0ken', api.url, () => {}), run);
    expect(outcome).toMatchObject({ status: 'posted', action: 'created', reviewComments: 0 });
    expect(run.lines[0]).toContain('review comments refused (HTTP 422');
    expect(api.issueComments[0]!.body).toContain('**`a.yaml`**');
    expect(api.issueComments[0]!.body).not.toContain('in review comments');
  });

  it('posts nothing on a clean pull request that never had a comment', async () => {
    const outcome = await updatePullRequest(createClient('t0ken', api.url, () => {}), input({ findings: [] }));
    expect(outcome).toMatchObject({ status: 'posted', action: 'none' });
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
