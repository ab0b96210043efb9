/**
 * `--print-config`: the effective config as YAML, usable as a .gitops-lint.yaml: every rule with the severity it runs
 * at (or off) and its params, and the versions in use (the Kubernetes schemas picked for the requested version).
 */
import { stringify as toYaml } from 'yaml';
import type { CheckRegistry } from '../checks/types.js';
import { configureRun } from '../engine/bind.js';
import { enabledRules } from '../engine/enabled.js';
import type { LintOptions } from '../engine/types.js';
import { SchemaStore } from '../schema/store.js';

export function printConfig(root: string, lintOptions: LintOptions, checks: CheckRegistry): string {
  const { config, file, builtins } = configureRun(root, lintOptions, checks);
  const enabled = new Map(enabledRules(config, builtins).map((e) => [e.rule.id, e]));
  const rules: Record<string, unknown> = {};
  for (const rule of [...builtins, ...config.customRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const on = enabled.get(rule.id);
    rules[rule.id] = !on ? 'off' : Object.keys(on.params).length > 0 ? { severity: on.severity, params: on.params } : on.severity;
  }
  const store = new SchemaStore();
  const used = store.resolveKubernetesVersion(config.kubernetesVersion);
  const lines = [
    file ? `# effective config (file: ${file})` : '# effective config (defaults: no config file found)',
    `# Kubernetes schemas in use: ${used} (requested: ${config.kubernetesVersion ?? 'latest'}; bundled: ${store.kubernetesVersions().join(', ')})`,
    `# Flux version: ${config.fluxVersion ?? 'not set (fluxVersion)'}`,
  ];
  const printed = { ...config, rules, kubernetesVersion: config.kubernetesVersion ?? used };
  return `${lines.join('\n')}\n${toYaml(printed)}`;
}
