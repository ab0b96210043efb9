/**
 * The GitHub Action (action.yml): read the inputs as the runner passes them (INPUT_<NAME> variables), lint, and report
 * in every place GitHub shows results, each within its limits: annotations on the changed lines, the job summary, a
 * SARIF file for code scanning, the PR comment bot, and the step outputs. Only the lint result decides the exit code;
 * the comment bot never fails the job. The token is never printed: every line written goes through maskToken.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseSeverity } from '../config/severity.js';
import type { LintOptions } from '../engine/types.js';
import { SEVERITY_RANK, type Severity } from '../finding.js';
import { fluxTarget } from '../k8s/deprecations/releases.js';
import { severityCounts } from '../report/counts.js';
import { isKubernetesVersion, KUBERNETES_VERSION_FORMS } from '../schema/versions.js';
import { TOOL_NAME } from '../report/tool.js';
import { drawGraph } from '../report/graph/formats.js';
import { graphChanges } from '../report/graph/diff.js';
import { actionLint, type ActionLint } from './action-lint.js';
import { planAnnotations } from './annotations.js';
import { blobLinks, readGitHubContext, type Env } from './context.js';
import { changedLines } from './diff.js';
import { maskToken } from './mask.js';
import { cappedSarif } from './sarif-limits.js';
import { jobSummary, type SummaryInput } from './summary.js';
import { commentOnPullRequest } from './pull-request.js';

export interface ActionIO {
  stdout: { write(text: string): unknown };
}

/** An input as the runner passes it: INPUT_ + the name upper-cased with spaces as underscores (hyphens stay). */
export function actionInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

class InputError extends Error {}

/** Runs the Action; returns the exit code (1: findings at fail-on or a bad input; 2: the lint itself failed). */
export async function runAction(env: Env, io: ActionIO, cwd = process.cwd()): Promise<number> {
  const token = actionInput(env, 'token') || env.GITHUB_TOKEN || '';
  const write = (text: string) => io.stdout.write(maskToken(text, token));
  try {
    return await act(env, write, token, cwd);
  } catch (err) {
    const message = err instanceof InputError ? err.message : `${err instanceof Error ? err.message : String(err)}`;
    write(`::error title=${TOOL_NAME}::${message.replace(/%/g, '%25').replace(/\r?\n/g, '%0A')}\n`);
    return err instanceof InputError ? 1 : 2;
  }
}

