#!/usr/bin/env node
/**
 * Command line front end: parse options, run lint(), format, choose the exit code.
 * run() works in-process (tests) and from the bin; it never calls process.exit, so output always flushes.
 */
import { gitPrefix } from './cli/git-prefix.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { builtinChecks } from './checks/index.js';
import { printConfig } from './cli/print-config.js';
import { parseRuleOption, parseSkipOption, withUnusedDirectives } from './cli/rule-options.js';
import { ConfigError } from './config/errors.js';
import { parseSeverity, SEVERITY_SPELLINGS } from './config/severity.js';
import { configureRun } from './engine/bind.js';
import { enabledRules } from './engine/enabled.js';
import { InternalError, UsageError } from './engine/errors.js';
import { ruleDocsUrl } from './engine/lint.js';
import { addOnlyNewOptions, lintSelected, type OnlyNewOptions } from './cli/only-new.js';
import type { CliIO } from './cli/io.js';
import type { LintOptions, LintResult } from './engine/types.js';
import { SEVERITY_RANK, type Severity } from './finding.js';
import { blobLinks, readGitHubContext } from './github/context.js';
import { fixSummary, type FixSummary } from './fix/types.js';
import { printable } from './report/ansi.js';
import { cacheDirProblem, defaultCacheDir } from './schema/cache.js';
import { makeDir } from './util/make-dir.js';
import { isKubernetesVersion, KUBERNETES_VERSION_FORMS } from './schema/versions.js';
import { FLUX_VERSION_FORMS, fluxTarget } from './k8s/deprecations/releases.js';
import { severityCounts } from './report/counts.js';
import { DEFAULT_FORMAT, FORMAT_NAMES, formatters, summary, type FormatName } from './report/index.js';
import { TOOL_NAME, toolVersion } from './report/tool.js';
import { entryPointNotices } from './cli/notices.js';
import { timingTable } from './cli/timing.js';
import { nothingToLint, resolveTargets, selectFindings, type Targets } from './cli/targets.js';

export type { CliIO };

type FailOn = Severity | 'none';

interface CliOptions extends OnlyNewOptions {
  format: FormatName;
  output?: string;
  failOn: FailOn;
  config?: string;
  root?: string;
  color: boolean;
  verbose?: boolean;
  quiet?: boolean;
  maxWarnings?: number;
  kubernetesVersion?: string;
  fluxVersion?: string;
  schemaLocation: string[];
  cache: boolean;
  printConfig?: boolean;
  listRules?: boolean;
  summary?: boolean;
  rule: Record<string, unknown>;
  skip: string[];
  reportUnusedDisableDirectives?: boolean;
  errorOnUnmatchedPattern: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;

const HELP_AFTER = `
Commands:
  graph [path] --format text|mermaid|dot   print each cluster's dependency graph (see gitops-lint graph --help)
  comment [path]       lint and keep one comment on the pull request (gitops-lint comment --help)
  hook install [path]  a git pre-push hook that lints what each push adds (hook uninstall removes it)

Exit codes:
  0  no finding at or above --fail-on (and --max-warnings not exceeded)
  1  a finding at or above --fail-on, or more warnings than --max-warnings
  2  usage error (unknown option or format, bad path), invalid config, or internal error

Environment:
  NO_COLOR=1           never colour the output
  DEBUG=gitops-lint    print stack traces of errors`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  // Subcommands load only when used (the comment bot brings Octokit); lint a folder named so as ./comment.
  if (argv[0] === 'graph') return (await import('./cli/graph.js')).runGraph(argv.slice(1), io);
  if (argv[0] === 'comment') return (await import('./cli/comment.js')).runComment(argv.slice(1), io);
  if (argv[0] === 'hook') return (await import('./cli/hook.js')).runHookCommand(argv.slice(1), io);
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    // Help and version "errors" carry exit code 0; every other parse error is a usage error.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    throw err;
  }
  const options = program.opts<CliOptions>();
  try {
    const targets = resolveTargets(program.processedArgs[0] as string[], cwd, options.root);
    return await execute(targets, options, io, env, cwd);
  } catch (err) {
    io.stderr.write(`${TOOL_NAME}: ${errorMessage(err)}\n`);
    if (env.DEBUG?.split(',').includes(TOOL_NAME) && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return EXIT_ERROR;
  }
}

