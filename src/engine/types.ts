/**
 * Rules are data (rules/*.yaml, or customRules in .gitops-lint.yaml); checks are functions (src/checks).
 * The engine binds them: for each enabled rule it calls the rule's check with the rule's params.
 */
import type { Finding, Fix, Location, ObjectRef, Severity } from '../finding.js';
import type { RepoGraph } from '../graph/types.js';
import type { LoadedRepo, PathSegment, SkippedFile, YamlDocument } from '../load/types.js';

/** One rule, as declared in rules/<id>.yaml (and in the same shape in a repo's config). */
export interface RuleDefinition {
  /** Stable kebab-case id, e.g. `flux-kustomization-prune`. Never renamed once released. */
  id: string;
  /** Default severity. */
  severity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters on a cluster. */
  rationale: string;
  /** How to fix it. */
  remediation: string;
  /** Doc page: docs/rules/<id>.md for built-ins (the engine makes it a URL for SARIF). */
  docs: string;
  /** Name of the check function in src/checks. */
  check: string;
  /** Parameters passed to the check. */
  params?: Record<string, unknown>;
  /** In the `recommended` set (default true). */
  recommended?: boolean;
  /** Where it came from. */
  origin?: 'builtin' | 'config';
}

/** What a check reports; the engine adds ruleId and severity and applies suppressions. */
export interface ReportInput {
  message: string;
  location: Location;
  object?: ObjectRef;
  fix?: Fix;
}

export interface CheckContext {
  repo: LoadedRepo;
  graph: RepoGraph;
  rule: RuleDefinition;
  /** The rule's params merged with config overrides. */
  params: Record<string, unknown>;
  report(input: ReportInput): void;
  /** Location of the node at `path` in `doc` (the key when target is 'key'); falls back to the nearest existing ancestor. */
  locate(doc: YamlDocument, path: PathSegment[], target?: 'key' | 'value'): Location;
  /** Every rule id known to this run (built-in and config, enabled or not): for checks that validate rule names. */
  knownRuleIds?: ReadonlySet<string>;
  /** The effective config (kubernetesVersion, schemaLocations, ...). */
  config?: Config;
  /** Folder for compiled schema validators reused across runs; undefined: no disk cache. */
  schemaCacheDir?: string;
}

export type CheckFunction = (ctx: CheckContext) => void;

export type RuleSetting = Severity | 'off' | { severity?: Severity | 'off'; params?: Record<string, unknown> };

/** .gitops-lint.yaml at the repo root, after defaults. */
export interface Config {
  /** 'recommended' (default): rules with recommended !== false; 'all': every rule; 'none': only rules turned on below. */
  extends: 'recommended' | 'all' | 'none';
  rules: Record<string, RuleSetting>;
  /** Globs (repo-relative, picomatch) of files never read. */
  ignore: string[];
  /** Objects whose findings are dropped. Every given field must match; `name`/`namespace` accept globs. */
  ignoreObjects: { apiVersion?: string; kind?: string; namespace?: string; name?: string }[];
  /** Cluster entry points: a directory applied by the cluster's root Flux Kustomization. */
  entryPoints: { cluster: string; path: string; name?: string; namespace?: string }[];
  /** Sources created outside the repo (AKS microsoft.flux, bootstrap not committed, ...). */
  externalSources: { kind: string; name: string; namespace?: string }[];
  /**
   * Sources whose content is a directory of this repo (an OCIRepository CI pushes from it, say): Flux Kustomizations
   * using them are rendered from `path`.
   */
  localSources?: { kind: string; name: string; namespace?: string; path: string }[];
  /** User rules, same shape as rules/*.yaml. */
  customRules: RuleDefinition[];
  /** Target versions, used by schema and deprecation rules. */
  kubernetesVersion?: string;
  fluxVersion?: string;
  /** Folders of user JSON schemas in kubeconform's layout (absolute after resolveConfig; relative ones from the repo root). */
  schemaLocations?: string[];
}

export interface LintOptions {
  /** Path to a config file; default <root>/.gitops-lint.yaml when present. */
  configPath?: string;
  /** Config given directly (tests); merged over the file. */
  config?: Partial<Config>;
  kubernetesVersion?: string;
  /** Extra schema folders (--schema-location), resolved from the current directory; searched before the config's. */
  schemaLocations?: string[];
  /** Folder for compiled schema validators reused across runs (the CLI's default: see defaultCacheDir); default: none. */
  schemaCacheDir?: string;
}

/** Rule metadata carried into reports (SARIF rules, help URIs). */
export interface RuleMeta {
  id: string;
  severity: Severity;
  description: string;
  remediation: string;
  helpUri: string;
}

export interface LintResult {
  /** Absolute repo root. */
  root: string;
  /** After severity overrides, suppressions and ignores; sorted with compareFindings. */
  findings: Finding[];
  /** Enabled rules, sorted by id. */
  rules: RuleMeta[];
  skipped: SkippedFile[];
  /** Findings dropped by inline suppressions or ignoreObjects. */
  suppressedCount: number;
  /** Things the user should know about the run itself, not about a file (e.g. a Kubernetes version not bundled). */
  notices: string[];
  stats: {
    files: number;
    yamlFiles: number;
    documents: number;
    objects: number;
    clusters: string[];
    durationMs: number;
  };
}
