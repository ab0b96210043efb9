/**
 * The PR comment bot. One sticky comment per pull request (and linted folder), found again by a hidden marker as
 * marocchino/sticky-pull-request-comment does: created on the first findings, updated on every push, turned into an
 * all-clear when they are gone. Findings on lines the change adds become review comments on those lines (at most
 * `maxReviewComments` a run), each carrying its finding's fingerprint in a hidden marker so a finding never gets a second
 * one; the others are listed in the sticky comment, which stays under GitHub's 65,536 characters and links to the job
 * summary for what it leaves out. A 403 (a fork's read-only GITHUB_TOKEN, missing permissions) or any other API failure
 * is reported to the log, never thrown: the annotations and the job summary still carry the findings.
 */
import type { RuleMeta } from '../engine/types.js';
import type { Finding } from '../finding.js';
import { occurrenceFingerprints } from '../report/fingerprint.js';
import { bySeverity, countsByRuleTable, countsPhrase, escapeMarkdown, groupedFindings, ruleLink, SEVERITY_ICON } from '../report/markdown.js';
import { prefixedPath, TOOL_NAME } from '../report/tool.js';
import type { BlobLinks } from '../report/types.js';
import { isChanged, type ChangedLines } from './diff.js';
import type { GitHubClient } from './octokit.js';

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_MAX_LENGTH = 65_536;
export const DEFAULT_MAX_REVIEW_COMMENTS = 20;

const FINDING_MARKER = /<!-- gitops-lint:finding:([0-9a-f]{64}:\d+) -->/g;

export interface PullRequestTarget {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  fromFork: boolean;
}

export interface CommentInput {
  pullRequest: PullRequestTarget;
  /** The findings to report (only the new ones in only-new mode), sorted as the engine sorts them. */
  findings: readonly Finding[];
  rules: readonly RuleMeta[];
  /** Lines the pull request adds, relative to the linted root; undefined: no review comments. */
  changed: ChangedLines | undefined;
  /** The linted root in the repository ('' for the top). */
  pathPrefix: string;
  links: BlobLinks | undefined;
  /** The run page that shows the job summary. */
  summaryUrl: string | undefined;
  maxReviewComments?: number;
  /** Says what happened; lines never hold the token. */
  log: (line: string) => void;
}

export type CommentOutcome =
  | { status: 'posted'; commentId: number; action: 'created' | 'updated' | 'none'; reviewComments: number }
  | { status: 'skipped'; reason: string };

/** The hidden marker of the sticky comment of one linted folder. */
export function stickyMarker(pathPrefix: string): string {
  return `<!-- gitops-lint:sticky:${pathPrefix === '' ? '.' : pathPrefix.replace(/--/g, '-\\-')} -->`;
}

export function findingMarker(fingerprint: string): string {
  return `<!-- gitops-lint:finding:${fingerprint} -->`;
}

export async function updatePullRequest(client: GitHubClient, input: CommentInput): Promise<CommentOutcome> {
  try {
    return await post(client, input);
  } catch (err) {
    const reason = describeFailure(err, input.pullRequest.fromFork);
    input.log(`${TOOL_NAME}: not commenting on pull request #${input.pullRequest.number}: ${reason}. The findings are in the annotations and the job summary.`);
    return { status: 'skipped', reason };
  }
}

