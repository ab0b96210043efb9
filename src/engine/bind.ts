/**
 * Binding rules to checks: every rule's check must be in the registry and its params (with config overrides) must
 * suit that check. Built-in rules failing this are a packaging bug (an Error naming the rule file); rules and
 * overrides from the config are a ConfigError naming the file, the key and the problem.
 */
import type { CheckRegistry, RuleDefinition } from '../checks/types.js';
import { ConfigError } from '../config/errors.js';
import { resolveConfig, type ResolvedConfig } from '../config/index.js';
import { BUILTIN_RULES_DIR, loadBuiltinRules } from '../config/rules.js';
import type { ConfigOptions } from '../config/types.js';
import { validSettingsIn } from '../schema/settings.js';
import type { ValidSettings } from '../schema/valid-settings.js';
import { paramProblems } from './params.js';

/** The problems of one rule against the registry: `key` is `check` or `params` (relative to the definition). */
function bindingProblems(rule: RuleDefinition, params: Record<string, unknown>, checks: CheckRegistry, remembered?: ValidSettings): { key: string; message: string }[] {
  const check = Object.hasOwn(checks, rule.check) ? checks[rule.check] : undefined;
  if (!check) return [{ key: 'check', message: `unknown check ${JSON.stringify(rule.check)} (known: ${Object.keys(checks).sort().join(', ')})` }];
  return paramProblems(check, params, remembered).map((message) => ({ key: 'params', message }));
}

/**
 * The built-in rules (rules/*.yaml, or `dir`), each bound to its check. Throws naming the rule file otherwise.
 * `remembered`: params found valid by an earlier run are not compiled and validated again.
 */
export function builtinRules(checks: CheckRegistry, dir: string = BUILTIN_RULES_DIR, remembered?: ValidSettings): RuleDefinition[] {
  const rules = loadBuiltinRules(dir);
  for (const rule of rules) {
    const problem = bindingProblems(rule, rule.params ?? {}, checks, remembered)[0];
    if (problem) throw new Error(`invalid built-in rule ${rule.file ?? rule.id}: ${problem.key}: ${problem.message}`);
  }
  return rules;
}

/** Checks the config's custom rules and `rules` params overrides against the registry. */
export function bindConfig(resolved: ResolvedConfig, builtins: RuleDefinition[], checks: CheckRegistry, remembered?: ValidSettings): void {
  const { config, sources } = resolved;
  for (const rule of config.customRules) {
    const problem = bindingProblems(rule, rule.params ?? {}, checks, remembered)[0];
    const source = sources.customRules.get(rule.id) ?? { file: 'options.config', key: 'customRules' };
    if (problem) throw new ConfigError(source.file, `${source.key}.${problem.key}`, problem.message);
  }
  const byId = new Map([...builtins, ...config.customRules].map((r) => [r.id, r]));
  for (const [id, setting] of Object.entries(config.rules)) {
    const rule = byId.get(id);
    if (typeof setting !== 'object' || !setting.params || !rule) continue;
    const problem = bindingProblems(rule, { ...rule.params, ...setting.params }, checks, remembered)[0];
    const source = sources.rules.get(id) ?? { file: 'options.config', key: `rules.${id}` };
    if (problem) throw new ConfigError(source.file, `${source.key}.${problem.key}`, problem.message);
  }
}

/**
 * The config for a lint of `root` and the built-in rules, every rule bound to its check. With a validator cache
 * folder, params and configs found valid there by an earlier run are not validated again (schema/valid-settings.ts).
 */
export function configureRun(root: string, options: ConfigOptions & { schemaCacheDir?: string }, checks: CheckRegistry): ResolvedConfig & { builtins: RuleDefinition[] } {
  const remembered = options.schemaCacheDir === undefined ? undefined : validSettingsIn(options.schemaCacheDir);
  const builtins = builtinRules(checks, BUILTIN_RULES_DIR, remembered);
  const resolved = resolveConfig(root, options, remembered);
  bindConfig(resolved, builtins, checks, remembered);
  return { ...resolved, builtins };
}
