/**
 * Per-path severities (`overrides` in the config, ESLint's semantics): for a finding in a file, every entry whose
 * globs match the file applies in order and the last one naming the rule wins; `off` drops the finding. An override
 * may turn on a rule the base config leaves off: that rule then runs, and its findings are kept only where an
 * override turns it on.
 */
import picomatch from 'picomatch';
import type { RuleDefinition } from '../checks/types.js';
import type { Config } from '../config/types.js';
import type { Finding, Severity } from '../finding.js';
import type { EnabledRule } from './enabled.js';

export interface PathOverrides {
  /** Rules off in the base config that an override turns on somewhere: they run too. */
  extraRules: EnabledRule[];
  /** The findings with their severity in their file; those whose rule is off there are left out. */
  apply(findings: Finding[]): Finding[];
}

export function pathOverrides(config: Config, builtins: RuleDefinition[], enabled: EnabledRule[]): PathOverrides {
  const entries = (config.overrides ?? []).map((o) => ({ matches: picomatch(o.files, { dot: true }), rules: o.rules }));
  if (entries.length === 0) return { extraRules: [], apply: (findings) => findings };
  const on = new Set(enabled.map((e) => e.rule.id));
  const turnedOn = new Set(entries.flatMap((e) => Object.entries(e.rules).filter(([, s]) => s !== 'off').map(([id]) => id)));
  const extraRules = [...builtins, ...config.customRules]
    .filter((rule) => turnedOn.has(rule.id) && !on.has(rule.id))
    .map((rule) => {
      const setting = config.rules[rule.id];
      return { rule, severity: rule.severity, params: { ...rule.params, ...(typeof setting === 'object' ? setting.params : undefined) } };
    });

  const byFile = new Map<string, Map<string, Severity | 'off'>>();
  const settingsFor = (file: string): Map<string, Severity | 'off'> => {
    let settings = byFile.get(file);
    if (!settings) {
      settings = new Map();
      for (const entry of entries) if (entry.matches(file)) for (const [id, s] of Object.entries(entry.rules)) settings.set(id, s);
      byFile.set(file, settings);
    }
    return settings;
  };
  return {
    extraRules,
    apply: (findings) =>
      findings.flatMap((f) => {
        const setting = settingsFor(f.file).get(f.ruleId);
        if (setting === undefined) return on.has(f.ruleId) ? [f] : [];
        return setting === 'off' ? [] : [{ ...f, severity: setting }];
      }),
  };
}
