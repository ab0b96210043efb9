/**
 * lint(): config -> load -> graph -> every enabled rule's check -> suppressions -> sorted, deduplicated findings.
 * The checks come from the caller (the CLI and src/index.ts pass the built-in registry): the engine knows none.
 */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { CheckContext, CheckRegistry, RuleDefinition } from '../checks/types.js';
import type { Config } from '../config/types.js';
import { compareFindings, SEVERITY_RANK, type Finding, type ObjectRef } from '../finding.js';
import { buildGraph } from '../graph/index.js';
import { pathOverrides } from './overrides.js';
import { docAt, placeFindings } from './placement.js';
import { loadRepo, locate, type LoadedRepo } from '../load/index.js';
import { SchemaStore } from '../schema/store.js';
import { LATEST } from '../schema/versions.js';
import { configureRun } from './bind.js';
import { enabledRules } from './enabled.js';
import { InternalError, UsageError } from './errors.js';
import { createServices } from './services.js';
import { ruleDocsBaseUrl } from '../util/package-info.js';
import type { LintOptions, LintResult, RuleMeta } from './types.js';


export async function lint(root: string, options: LintOptions, checks: CheckRegistry): Promise<LintResult> {
  const { repo, config, builtins, started } = await prepareLint(root, options, checks);
  return lintRepo(repo, { config, builtins }, checks, { schemaCacheDir: options.schemaCacheDir, onlyRules: options.onlyRules, started, onGraph: options.onGraph });
}

/** What lint() does before linting: the root checked, the config resolved and bound, the repo loaded. --fix lints this repo again after each pass. */
export async function prepareLint(
  root: string,
  options: LintOptions,
  checks: CheckRegistry,
): Promise<{ repo: LoadedRepo; config: Config; builtins: RuleDefinition[]; started: number }> {
  const started = performance.now();
  const absRoot = path.resolve(root);
  if (!fs.existsSync(absRoot)) throw new UsageError(`repository root not found: ${absRoot}`);
  if (!fs.statSync(absRoot).isDirectory()) throw new UsageError(`repository root is not a directory: ${absRoot}`);

  const { config, builtins } = configureRun(absRoot, options, checks);
  for (const dir of config.schemaLocations ?? []) {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`schema location is not a folder: ${dir}`);
  }
  const repo = await loadRepo(absRoot, { ignore: config.ignore, ...(options.gitRemotes ? { gitRemotes: options.gitRemotes } : {}) });
  return { repo, config, builtins, started };
}

/**
 * Lints a loaded repo (loaded with `config.ignore`) with a resolved config and the built-in rules bound to `checks`
 * (see configureRun). Everything derived from the repo for the checks is created here, once per call, so two calls
 * on the same LoadedRepo with different configs each see only their own.
 */
