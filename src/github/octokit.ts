/**
 * The GitHub REST client of the PR comment bot: @octokit/rest with the retry and throttling plugins, on the API root the
 * run names (GITHUB_API_URL on Enterprise Server). Imported only with `await import()` by the comment command and the
 * Action's comment step, so a plain lint never loads Octokit (test/github/lazy-octokit.test.ts).
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { TOOL_NAME, toolVersion } from '../report/tool.js';

const Client = Octokit.plugin(retry, throttling);

export type GitHubClient = Octokit;

/**
 * @param token GITHUB_TOKEN or a GitHub App installation token (both are sent as `token <value>`)
 * @param log where the throttling plugin's waits are reported (never with the token)
 */
export function createClient(token: string, apiUrl: string, log: (line: string) => void): GitHubClient {
  return new Client({
    auth: token,
    baseUrl: apiUrl,
    userAgent: `${TOOL_NAME}/${toolVersion()}`,
    log: { debug: () => {}, info: () => {}, warn: (text: string) => log(text), error: (text: string) => log(text) },
    throttle: {
      // Wait out a primary rate limit twice, a secondary one once; then the call fails and the bot falls back.
      onRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log(`rate limited on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
        return retryCount < 2;
      },
      onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log(`secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
        return retryCount < 1;
      },
    },
  });
}