async function act(env: Env, write: (text: string) => void, token: string, cwd: string): Promise<number> {
  const context = readGitHubContext(env);
  const workspace = context.workspace ?? cwd;
  const root = path.resolve(workspace, actionInput(env, 'path') || '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new InputError(`path: not a directory: ${root}`);
  const isPullRequest = context.pullRequest !== undefined;
  const failOn = readFailOn(actionInput(env, 'fail-on') || 'error');
  const onlyNew = readBoolean(env, 'only-new', isPullRequest);
  const comment = readBoolean(env, 'comment', isPullRequest);
  const options = lintOptions(env, workspace);

  const pr = context.pullRequest;
  const run = await actionLint(root, options, pr && onlyNew ? pr.baseSha : undefined, (line) => write(`${line}\n`));
  const { result, notes } = run;
  const findings = result.findings;
  for (const notice of result.notices) write(`${TOOL_NAME}: note: ${notice}\n`);
  const pathPrefix = relativePrefix(workspace, root);

  const changed = pr ? changedLines(root, pr.baseSha, pr.headSha) : undefined;
  if (pr && !changed) notes.push('The base commit of the pull request is not in the checkout (use `fetch-depth: 0` with actions/checkout): annotations are not limited to the changed lines and no review comments are posted.');

  const plan = planAnnotations(findings, changed, pathPrefix);
  for (const command of plan.commands) write(command);
  if (plan.left > 0) notes.push(`${plan.shown} findings are shown as annotations (GitHub shows at most 10 errors, 10 warnings and 10 notices a step); all are listed here.`);

  let sarifFile = '';
  const sarifInput = actionInput(env, 'sarif');
  if (sarifInput) {
    sarifFile = path.resolve(workspace, sarifInput);
    const capped = cappedSarif({ ...result, findings: run.all }, pathPrefix);
    fs.mkdirSync(path.dirname(sarifFile), { recursive: true });
    fs.writeFileSync(sarifFile, capped.text);
    if (capped.left > 0) notes.push(`The SARIF file holds the ${capped.results} most severe findings (code scanning takes at most 25,000 results and 10 MB gzipped); ${capped.left} more are listed here.`);
  }

  const links = blobLinks(context);
  if (pr && comment) {
    if (!token) notes.push('No token: the pull request comment was skipped.');
    else {
      const outcome = await commentOnPullRequest({ token, context, pullRequest: pr, findings, rules: result.rules, changed, pathPrefix, links, log: (line) => write(`${line}\n`) });
      if (outcome.status === 'skipped') notes.push(`No pull request comment: ${outcome.reason}. The findings are in the annotations and below.`);
    }
  }

  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (summaryFile) fs.appendFileSync(summaryFile, jobSummary({ findings, rules: result.rules, markdown: { links, pathPrefix }, notes, ...changedGraph(run.graphs) }));
  else for (const note of notes) write(`${TOOL_NAME}: ${note}\n`);

  const counts = severityCounts(findings);
  setOutputs(env, { errors: String(counts.error), warnings: String(counts.warning), 'sarif-file': sarifFile });
  write(`${TOOL_NAME}: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info\n`);
  return failOn !== 'none' && findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

/** The head's graph and what changed, when the pull request changed the graph. */
function changedGraph(graphs: ActionLint['graphs']): Pick<SummaryInput, 'changedGraph'> {
  if (!graphs) return {};
  const changes = graphChanges(graphs.base, graphs.head);
  if (changes.added.length === 0 && changes.removed.length === 0) return {};
  return { changedGraph: { ...changes, mermaid: drawGraph(graphs.head, 'mermaid') } };
}

function lintOptions(env: Env, workspace: string): LintOptions {
  const options: LintOptions = {};
  const config = actionInput(env, 'config');
  if (config) options.configPath = path.resolve(workspace, config);
  const kubernetesVersion = actionInput(env, 'kubernetes-version');
  if (kubernetesVersion) {
    if (!isKubernetesVersion(kubernetesVersion)) throw new InputError(`kubernetes-version: expected ${KUBERNETES_VERSION_FORMS}, got "${kubernetesVersion}"`);
    options.kubernetesVersion = kubernetesVersion;
  }
  const fluxVersion = actionInput(env, 'flux-version');
  if (fluxVersion) {
    // As --flux-version: the version is checked here, so a bad one fails the step before anything is linted.
    const target = fluxTarget(fluxVersion);
    if ('problem' in target) throw new InputError(`flux-version: ${target.problem}, got "${fluxVersion}"`);
    options.fluxVersion = fluxVersion;
  }
  return options;
}

function readFailOn(value: string): Severity | 'none' {
  if (value === 'none') return 'none';
  const severity = parseSeverity(value);
  if (severity === undefined) throw new InputError(`fail-on: expected error, warning, info or none, got "${value}"`);
  return severity === 'off' ? 'none' : severity;
}

/** A boolean input: true/false (any case), empty for the default. */
function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = actionInput(env, name).toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(`${name}: expected true or false, got "${value}"`);
}

function relativePrefix(workspace: string, root: string): string {
  const relative = path.relative(realpath(workspace), realpath(root));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return '';
  return relative.split(path.sep).join('/');
}

function realpath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** Step outputs: `name=value` lines appended to $GITHUB_OUTPUT (values here are single-line). */
function setOutputs(env: Env, outputs: Record<string, string>): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  fs.appendFileSync(file, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}
