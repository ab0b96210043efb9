/** Public library API of gitops-lint: lint() with the built-in checks, and the types around it. */
import { builtinChecks } from './checks/index.js';
import type { CheckRegistry } from './checks/types.js';
import { lint as lintWith } from './engine/lint.js';
import type { LintOptions, LintResult } from './engine/types.js';

/** Lints the repository at `root` with the built-in checks (or `checks`, e.g. the built-ins plus your own). */
export function lint(root: string, options: LintOptions = {}, checks: CheckRegistry = builtinChecks): Promise<LintResult> {
  return lintWith(root, options, checks);
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
