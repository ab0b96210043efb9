/** `overrides`: per-path severities with ESLint's semantics (every matching entry applies, later ones win; off drops). */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { resolveConfig } from '../../src/config/index.js';
import { ConfigError, lint } from '../../src/index.js';
import { badLabelRule, configMap, tempRepo } from './helpers.js';

const repo = tempRepo({ 'apps/a.yaml': configMap('a'), 'apps/legacy/b.yaml': configMap('b'), 'infra/c.yaml': configMap('c') });

/** file -> severity of its no-bad-label finding. */
async function severities(config: Partial<Config>): Promise<Record<string, string>> {
  const result = await lint(repo, { config: { extends: 'none', customRules: [badLabelRule], ...config } });
  return Object.fromEntries(result.findings.filter((f) => f.ruleId === 'no-bad-label').map((f) => [f.file, f.severity]));
}

describe('overrides', () => {
  it.each<[string, Partial<Config>, Record<string, string>]>([
    ['no overrides: the rule severity everywhere', {}, { 'apps/a.yaml': 'warning', 'apps/legacy/b.yaml': 'warning', 'infra/c.yaml': 'warning' }],
    ['a matching entry sets the severity', { overrides: [{ files: ['infra/**'], rules: { 'no-bad-label': 'error' } }] }, { 'apps/a.yaml': 'warning', 'apps/legacy/b.yaml': 'warning', 'infra/c.yaml': 'error' }],
    ['off drops findings in matching files', { overrides: [{ files: ['apps/legacy/**'], rules: { 'no-bad-label': 'off' } }] }, { 'apps/a.yaml': 'warning', 'infra/c.yaml': 'warning' }],
    [
      'later entries win',
      { overrides: [{ files: ['apps/**'], rules: { 'no-bad-label': 'off' } }, { files: ['apps/legacy/*.yaml'], rules: { 'no-bad-label': 'info' } }] },
      { 'apps/legacy/b.yaml': 'info', 'infra/c.yaml': 'warning' },
    ],
    [
      'an override turns on a rule that is off elsewhere',
      { rules: { 'no-bad-label': 'off' }, overrides: [{ files: ['infra/*.yaml'], rules: { 'no-bad-label': 2 as unknown as 'error' } }] },
      { 'infra/c.yaml': 'error' },
    ],
    ['globs that match nothing change nothing', { overrides: [{ files: ['*.yaml'], rules: { 'no-bad-label': 'off' } }] }, { 'apps/a.yaml': 'warning', 'apps/legacy/b.yaml': 'warning', 'infra/c.yaml': 'warning' }],
  ])('%s', async (_name, config, expected) => {
    expect(await severities(config)).toEqual(expected);
  });

  it('turns on a built-in rule only where it matches', async () => {
    const dup = tempRepo({ 'a/x.yaml': 'a: 1\na: 2\n', 'b/y.yaml': 'a: 1\na: 2\n' });
    const result = await lint(dup, { config: { extends: 'none', overrides: [{ files: ['b/**'], rules: { 'yaml-duplicate-key': 'warn' as 'warning' } }] } });
    expect(result.findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`)).toEqual(['b/y.yaml yaml-duplicate-key warning']);
  });

  it.each<[string, unknown, string]>([
    ['unknown rule id, with a suggestion', [{ files: ['a/**'], rules: { 'yaml-sintax': 'off' } }], "options.config: overrides[0].rules.yaml-sintax: unknown rule id (did you mean 'yaml-syntax'?)"],
    ['params', [{ files: ['a/**'], rules: { 'orphan-manifest': ['warn', { ignoreApiGroups: [] }] } }], 'options.config: overrides[0].rules.orphan-manifest.params: params are set under rules, for every file; an override sets a severity only'],
    ['no files', [{ rules: {} }], 'options.config: overrides[0].files: is required'],
    ['an unknown key', [{ files: ['a'], rules: {}, exclude: [] }], 'options.config: overrides[0].exclude: unknown key (allowed: files, rules)'],
  ])('rejects %s', async (_name, overrides, message) => {
    const error = await lint(repo, { config: { overrides } as Partial<Config> }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(message);
  });
});

describe('rule settings as ESLint writes them', () => {
  it('[severity, params] is { severity, params }', async () => {
    const { config } = resolveConfig(repo, { config: { rules: { 'orphan-manifest': ['warn', { ignoreApiGroups: ['x.io'] }], 'yaml-syntax': [0] } } as unknown as Partial<Config> });
    expect(config.rules).toEqual({ 'orphan-manifest': { severity: 'warning', params: { ignoreApiGroups: ['x.io'] } }, 'yaml-syntax': { severity: 'off' } });
  });

  it.each([
    [{ rules: { 'orphan-manfest': 'off' } }, "options.config: rules.orphan-manfest: unknown rule id (did you mean 'orphan-manifest'?)"],
    [{ rules: { 'no-such-thing-at-all': 'off' } }, 'options.config: rules.no-such-thing-at-all: unknown rule id'],
    [{ rule: {} }, "options.config: rule: unknown key (did you mean 'rules'? allowed: "],
    [{ ignores: [] }, "options.config: ignores: unknown key (did you mean 'ignore'? allowed: "],
    [{ rules: { 'yaml-syntax': ['error', {}, 'x'] } }, 'options.config: rules.yaml-syntax: an array setting is [severity] or [severity, params]'],
  ])('%j: %s', (config, message) => {
    expect(() => resolveConfig(repo, { config: config as Partial<Config> })).toThrow(message);
  });
});