async function post(client: GitHubClient, input: CommentInput): Promise<CommentOutcome> {
  const { owner, repo, number } = input.pullRequest;
  const fingerprints = occurrenceFingerprints(input.findings);
  const fingerprintOf = new Map(input.findings.map((f, i) => [f, fingerprints[i]!]));

  const reviewed = new Set<string>();
  const existingReview = await client.paginate(client.rest.pulls.listReviewComments, { owner, repo, pull_number: number, per_page: 100 });
  for (const c of existingReview) for (const m of (c.body ?? '').matchAll(FINDING_MARKER)) reviewed.add(m[1]!);

  const alreadyOnDiff = input.findings.filter((f) => reviewed.has(fingerprintOf.get(f)!));
  const onDiff = input.changed ? bySeverity(input.findings.filter((f) => !reviewed.has(fingerprintOf.get(f)!) && isChanged(input.changed!, f.file, f.line))) : [];
  const toReview = onDiff.slice(0, input.maxReviewComments ?? DEFAULT_MAX_REVIEW_COMMENTS);
  let reviewComments = 0;
  if (toReview.length > 0) {
    try {
      await client.rest.pulls.createReview({
        owner,
        repo,
        pull_number: number,
        commit_id: input.pullRequest.headSha,
        event: 'COMMENT',
        body: `${TOOL_NAME}: ${countsPhrase(toReview)} on lines of this change.`,
        comments: toReview.map((f) => ({ path: prefixedPath(f.file, input.pathPrefix), line: f.line, side: 'RIGHT' as const, body: reviewCommentBody(f, fingerprintOf.get(f)!, input.rules) })),
      });
      reviewComments = toReview.length;
    } catch (err) {
      // A line GitHub does not take (422: not part of the diff it has): those findings go in the sticky comment.
      if (statusOf(err) !== 422) throw err;
      input.log(`${TOOL_NAME}: review comments refused (${failureText(err)}); listing those findings in the pull request comment`);
    }
  }
  const inReview = new Set([...alreadyOnDiff, ...toReview.slice(0, reviewComments)]);
  const body = stickyBody(input, input.findings.filter((f) => !inReview.has(f)), inReview.size);

  const marker = stickyMarker(input.pathPrefix);
  const comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
  const sticky = comments.find((c) => c.body?.includes(marker));
  if (sticky) {
    if (sticky.body !== body) await client.rest.issues.updateComment({ owner, repo, comment_id: sticky.id, body });
    input.log(`${TOOL_NAME}: updated the pull request comment (${countsPhrase(input.findings)}; ${reviewComments} new review comments)`);
    return { status: 'posted', commentId: sticky.id, action: sticky.body === body ? 'none' : 'updated', reviewComments };
  }
  if (input.findings.length === 0) {
    input.log(`${TOOL_NAME}: no findings and no earlier comment: nothing to post`);
    return { status: 'posted', commentId: 0, action: 'none', reviewComments };
  }
  const created = await client.rest.issues.createComment({ owner, repo, issue_number: number, body });
  input.log(`${TOOL_NAME}: commented on the pull request (${countsPhrase(input.findings)}; ${reviewComments} review comments)`);
  return { status: 'posted', commentId: created.data.id, action: 'created', reviewComments };
}

/** A review comment: the finding's marker, severity, rule and message. */
export function reviewCommentBody(f: Finding, fingerprint: string, rules: readonly RuleMeta[]): string {
  return `${findingMarker(fingerprint)}\n${SEVERITY_ICON[f.severity]} **${f.severity}** ${ruleLink(f.ruleId, rules)}: ${escapeMarkdown(f.message)}`;
}

/** The sticky comment: headline, counts by rule, where review comments are, then the other findings by file. */
export function stickyBody(input: Pick<CommentInput, 'findings' | 'rules' | 'pathPrefix' | 'links' | 'summaryUrl'>, listed: readonly Finding[], inReview: number): string {
  const where = input.pathPrefix ? ` in ${'`'}${input.pathPrefix}${'`'}` : '';
  const head = [stickyMarker(input.pathPrefix), `### ${TOOL_NAME}${where}: ${countsPhrase(input.findings)}`, ''];
  if (input.findings.length === 0) return `${head.join('\n')}\n✅ All clear: no findings left. Thanks for fixing them!\n`;
  const parts = [...head, countsByRuleTable(input.findings, input.rules)];
  if (inReview > 0) parts.push(`${inReview} finding${inReview === 1 ? ' is' : 's are'} in review comments on the changed lines.`, '');
  const top = `${parts.join('\n')}\n`;
  const options = { rules: input.rules, links: input.links, pathPrefix: input.pathPrefix, moreUrl: input.summaryUrl };
  return top + groupedFindings(listed, options, COMMENT_MAX_LENGTH - top.length - 100).text;
}

function statusOf(err: unknown): number | undefined {
  const status = err !== null && typeof err === 'object' ? (err as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

function failureText(err: unknown): string {
  const status = statusOf(err);
  const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return status === undefined ? message : `HTTP ${status}: ${message}`;
}

function describeFailure(err: unknown, fromFork: boolean): string {
  const text = failureText(err);
  if (statusOf(err) !== 403) return text;
  return fromFork
    ? `${text} (a pull request from a fork gets a read-only GITHUB_TOKEN)`
    : `${text} (the token needs "pull-requests: write" permission)`;
}
