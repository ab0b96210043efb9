/**
 * What GitHub Actions tells a step through its environment (GITHUB_*), and the pull request of the event payload.
 * Read once, as plain data; nothing here talks to the network. Outside Actions every field has a safe default, so
 * `gitops-lint comment` runs in any CI that sets them (or passes them as options).
 */
import fs from 'node:fs';
import type { BlobLinks } from '../report/types.js';

export type Env = Record<string, string | undefined>;

export interface PullRequestInfo {
  number: number;
  /** The commit being linted (review comments are anchored on it). */
  headSha: string;
  baseSha: string;
  /** The head repository is not the base one: GITHUB_TOKEN is read-only and secrets are not passed. */
  fromFork: boolean;
}

export interface GitHubContext {
  /** https://github.com or a GitHub Enterprise Server's URL. */
  serverUrl: string;
  /** REST API root: GITHUB_API_URL (set on Enterprise Server), default https://api.github.com. */
  apiUrl: string;
  /** owner/name, '' when unknown. */
  repository: string;
  eventName: string;
  /** The commit of the run (GITHUB_SHA); the PR's head when there is one. */
  sha: string;
  workspace: string | undefined;
  /** The run's page, whose summary tab shows the job summary. */
  runUrl: string | undefined;
  pullRequest: PullRequestInfo | undefined;
}

export function readGitHubContext(env: Env): GitHubContext {
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY ?? '';
  const pullRequest = readPullRequest(env.GITHUB_EVENT_PATH, repository);
  const attempt = env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return {
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    repository,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: pullRequest?.headSha ?? env.GITHUB_SHA ?? '',
    workspace: env.GITHUB_WORKSPACE || undefined,
    runUrl: repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}${attempt}` : undefined,
    pullRequest,
  };
}

/** The pull request of a pull_request (or pull_request_target) event payload; undefined for other events or a bad file. */
function readPullRequest(eventPath: string | undefined, repository: string): PullRequestInfo | undefined {
  if (!eventPath) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(fs.readFileSync(eventPath, 'utf8'));
  } catch {
    return undefined;
  }
  const pr = field(payload, 'pull_request');
  const number = field(pr, 'number');
  const headSha = field(field(pr, 'head'), 'sha');
  const baseSha = field(field(pr, 'base'), 'sha');
  if (typeof number !== 'number' || typeof headSha !== 'string' || typeof baseSha !== 'string') return undefined;
  const headRepo = field(field(field(pr, 'head'), 'repo'), 'full_name');
  const baseRepo = field(field(field(pr, 'base'), 'repo'), 'full_name') ?? repository;
  return { number, headSha, baseSha, fromFork: typeof headRepo === 'string' && headRepo !== baseRepo };
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** Links for the Markdown report: files on the run's commit (the PR's head), when the repository is known. */
export function blobLinks(context: GitHubContext): BlobLinks | undefined {
  return context.repository && context.sha ? { serverUrl: context.serverUrl, repository: context.repository, ref: context.sha } : undefined;
}
