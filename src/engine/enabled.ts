/** Which rules run, at what severity and with what params, given the config. */
import type { Severity } from '../finding.js';
import type { RuleDefinition } from '../checks/types.js';
import type { Config } from '../config/types.js';

export interface EnabledRule {
  rule: RuleDefinition;
  severity: Severity;
  params: Record<string, unknown>;
}

/**
 * `extends` picks the built-in base set (recommended / all / none); custom rules are on unless turned off;
 * `rules` entries turn rules on (a severity), off ('off'), or override params.
 */
export function enabledRules(config: Config, builtins: RuleDefinition[]): EnabledRule[] {
  const out: EnabledRule[] = [];
  for (const rule of [...builtins, ...config.customRules]) {
    const setting = Object.hasOwn(config.rules, rule.id) ? config.rules[rule.id] : undefined;
    const inBase =
      rule.origin === 'config' || config.extends === 'all' || (config.extends === 'recommended' && rule.recommended !== false);
    const chosen = typeof setting === 'string' ? setting : setting?.severity;
    if (chosen === 'off' || (chosen === undefined && setting === undefined && !inBase)) continue;
    const params = { ...rule.params, ...(typeof setting === 'object' ? setting.params : undefined) };
    out.push({ rule, severity: chosen ?? rule.severity, params });
  }
  return out;
}
