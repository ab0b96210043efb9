/** What a lint run takes and gives. (Rule and check types: src/checks/types.ts; config types: src/config/types.ts.) */
import type { ConfigOptions } from '../config/types.js';
import type { Finding, Severity } from '../finding.js';
import type { RepoGraph } from '../graph/types.js';
import type { SkippedFile } from '../load/types.js';

export interface LintOptions extends ConfigOptions {
  /** Folder for compiled schema validators reused across runs (the CLI's default: see defaultCacheDir); default: none. */
  schemaCacheDir?: string;
  /** The repository's git remote URLs, when the root is a copy of its tree without `.git` (see LoadOptions). */
  gitRemotes?: string[];
  /** Called with the run's dependency graph once built (the Action draws it; the result does not keep it). */
  onGraph?: (graph: RepoGraph) => void;
  /**
   * Check only these rules (ids): the findings of each are those a full run has, the other rules are not run.
   * A rule that judges the suppressions (afterSuppressions) needs every other rule's findings: listing one runs all.
   * What the config turns on still decides what a check leaves to another (CheckServices.checkEnabled).
   * Only-new mode lints the base tree for the rules the head has findings of (their fingerprints name the rule).
   */
  onlyRules?: ReadonlySet<string>;
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
  /** Repo-relative paths of the YAML files read, sorted (what a report per file lists: junit, tap; the CLI's path checks). */
  files: string[];
  /** Findings dropped by inline suppressions or ignoreObjects. */
  suppressedCount: number;
  /** Things the user should know about the run itself, not about a file (e.g. a Kubernetes version not bundled). */
  notices: string[];
  /** Things worth knowing about the run that only --verbose prints (how clusters were found). */
  verboseNotices?: string[];
  stats: {
    files: number;
    yamlFiles: number;
    documents: number;
    objects: number;
    clusters: string[];
    /** `roots`: clusters from real roots; `fallback`: guessed from Flux Kustomizations nothing applies; `none`: no cluster. */
    clusterMode: 'roots' | 'fallback' | 'none';
    durationMs: number;
    /** Milliseconds each rule's check took (a service a check is the first to use counts for that rule). */
    ruleMs: Record<string, number>;
  };
}
