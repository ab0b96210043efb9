/**
 * Comment on a pull request from a lint result: creates the REST client (loaded on demand, so a plain lint never loads
 * Octokit) and runs the bot. Shared by the Action and `gitops-lint comment`.
 */
import type { RuleMeta } from '../engine/types.js';
import type { Finding } from '../finding.js';
import type { BlobLinks } from '../report/types.js';
import { updatePullRequest, type CommentOutcome } from './comment.js';
import type { GitHubContext, PullRequestInfo } from './context.js';
import type { ChangedLines } from './diff.js';
import { maskToken } from './mask.js';

export interface PullRequestComment {
  token: string;
  context: Pick<GitHubContext, 'apiUrl' | 'repository' | 'runUrl'>;
  pullRequest: PullRequestInfo;
  findings: readonly Finding[];
  rules: readonly RuleMeta[];
  changed: ChangedLines | undefined;
  pathPrefix: string;
  links: BlobLinks | undefined;
  maxReviewComments?: number;
  log: (line: string) => void;
}

export async function commentOnPullRequest(input: PullRequestComment): Promise<CommentOutcome> {
  const log = (line: string) => input.log(maskToken(line, input.token));
  const [owner, repo] = input.context.repository.split('/');
  if (!owner || !repo) {
    log('gitops-lint: not commenting: the repository (owner/name) is unknown');
    return { status: 'skipped', reason: 'the repository is unknown' };
  }
  const { createClient } = await import('./octokit.js');
  const client = createClient(input.token, input.context.apiUrl, log);
  const outcome = await updatePullRequest(client, {
    pullRequest: { owner, repo, number: input.pullRequest.number, headSha: input.pullRequest.headSha, fromFork: input.pullRequest.fromFork },
    findings: input.findings,
    rules: input.rules,
    changed: input.changed,
    pathPrefix: input.pathPrefix,
    links: input.links,
    summaryUrl: input.context.runUrl,
    maxReviewComments: input.maxReviewComments,
    log,
  });
  return outcome.status === 'skipped' ? { ...outcome, reason: maskToken(outcome.reason, input.token) } : outcome;
}
