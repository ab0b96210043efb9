/**
 * `gitops-lint comment [path]`: lint, then keep the pull request's sticky comment and review comments up to date (the
 * bot of src/github/comment.ts), from any CI with a token. Pull request, repository and API root come from the GitHub
 * Actions environment or from options. Its exit code says whether it could run, not whether there are findings (run a
 * plain lint for that); a refused comment (403, a fork's read-only token) is logged and still exits 0.
 */
import { gitPrefix } from './git-prefix.js';
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { builtinChecks } from '../checks/index.js';
import { ConfigError } from '../config/errors.js';
import { lint } from '../engine/lint.js';
import { InternalError, UsageError } from '../engine/errors.js';
import type { LintOptions } from '../engine/types.js';
import { blobLinks, readGitHubContext, type Env } from '../github/context.js';
import { changedLines } from '../github/diff.js';
import { maskToken } from '../github/mask.js';
import { commentOnPullRequest } from '../github/pull-request.js';
import { countsPhrase } from '../report/markdown.js';
import { TOOL_NAME } from '../report/tool.js';

export interface CommentIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env?: Env;
  cwd?: string;
}

interface CommentOptions {
  pr?: number;
  repo?: string;
  sha?: string;
  base?: string;
  apiUrl?: string;
  config?: string;
  maxReviewComments: number;
}

const HELP_AFTER = `
The token is read from GITHUB_TOKEN (never from an option, so it stays out of process lists and logs); a GitHub App
installation token works the same. In GitHub Actions the pull request, repository, commits and API root (GITHUB_API_URL,
set on GitHub Enterprise Server) come from the environment; elsewhere give --repo, --pr, --sha and --base.

Exit codes:
  0  linted; commented, or explained in the log why not (a 403 or a fork's read-only token never fails the run)
  2  usage error, invalid config, or internal error`;

export async function runComment(argv: string[], io: CommentIO): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const token = env.GITHUB_TOKEN ?? '';
  const program = new Command(`${TOOL_NAME} comment`)
    .description('Lint and keep one comment on the pull request, with review comments on the changed lines.')
    .argument('[path]', 'root of the repository to lint', '.')
    .option('--pr <number>', 'pull request number (default: from GITHUB_EVENT_PATH)', parseNumber)
    .option('--repo <owner/name>', 'repository (default: GITHUB_REPOSITORY)')
    .option('--sha <commit>', 'head commit of the pull request (default: from the event, else GITHUB_SHA)')
    .option('--base <commit>', 'base commit the change is compared with, for review comments (default: from the event)')
    .option('--api-url <url>', 'REST API root (default: GITHUB_API_URL, else https://api.github.com)')
    .option('-c, --config <file>', 'config file (default: <path>/.gitops-lint.yaml when present)')
    .option('--max-review-comments <n>', 'review comments posted in one run at most; the rest go in the comment', parseNumber, 20)
    .helpOption('-h, --help', 'show this help and exit')
    .addHelpText('after', HELP_AFTER)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const log = (line: string) => io.stderr.write(`${maskToken(line, token)}\n`);
  try {
    const root = path.resolve(cwd, (program.processedArgs[0] as string | undefined) ?? '.');
    return await comment(root, program.opts<CommentOptions>(), env, cwd, token, log);
  } catch (err) {
    const known = err instanceof UsageError || err instanceof ConfigError || err instanceof InternalError;
    log(`${TOOL_NAME}: ${known ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`}`);
    return 2;
  }
}

async function comment(root: string, options: CommentOptions, env: Env, cwd: string, token: string, log: (line: string) => void): Promise<number> {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`not a directory: ${root}`);
  const context = readGitHubContext(env);
  if (options.repo !== undefined) context.repository = options.repo;
  if (options.apiUrl !== undefined) context.apiUrl = options.apiUrl.replace(/\/+$/, '');
  const number = options.pr ?? context.pullRequest?.number;
  const headSha = options.sha ?? context.pullRequest?.headSha ?? context.sha;
  if (number === undefined) throw new UsageError('no pull request: give --pr, or run on a pull_request event');
  if (!/^[^/\s]+\/[^/\s]+$/.test(context.repository)) throw new UsageError('no repository: give --repo owner/name, or set GITHUB_REPOSITORY');
  if (!headSha) throw new UsageError('no head commit: give --sha, or set GITHUB_SHA');
  if (!token) throw new UsageError('no token: set GITHUB_TOKEN (a GITHUB_TOKEN or a GitHub App installation token)');
  context.sha = headSha;
  const baseSha = options.base ?? context.pullRequest?.baseSha;

  const lintOptions: LintOptions = {};
  if (options.config !== undefined) lintOptions.configPath = path.resolve(cwd, options.config);
  const result = await lint(root, lintOptions, builtinChecks);
  const changed = baseSha ? changedLines(root, baseSha, headSha) : undefined;
  if (!changed) log(`${TOOL_NAME}: the change's lines are unknown (no base commit${baseSha ? ` ${baseSha} in this clone` : ''}): no review comments`);
  log(`${TOOL_NAME}: ${countsPhrase(result.findings)}`);
  await commentOnPullRequest({
    token,
    context,
    pullRequest: { number, headSha, baseSha: baseSha ?? '', fromFork: context.pullRequest?.fromFork ?? false },
    findings: result.findings,
    rules: result.rules,
    changed,
    pathPrefix: gitPrefix(root),
    links: blobLinks(context),
    maxReviewComments: options.maxReviewComments,
    log,
  });
  return 0;
}

function parseNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

/** The linted root relative to the top of its git repository (review comment paths are repository paths). */
