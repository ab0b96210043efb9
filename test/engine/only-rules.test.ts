/**
 * LintOptions.onlyRules: the listed rules' findings are exactly a full run's, and the other rules do not run
 * (only-new mode lints the base tree for the rules the head has findings of).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { tempRepo } from './helpers.js';

const DUPLICATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  namespace: default\ndata:\n  a: one\n  a: two\n';
const SYNTAX_ERROR = 'a: [1, 2\nb: 3\n';

describe('onlyRules', () => {
  it('runs only the listed rules, whose findings are those of a full run', async () => {
    const root = tempRepo({ 'dup.yaml': DUPLICATE, 'bad.yaml': SYNTAX_ERROR });
    const full = await lint(root);
    expect(full.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['yaml-duplicate-key', 'yaml-syntax']));
    const only = await lint(root, { onlyRules: new Set(['yaml-duplicate-key']) });
    expect(only.findings).toEqual(full.findings.filter((f) => f.ruleId === 'yaml-duplicate-key'));
    expect(Object.keys(only.stats.ruleMs)).toEqual(['yaml-duplicate-key']);
    expect((await lint(root, { onlyRules: new Set() })).findings).toEqual([]);
  });

  it('a rule about the suppressions runs with every rule: an unused suppression is unused in the full run only', async () => {
    // The comment suppresses the duplicate key: with the duplicate-key rule left out it would look unused.
    const root = tempRepo({ 'dup.yaml': DUPLICATE.replace('  a: two\n', '  a: two # gitops-lint-disable-line yaml-duplicate-key -- kept on purpose\n') });
    const config = { rules: { 'suppression-unused': 'warning' as const } };
    const full = await lint(root, { config });
    expect(full.findings.filter((f) => f.ruleId === 'suppression-unused')).toEqual([]);
    const only = await lint(root, { config, onlyRules: new Set(['suppression-unused']) });
    expect(only.findings).toEqual(full.findings);
    expect(Object.keys(only.stats.ruleMs)).toContain('yaml-duplicate-key');
  });

  it('a check that leaves a case to another rule does so when only it runs (the config, not onlyRules, says what is on)', async () => {
    // Built at test time: no live-looking token in the repository.
    const token = `ghp_${'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5'.slice(0, 36)}`;
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: default\nstringData:\n  token: ${token}\n`;
    const root = tempRepo({ 'secret.yaml': secret });
    const full = await lint(root);
    expect(full.findings.map((f) => f.ruleId)).toContain('secret-plaintext');
    const only = await lint(root, { onlyRules: new Set(['secret-token-pattern']) });
    expect(only.findings).toEqual(full.findings.filter((f) => f.ruleId === 'secret-token-pattern'));
  });
});
