/** Public library API of gitops-lint: lint() with the built-in checks, and the types around it. */
import { lintNewSince as lintNewSinceWith, type NewSinceOptions, type NewSinceResult } from './baseline/new-since.js';
import { builtinChecks } from './checks/index.js';
import type { CheckRegistry } from './checks/types.js';
import { lint as lintWith } from './engine/lint.js';
import type { LintOptions, LintResult } from './engine/types.js';

/** Lints the repository at `root` with the built-in checks (or `checks`, e.g. the built-ins plus your own). */
export function lint(root: string, options: LintOptions = {}, checks: CheckRegistry = builtinChecks): Promise<LintResult> {
  return lintWith(root, options, checks);
}

/**
 * Lints `root` and keeps only the findings that are not in the tree at its merge base with `ref` (a branch, tag or
 * commit): what the change introduced. `result.newSince` says what was compared and lists what was left out.
 */
export function lintNewSince(root: string, ref: string, options: NewSinceOptions = {}, checks: CheckRegistry = builtinChecks): Promise<NewSinceResult> {
  return lintNewSinceWith(root, ref, options, checks);
}

export { builtinChecks } from './checks/index.js';
export { InternalError, UsageError } from './engine/errors.js';
export { ConfigError } from './config/errors.js';
export { resolveConfig, defaultConfig, CONFIG_FILE_NAMES } from './config/index.js';
export { loadBuiltinRules } from './config/rules.js';
export { compareFindings, SEVERITY_RANK } from './finding.js';
export type { Finding, Fix, Location, ObjectRef, Severity } from './finding.js';
export type { Check, CheckContext, CheckFunction, CheckRegistry, CheckServices, ReportInput, RuleDefinition } from './checks/types.js';
export type { Config, RuleSetting } from './config/types.js';
export type { LintOptions, LintResult, RuleMeta } from './engine/types.js';
export type { NewSinceOptions, NewSinceResult, NewSinceSummary } from './baseline/new-since.js';
export { baselineOf, readBaseline, writeBaseline, type BaselineFile } from './baseline/file.js';
export { countFingerprints, splitKnown, type FingerprintCounts } from './baseline/known.js';
export { findingFingerprint, matchFingerprint } from './report/fingerprint.js';
