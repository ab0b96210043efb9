/**
 * Rules are data (rules/*.yaml, or customRules in .gitops-lint.yaml); checks are functions. A check declares the
 * params it takes as a JSON schema; the engine validates every rule's params against it, then calls the check with
 * a context holding the run's data and the services the checks of one run share.
 */
import type { Fix, Location, ObjectRef, Severity } from '../finding.js';
import type { PostBuildSubstitutions } from '../graph/postbuild.js';
import type { RepoGraph } from '../graph/types.js';
import type { LoadedRepo, PathSegment, YamlDocument } from '../load/types.js';
import type { SchemaResolver } from '../schema/resolver.js';
import type { JsonSchema } from '../schema/settings.js';

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
  /** Name of the check function (a key of the check registry). */
  check: string;
  /** Parameters passed to the check. */
  params?: Record<string, unknown>;
  /** In the `recommended` set (default true). */
  recommended?: boolean;
  /** Where it came from. */
  origin?: 'builtin' | 'config';
  /** The file a built-in rule was read from, for messages about it. */
  file?: string;
}

/** What a check reports; the engine adds ruleId and severity and applies suppressions. */
export interface ReportInput {
  message: string;
  /**
   * Lower than the rule's severity for this finding (a deprecated API still served is a warning of a rule whose
   * removed APIs are errors); never raises it, so a rule configured to `warning` reports nothing as an error.
   */
  severity?: Severity;
  location: Location;
  object?: ObjectRef;
  fix?: Fix;
}

/** Releases the clusters run, as the config names them (`fluxVersion`, `kubernetesVersion`, per cluster in `clusters`). */
export interface VersionTargets {
  fluxVersion?: string;
  kubernetesVersion?: string;
  /** By cluster name (as the graph names clusters): that cluster's own versions, over the ones above. */
  clusters?: Record<string, { fluxVersion?: string; kubernetesVersion?: string }>;
}

/** The data of one lint run: what every check reads. */
export interface RunData {
  repo: LoadedRepo;
  graph: RepoGraph;
  services: CheckServices;
}

/**
 * What the checks of one lint run share, created by the engine for each run (never module-level state, so two runs
 * over the same repo with different configs never see each other's data). Everything is built on first use.
 */
export interface CheckServices {
  /** Schemas for this run's Kubernetes version: user schema folders, CRDs found in the repo, bundled schemas. */
  schemas(): SchemaResolver;
  /** Flux post-build substitution of every object the graph applies. */
  substitutions(): PostBuildSubstitutions;
  /**
   * Does this run report the findings of `check` (a check name: some rule using it is on)? A check that leaves a
   * case to another one (one leak, one finding) takes it back when that one is off.
   */
  checkEnabled(check: string): boolean;
  /** The Flux and Kubernetes releases the run judges deprecations against (config and command line). */
  versionTargets(): VersionTargets;
  /** Suppression comments that suppress nothing (no reason, unknown rule id): for suppression-missing-reason. */
  suppressionProblems(): readonly ReportInput[];
  /**
   * Suppression directives (per rule id) that suppressed no finding: for suppression-unused, whose check declares
   * `afterSuppressions` (only then is every finding filtered).
   */
  unusedSuppressions(): readonly ReportInput[];
  /**
   * A result several checks need, computed once per run by `compute` (a module-level function: it is the key).
   * E.g. one CEL pass serves schema-cel and schema-cel-skipped.
   */
  shared<T>(compute: (run: RunData) => T): T;
}

export interface CheckContext extends RunData {
  rule: RuleDefinition;
  /** The rule's params merged with config overrides, validated against the check's params schema. */
  params: Record<string, unknown>;
  report(input: ReportInput): void;
  /** Location of the node at `path` in `doc` (the key when target is 'key'); falls back to the nearest existing ancestor. */
  locate(doc: YamlDocument, path: PathSegment[], target?: 'key' | 'value'): Location;
}

export type CheckFunction = (ctx: CheckContext) => void;

export interface Check {
  run: CheckFunction;
  /**
   * The params the check takes, as a JSON schema of the params mapping (ESLint's meta.schema). The engine validates
   * every rule's params, built-in and from config, against it (`description` says what a valid value is, `title` names
   * what an enum lists: see schema/settings.ts). Absent: the check takes no params.
   */
  params?: JsonSchema;
  /** What a JSON schema cannot say (a regular expression compiles, exactly one of several keys): `key: problem` messages. */
  checkParams?(params: Record<string, unknown>): string[];
  /**
   * Run after every other check's findings went through the suppressions (its own findings are not suppressed):
   * for a check about the suppressions themselves.
   */
  afterSuppressions?: boolean;
}

/** Checks by name: rules/*.yaml and custom rules name them in `check:`. */
export type CheckRegistry = Readonly<Record<string, Check>>;