function buildProgram(io: CliIO): Command {
  const program = new Command(TOOL_NAME)
    .description('Lint a Flux CD GitOps repository: references, dependencies, schemas, deprecations and secrets.')
    .argument('[paths...]', 'files and directories to report on; the whole repository around them is read (default: ".")')
    .addOption(new Option('-f, --format <name>', 'report format').choices(FORMAT_NAMES).default(DEFAULT_FORMAT))
    .option('-o, --output <file>', 'write the report to <file> instead of stdout (default: stdout)')
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1: error (2), warning (warn, 1), info, or none (off, 0)')
        .default('error')
        .argParser(parseFailOn),
    )
    .option('-c, --config <file>', 'config file (default: .gitops-lint.yaml at the repository root when present)')
    .option('--root <dir>', 'repository root (default: the nearest folder at or above the first path with .gitops-lint.yaml or .git, else that path)')
    .option('--no-color', 'never colour the output (default: colour only when stdout is a terminal and NO_COLOR is unset)')
    .option('--verbose', 'also list skipped files and stats (stylish format) (default: off)')
    .option('--quiet', 'report errors only; warnings and info still count for --fail-on and --max-warnings (default: off)')
    .option('--max-warnings <n>', 'exit 1 when there are more than <n> warnings (default: no limit)', parseCount)
    .option('--kubernetes-version <version>', 'target Kubernetes version: x.y, x.y.z, vx.y.z or latest (default: kubernetesVersion from the config, else latest)', parseKubernetesVersion)
    .option('--flux-version <version>', `target Flux version: ${FLUX_VERSION_FORMS} (default: fluxVersion from the config, else the newest Flux the deprecation table knows)`, parseFluxVersion)
    .option(
      '--schema-location <dir>',
      'folder of extra JSON schemas in kubeconform layout (<kind>_<version>.json, <group>/<kind>_<version>.json); repeatable, local only',
      (dir: string, previous: string[]) => [...previous, dir],
      [],
    )
    .option('--rule <setting>', "rule setting over the config, ESLint style: 'id: severity' or 'id: [severity, {param: value}]'; repeatable", parseRuleOption, {})
    .option('--skip <kinds>', 'drop findings about objects of these kinds: Kind or <apiVersion>/<Kind>, comma-separated; repeatable', parseSkipOption, [])
    .option('--report-unused-disable-directives', 'report suppression comments and annotations that suppressed nothing, as errors (rule suppression-unused)')
    .option('--no-error-on-unmatched-pattern', 'do not fail (exit 2) when the paths select no YAML file: pre-commit passes every staged file (ESLint\'s option)')
    .option('--no-cache', 'do not reuse compiled schema validators from $XDG_CACHE_HOME/gitops-lint (default: ~/.cache/gitops-lint)')
    .option('--summary', 'print counts only, one line (kubeconform -summary), instead of each finding (stylish and compact formats)')
    .option('--fix', 'apply the fixes findings carry to the files, in place (never SOPS-encrypted files); report what remains (default: off)')
    .option('--fix-dry-run', 'print the fixes as a unified diff on stdout and change nothing; the report goes to -o <file>, or to stderr in stylish format (default: off)')
    .option('--print-config', 'print the effective config as YAML and exit')
    .option('--list-rules', 'list every rule with its effective severity and description (--format json: id, severity, description, recommended, docs), and exit')
    .version(toolVersion(), '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .addHelpText('after', HELP_AFTER)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${TOOL_NAME}: ${text.replace(/^error: /, '')}`),
    });
  return addOnlyNewOptions(program);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, e.g. 0 or 10.');
  return Number(value);
}

/** A severity as the config takes it (ESLint's `warn` and 0/1/2 included); off means nothing fails the run. */
function parseFailOn(value: string): FailOn {
  if (value === 'none') return 'none';
  const severity = parseSeverity(value);
  if (severity === undefined) throw new InvalidArgumentError(`expected one of ${[...SEVERITY_SPELLINGS, 'none'].join(', ')}.`);
  return severity === 'off' ? 'none' : severity;
}

