/**
 * Which rules run: `extends` picks the built-in base set. No built-in rule is outside `recommended` today, so linting the
 * real rules cannot tell `recommended` from `all`: these built-ins can.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig, type Config, type RuleDefinition } from '../../src/index.js';
import { enabledRules } from '../../src/engine/enabled.js';

const rule = (id: string, extra: Partial<RuleDefinition> = {}): RuleDefinition => ({
  id,
  severity: 'error',
  description: id,
  rationale: 'why',
  remediation: 'fix',
  docs: `docs/rules/${id}.md`,
  check: 'loader-problem',
  params: { kinds: ['syntax'] },
  origin: 'builtin',
  ...extra,
});

const builtins = [rule('core'), rule('opt-in', { recommended: false, severity: 'warning' }), rule('explicit', { recommended: true })];
const custom = rule('mine', { origin: 'config' });

const enabled = (config: Partial<Config>) =>
  enabledRules({ ...defaultConfig(), customRules: [custom], ...config }, builtins).map((r) => `${r.rule.id}:${r.severity}`);

describe('enabledRules', () => {
  it.each([
    ['recommended leaves out rules marked recommended: false', { extends: 'recommended' }, ['core:error', 'explicit:error', 'mine:error']],
    ['all takes every built-in rule', { extends: 'all' }, ['core:error', 'opt-in:warning', 'explicit:error', 'mine:error']],
    ['none takes no built-in rule', { extends: 'none' }, ['mine:error']],
    ['a severity turns on a rule outside the base set', { extends: 'recommended', rules: { 'opt-in': 'error' } }, ['core:error', 'opt-in:error', 'explicit:error', 'mine:error']],
    ['a mapping with params only turns it on at its own severity', { extends: 'none', rules: { 'opt-in': { params: { kinds: ['binary'] } } } }, ['opt-in:warning', 'mine:error']],
    ['off turns off rules of the base set and custom rules', { extends: 'all', rules: { core: 'off', mine: 'off' } }, ['opt-in:warning', 'explicit:error']],
  ] as [string, Partial<Config>, string[]][])('%s', (_name, config, expected) => {
    expect(enabled(config)).toEqual(expected);
  });

  it('merges config params over the rule params', () => {
    const [opt] = enabledRules({ ...defaultConfig(), extends: 'none', rules: { 'opt-in': { severity: 'info', params: { kinds: ['binary'] } } } }, builtins);
    expect(opt).toMatchObject({ rule: { id: 'opt-in' }, severity: 'info', params: { kinds: ['binary'] } });
  });
});
