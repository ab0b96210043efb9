/**
 * Lint runs share nothing: everything the checks derive from a repo (schema resolver, substitutions, suppression
 * scan, shared passes) belongs to one run, so linting the same LoadedRepo again with another config gives that
 * config's results, in whatever order the runs come.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import { defaultConfig } from '../../src/config/index.js';
import type { Config } from '../../src/config/types.js';
import { builtinRules } from '../../src/engine/bind.js';
import { lintRepo } from '../../src/engine/lint.js';
import { loadRepo } from '../../src/load/index.js';
import { badLabelRule, tempRepo } from './helpers.js';

// hostnameOverride is a Pod field since Kubernetes 1.34: unknown in 1.33.
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostnameOverride: db\n  containers: [{ name: a, image: b }]\n';
const gadget = 'apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  port: "80"\n';
const suppressed = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  # gitops-lint-disable-next-line no-bad-label -- legacy\n  labels: { bad: "1" }\n';

describe('two lints of the same LoadedRepo', async () => {
  const repo = await loadRepo(tempRepo({ 'pod.yaml': pod, 'gadget.yaml': gadget, 'cm.yaml': suppressed }));
  const schemas = tempRepo({ 'acme.io/gadget_v1.json': JSON.stringify({ properties: { spec: { properties: { port: { type: 'integer' } } } } }) });
  const builtins = builtinRules(builtinChecks);
  const run = (config: Partial<Config>) => lintRepo(repo, { config: { ...defaultConfig(), extends: 'none', ...config }, builtins }, builtinChecks);
  const messages = (config: Partial<Config>, ruleId: string) =>
    run({ ...config, rules: { [ruleId]: 'error', ...config.rules } }).findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}: ${f.message}`);

  it('validate against the Kubernetes version of their own config', () => {
    const unknownField = ['pod.yaml: unknown field "hostnameOverride" in spec'];
    expect(messages({ kubernetesVersion: '1.35' }, 'schema-validation')).toEqual([]);
    expect(messages({ kubernetesVersion: '1.33' }, 'schema-validation')).toEqual(unknownField);
    expect(messages({ kubernetesVersion: '1.35' }, 'schema-validation')).toEqual([]);
  });

  it('read the schema folders of their own config', () => {
    const withFolder = { schemaLocations: [path.resolve(schemas)] };
    expect(messages(withFolder, 'schema-validation')).toEqual(['gadget.yaml: spec.port must be integer, got string "80"']);
    expect(messages({}, 'schema-missing')).toEqual([expect.stringMatching(/^gadget\.yaml: no schema for acme\.io\/v1 Gadget /)]);
    expect(messages(withFolder, 'schema-missing')).toEqual([]);
  });

  it('know the rule ids of their own config in suppression comments', () => {
    const custom = { customRules: [{ ...badLabelRule, origin: 'config' as const }] };
    expect(messages(custom, 'suppression-missing-reason')).toEqual([]);
    expect(messages({}, 'suppression-missing-reason')).toEqual(["cm.yaml: unknown rule 'no-bad-label' in gitops-lint-disable-next-line"]);
    expect(run(custom).suppressedCount).toBe(1);
  });
});