function parseKubernetesVersion(value: string): string {
  if (!isKubernetesVersion(value)) throw new InvalidArgumentError(`expected ${KUBERNETES_VERSION_FORMS}.`);
  return value;
}

function parseFluxVersion(value: string): string {
  const target = fluxTarget(value);
  if ('problem' in target) throw new InvalidArgumentError(`${target.problem}.`);
  return value;
}

async function execute(targets: Targets, options: CliOptions, io: CliIO, env: Record<string, string | undefined>, cwd: string): Promise<number> {
  const { root } = targets;
  if (options.summary && options.format !== 'stylish' && options.format !== 'compact') {
    throw new UsageError(`--summary prints one line of counts instead of the findings (stylish or compact format), not ${options.format}`);
  }
  const lintOptions: LintOptions = {};
  if (options.config !== undefined) lintOptions.configPath = path.resolve(cwd, options.config);
  if (options.kubernetesVersion !== undefined) lintOptions.kubernetesVersion = options.kubernetesVersion;
  const rules = options.reportUnusedDisableDirectives ? withUnusedDirectives(options.rule) : options.rule;
  if (Object.keys(rules).length > 0) lintOptions.ruleSettings = rules;
  if (options.skip.length > 0) lintOptions.skipKinds = options.skip;
  if (options.fluxVersion !== undefined) lintOptions.fluxVersion = options.fluxVersion;
  for (const dir of options.schemaLocation) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir)) throw new UsageError(`--schema-location ${dir}: schemas are never downloaded (gitops-lint works offline); give a local folder`);
  }
  if (options.schemaLocation.length > 0) lintOptions.schemaLocations = options.schemaLocation.map((dir) => path.resolve(cwd, dir));
  if (options.cache) {
    const dir = defaultCacheDir(env);
    const problem = cacheDirProblem(dir);
    if (problem === undefined) lintOptions.schemaCacheDir = dir;
    else io.stderr.write(`${TOOL_NAME}: warning: cache directory ${dir} cannot be written (${problem}); compiled schemas are not cached (--no-cache hides this)\n`);
  }

  if (options.printConfig) {
    io.stdout.write(printConfig(root, lintOptions, builtinChecks));
    return EXIT_OK;
  }
  if (options.listRules) {
    if (options.format !== 'stylish' && options.format !== 'json') throw new UsageError(`--list-rules prints stylish (text) or json, not ${options.format}`);
    const rules = listRules(root, lintOptions);
    io.stdout.write(options.format === 'json' ? `${JSON.stringify(rules, null, 2)}\n` : rulesTable(rules));
    return EXIT_OK;
  }

  const fixing = await fixIfAsked(root, lintOptions, options, io);
  const selected = fixing ? { result: fixing.result, notes: [] as string[], wroteBaseline: undefined } : await lintSelected(root, lintOptions, options, cwd, builtinChecks);
  const { result: whole, notes, wroteBaseline } = selected;
  for (const note of notes) io.stderr.write(`${TOOL_NAME}: note: ${note}\n`);
  if (wroteBaseline !== undefined) return EXIT_OK;
  const empty = options.errorOnUnmatchedPattern ? nothingToLint(whole, targets) : undefined;
  if (empty !== undefined) throw new UsageError(empty);
  const result = selectFindings(whole, targets);
  for (const notice of [...result.notices, ...entryPointNotices(result)]) io.stderr.write(`${TOOL_NAME}: note: ${notice}\n`);
  if (options.verbose) for (const notice of result.verboseNotices ?? []) io.stderr.write(`${TOOL_NAME}: note: ${notice}\n`);
  const shown: LintResult = options.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') } : result;
  const report = (options.summary ? summary : formatters[options.format])(shown, {
    color: options.color && io.isTTY && !env.NO_COLOR && options.output === undefined,
    verbose: options.verbose === true,
    pathPrefix: gitPrefix(result.root),
    cwd: realCwd(cwd),
    failOn: options.failOn,
    links: blobLinks(readGitHubContext(env)),
    width: options.output === undefined ? io.columns : undefined,
    ...(fixing ? { fixes: fixing.summary } : {}),
  });
  if (options.output !== undefined) writeReport(path.resolve(cwd, options.output), report);
  else if (options.fixDryRun) io.stderr.write(report);
  else io.stdout.write(report);
  const timing = timingTable(result, env.TIMING);
  if (timing !== undefined) io.stderr.write(timing);

  const warnings = severityCounts(result.findings).warning;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`${TOOL_NAME}: too many warnings (${warnings}, maximum ${options.maxWarnings})\n`);
    return EXIT_FINDINGS;
  }
  const failOn = options.failOn;
  if (failOn === 'none') return EXIT_OK;
  return result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? EXIT_FINDINGS : EXIT_OK;
}