export function lintRepo(
  repo: LoadedRepo,
  { config, builtins }: { config: Config; builtins: RuleDefinition[] },
  checks: CheckRegistry,
  options: { schemaCacheDir?: string; onlyRules?: ReadonlySet<string>; started?: number; onGraph?: LintOptions['onGraph'] } = {},
): LintResult {
  const started = options.started ?? performance.now();
  const knownRuleIds: ReadonlySet<string> = new Set([...builtins, ...config.customRules].map((r) => r.id));
  const graph = buildGraph(repo, config);
  options.onGraph?.(graph);
  const base = enabledRules(config, builtins);
  const overrides = pathOverrides(config, builtins, base);
  const enabled = [...base, ...overrides.extraRules];
  const rules = onlyThese(enabled, options.onlyRules, checks);
  // One set of services per run: nothing a check computes outlives it or leaks into a run with another config.
  const services = createServices(repo, graph, config, {
    schemaCacheDir: options.schemaCacheDir,
    knownRuleIds,
    // What the config turns on, not only what runs: a check leaving a case to another one does so with onlyRules too.
    enabledChecks: new Set(enabled.map((r) => r.rule.check)),
  });

  const ruleMs: Record<string, number> = {};
  const runChecks = (which: typeof rules): Finding[] => {
    const raw: Finding[] = [];
    for (const { rule, severity, params } of which) {
      const ruleStarted = performance.now();
      const ctx: CheckContext = {
        repo,
        graph,
        rule,
        params,
        services,
        locate: (doc, p, target) => locate(repo, doc, p, target),
        report: ({ message, location, object, fix, severity: lower }) => {
          const { file, line, column, endLine, endColumn } = location;
          // A check may lower one finding's severity below its rule's, never raise it.
          const own = lower !== undefined && SEVERITY_RANK[lower] < SEVERITY_RANK[severity] ? lower : severity;
          const finding: Finding = { file, line, column, endLine, endColumn, ruleId: rule.id, severity: own, message };
          if (object) finding.object = object;
          if (fix) finding.fix = fix;
          raw.push(finding);
        },
      };
      try {
        checks[rule.check]!.run(ctx);
      } catch (err) {
        throw new InternalError(rule.id, err);
      }
      ruleMs[rule.id] = (ruleMs[rule.id] ?? 0) + performance.now() - ruleStarted;
    }
    // Per-path severities first: a finding an override turns off is not there for a directive to suppress.
    return overrides.apply(raw);
  };

  const [late, early] = partition(rules, (r) => checks[r.rule.check]!.afterSuppressions === true);
  const raw = runChecks(early);
  const suppressions = services.suppressions();
  const ignored = objectIgnorer(config.ignoreObjects);
  const kept = raw.filter((f) => !suppressions.isSuppressed(f) && !ignored(f.object ?? objectAt(repo, f)));
  const findings = dedupe([...kept, ...runChecks(late)].sort(compareFindings));
  placeFindings(findings, repo, graph);

  return {
    root: repo.root,
    findings,
    rules: rules.map(({ rule, severity }) => ruleMeta(rule, severity)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    skipped: repo.skipped,
    files: repo.files.map((f) => f.path),
    suppressedCount: raw.length - kept.length,
    notices: kubernetesVersionNotices(config.kubernetesVersion),
    verboseNotices:
      graph.mode === 'fallback' && graph.clusters.length > 0
        ? [
            'no cluster root found (flux bootstrap layout, FluxInstance sync, entryPoints in .gitops-lint.yaml): ' +
              'the Flux Kustomizations nothing applies were taken as roots, so cluster findings are guesses and orphan-manifest is off',
          ]
        : [],
    stats: {
      files: repo.allFiles.length,
      yamlFiles: repo.files.length,
      documents: repo.files.reduce((n, f) => n + f.documents.length, 0),
      objects: repo.files.reduce((n, f) => n + f.documents.filter((d) => d.class === 'k8s').length, 0),
      clusters: graph.clusters.map((c) => c.name).sort(),
      clusterMode: graph.clusters.length === 0 ? 'none' : graph.mode,
      durationMs: Math.round(performance.now() - started),
      ruleMs,
    },
  };
}

/** A requested Kubernetes minor that is not bundled is validated against the nearest bundled one: say so. */
function kubernetesVersionNotices(requested: string | undefined): string[] {
  if (requested === undefined || requested === LATEST) return [];
  const store = new SchemaStore();
  const used = store.resolveKubernetesVersion(requested);
  const wanted = /^v?(\d+\.\d+)/.exec(requested)?.[1];
  if (wanted === used) return [];
  return [`Kubernetes ${requested} schemas are not bundled; built-in kinds are validated against ${used} (bundled: ${store.kubernetesVersions().join(', ')})`];
}

/** Where a rule is documented: its page for a built-in (at this version's tag), its own `docs` (maybe '') for a custom rule. */
export function ruleDocsUrl(rule: RuleDefinition): string {
  return rule.origin === 'config' ? rule.docs : `${ruleDocsBaseUrl()}${rule.id}.md`;
}

function ruleMeta(rule: RuleDefinition, severity: RuleMeta['severity']): RuleMeta {
  return { id: rule.id, severity, description: rule.description, remediation: rule.remediation, helpUri: ruleDocsUrl(rule) };
}

/** The rules LintOptions.onlyRules lists, or all when it lists none or a rule about the suppressions (see there). */
function onlyThese<T extends { rule: RuleDefinition }>(rules: T[], only: ReadonlySet<string> | undefined, checks: CheckRegistry): T[] {
  if (only === undefined || rules.some((r) => only.has(r.rule.id) && checks[r.rule.check]?.afterSuppressions === true)) return rules;
  return rules.filter((r) => only.has(r.rule.id));
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Findings are sorted; identical ones are adjacent. */
function dedupe(sorted: Finding[]): Finding[] {
  let previous = '';
  return sorted.filter((f) => {
    const key = JSON.stringify(f);
    if (key === previous) return false;
    previous = key;
    return true;
  });
}

/**
 * The object whose document holds a finding that names none (a duplicate key, a syntax problem inside it), as
 * written: ignoreObjects and --skip drop those findings too.
 */
function objectAt(repo: LoadedRepo, f: Finding): ObjectRef | undefined {
  const doc = docAt(repo, f.file, f.line);
  if (doc?.class !== 'k8s') return undefined;
  const { apiVersion, kind, name, namespace } = doc;
  return { apiVersion, kind, name, namespace };
}

/** True for objects matched by an ignoreObjects entry: every given field matches (name/namespace as globs). */
function objectIgnorer(entries: Config['ignoreObjects']): (object: ObjectRef | undefined) => boolean {
  const matchers = entries.map((e) => {
    const name = e.name === undefined ? undefined : picomatch(e.name, { dot: true });
    const namespace = e.namespace === undefined ? undefined : picomatch(e.namespace, { dot: true });
    return (o: ObjectRef) =>
      (e.apiVersion === undefined || e.apiVersion === o.apiVersion) &&
      (e.kind === undefined || e.kind === o.kind) &&
      (name === undefined || (o.name !== undefined && name(o.name))) &&
      (namespace === undefined || (o.namespace !== undefined && namespace(o.namespace)));
  });
  return (object) => !!object && matchers.some((m) => m(object));
}
