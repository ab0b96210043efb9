/** Public library API of gitops-lint. */
export { lint } from './engine/lint.js';
export { InternalError, UsageError } from './engine/errors.js';
export { ConfigError } from './config/errors.js';
export { resolveConfig, defaultConfig, CONFIG_FILE_NAMES } from './config/index.js';
export { loadBuiltinRules } from './engine/rules.js';
export { compareFindings, SEVERITY_RANK } from './finding.js';
export type { Finding, Fix, Location, ObjectRef, Severity } from './finding.js';
export type {
  CheckContext,
  CheckFunction,
  Config,
  LintOptions,
  LintResult,
  ReportInput,
  RuleDefinition,
  RuleMeta,
  RuleSetting,
} from './engine/types.js';