/** --fix / --fix-dry-run: the fixed run's last lint result and what was fixed; the dry run's diff goes to stdout. */
async function fixIfAsked(root: string, lintOptions: LintOptions, options: CliOptions, io: CliIO): Promise<{ result: LintResult; summary: FixSummary } | undefined> {
  if (!options.fix && !options.fixDryRun) return undefined;
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other: --fix-dry-run shows what --fix would write');
  if (options.fixDryRun && options.output === undefined && options.format !== 'stylish') {
    throw new UsageError(`--fix-dry-run prints the diff on stdout: give -o <file> for the ${options.format} report`);
  }
  // Loaded only for --fix and --fix-dry-run (the diff library among them): a plain lint or the hook does not pay for them.
  const { fixRepo } = await import('./fix/run.js');
  const outcome = await fixRepo(root, lintOptions, builtinChecks, { dryRun: options.fixDryRun === true });
  if (outcome.dryRun) io.stdout.write((await import('./fix/diff.js')).unifiedDiff(outcome.fixed));
  return { result: outcome.result, summary: fixSummary(outcome) };
}

/** One row of --list-rules (its JSON form: ESLint-like rule metadata). */
interface ListedRule {
  id: string;
  /** Under the config: 'off' when not enabled. */
  severity: Severity | 'off';
  description: string;
  /** In the recommended set (custom rules are on unless turned off). */
  recommended: boolean;
  /** The rule's documentation URL ('' for a custom rule without docs). */
  docs: string;
}

/** Every built-in and custom rule, sorted by id, with its severity under the config. */
function listRules(root: string, lintOptions: LintOptions): ListedRule[] {
  const { config, builtins } = configureRun(root, lintOptions, builtinChecks);
  const all = [...builtins, ...config.customRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const effective = new Map(enabledRules(config, builtins).map((e) => [e.rule.id, e.severity]));
  return all.map((r) => ({ id: r.id, severity: effective.get(r.id) ?? 'off', description: r.description, recommended: r.recommended !== false, docs: ruleDocsUrl(r) }));
}

function rulesTable(rules: readonly ListedRule[]): string {
  const idW = Math.max(0, ...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(idW)}  ${r.severity.padEnd(7)}  ${printable(r.description)}\n`).join('');
}

function writeReport(file: string, report: string): void {
  try {
    makeDir(path.dirname(file));
    fs.writeFileSync(file, report);
  } catch (err) {
    throw new UsageError(`cannot write report to ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}


/** The working directory with symlinks resolved, as the root is (a vanished cwd stays as given). */
function realCwd(cwd: string): string {
  try {
    return fs.realpathSync(cwd);
  } catch {
    return cwd;
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof UsageError || err instanceof ConfigError || err instanceof InternalError) return err.message;
  if (err instanceof Error) return `internal error: ${err.message}`;
  return `internal error: ${String(err)}`;
}

/** True when this module is the program being run (node dist/cli.js, or the npm bin symlink to it). */
function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return fs.realpathSync(entry) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  // A closed pipe (gitops-lint ... | head) ends the program quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
  const isTTY = process.stdout.isTTY === true;
  void run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, isTTY, columns: isTTY ? process.stdout.columns : undefined }).then((code) => {
    process.exitCode = code;
  });
}
