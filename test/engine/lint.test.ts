import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import type { CheckRegistry } from '../../src/checks/types.js';
import { InternalError, UsageError } from '../../src/engine/errors.js';
import { lint } from '../../src/index.js';
import { loadBuiltinRules } from '../../src/config/rules.js';
import type { RuleDefinition } from '../../src/checks/types.js';
import { compareFindings } from '../../src/finding.js';
import { badLabelRule, configMap, tempRepo } from './helpers.js';

const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const SYNTAX_ERROR = 'a: [1, 2\nb: 3\n';

describe('lint', () => {
  it('a missing root is a clear UsageError', async () => {
    await expect(lint('/nonexistent/gitops-lint-root')).rejects.toThrow(UsageError);
    await expect(lint('/nonexistent/gitops-lint-root')).rejects.toThrow('repository root not found: /nonexistent/gitops-lint-root');
  });

  it('reports with the default severity, an override, or not at all when off', async () => {
    const root = tempRepo({ 'bad.yaml': SYNTAX_ERROR });
    const ruleFindings = async (setting?: 'warning' | 'off' | { severity: 'info' }) =>
      (await lint(root, { config: { extends: 'none', rules: { 'yaml-syntax': setting ?? 'error' } } })).findings.filter((f) => f.ruleId === 'yaml-syntax');
    expect((await ruleFindings()).map((f) => [f.file, f.severity])).toEqual([['bad.yaml', 'error']]);
    expect((await ruleFindings('warning')).map((f) => f.severity)).toEqual(['warning']);
    expect((await ruleFindings({ severity: 'info' })).map((f) => f.severity)).toEqual(['info']);
    expect(await ruleFindings('off')).toEqual([]);
    const result = await lint(root, { config: { rules: { 'yaml-syntax': 'warning' } } });
    expect(result.rules.find((r) => r.id === 'yaml-syntax')).toMatchObject({
      severity: 'warning',
      // pinned to the installed version's tag: the page of the rule this version runs
      helpUri: `https://github.com/gitops-lint/gitops-lint/blob/v${pkg.version}/docs/rules/yaml-syntax.md`,
    });
  });

  it('extends picks the base set: recommended, all, none', async () => {
    const root = tempRepo({ 'ok.yaml': 'a: 1\n' });
    const builtins = loadBuiltinRules();
    const ids = async (mode: 'recommended' | 'all' | 'none') => (await lint(root, { config: { extends: mode } })).rules.map((r) => r.id);
    expect(await ids('all')).toEqual(builtins.map((r) => r.id).sort());
    expect(await ids('recommended')).toEqual(builtins.filter((r) => r.recommended !== false).map((r) => r.id).sort());
    expect(await ids('none')).toEqual([]);
    const some = await lint(root, { config: { extends: 'none', rules: { 'yaml-syntax': 'error' }, customRules: [badLabelRule] } });
    expect(some.rules.map((r) => r.id)).toEqual(['no-bad-label', 'yaml-syntax']);
    expect(some.rules[0]!.helpUri).toBe('https://example.com/no-bad-label');
  });

  it('ignore globs keep files from being read', async () => {
    const root = tempRepo({ 'vendor/x/bad.yaml': SYNTAX_ERROR, 'apps/bad.yaml': SYNTAX_ERROR });
    const result = await lint(root, { config: { extends: 'none', rules: { 'yaml-syntax': 'error' }, ignore: ['vendor/**'] } });
    expect(result.findings.map((f) => f.file)).toEqual(['apps/bad.yaml']);
    expect(result.skipped.filter((s) => s.reason === 'ignored').map((s) => s.path)).toEqual([expect.stringMatching(/^vendor(\/|$)/)]);
  });

  it('ignoreObjects drops findings about matching objects and counts them', async () => {
    const root = tempRepo({ 'a.yaml': configMap('legacy-a'), 'b.yaml': configMap('web'), 'c.yaml': configMap('legacy-c').replace('default', 'other') });
    const config = { extends: 'none' as const, customRules: [badLabelRule], ignoreObjects: [{ kind: 'ConfigMap', name: 'legacy-*', namespace: 'def*' }] };
    const result = await lint(root, { config });
    expect(result.findings.map((f) => f.object?.name)).toEqual(['web', 'legacy-c']);
    expect(result.suppressedCount).toBe(1);
  });

  it('runs a custom rule from the config file', async () => {
    const root = tempRepo({
      '.gitops-lint.yaml': `extends: none
customRules:
  - id: no-bad-label
    severity: error
    description: no bad label
    remediation: remove it
    check: object-field
    params: { path: metadata.labels.bad, forbidden: true }
`,
      'a.yaml': configMap('a'),
    });
    const result = await lint(root);
    expect(result.findings).toEqual([
      {
        file: 'a.yaml',
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 8,
        ruleId: 'no-bad-label',
        severity: 'error',
        message: 'ConfigMap a: metadata.labels.bad must not be set',
        object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', namespace: 'default' },
      },
    ]);
  });

  it('orders findings deterministically and drops duplicates', async () => {
    const files = { 'z.yaml': configMap('z'), 'a/b.yaml': SYNTAX_ERROR, 'a.yaml': `${configMap('a1')}---\n${configMap('a2')}` };
    const twice: RuleDefinition = { ...badLabelRule, id: 'twice', check: 'test-report-twice', params: {} };
    const checks: CheckRegistry = {
      ...builtinChecks,
      'test-report-twice': {
        run: (ctx) => {
          for (let i = 0; i < 2; i++) ctx.report({ message: 'same', location: { file: 'z.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 } });
        },
      },
    };
    const config = { extends: 'none' as const, customRules: [badLabelRule, twice], rules: { 'yaml-syntax': 'error' as const } };
    const first = await lint(tempRepo(files), { config }, checks);
    const second = await lint(tempRepo(files), { config }, checks);
    expect(first.findings).toEqual(second.findings);
    expect([...first.findings].sort(compareFindings)).toEqual(first.findings);
    expect(first.findings.map((f) => `${f.file}:${f.ruleId === 'yaml-syntax' ? '' : f.line} ${f.ruleId}`)).toEqual([
      'a.yaml:7 no-bad-label',
      'a.yaml:15 no-bad-label',
      'a/b.yaml: yaml-syntax',
      'z.yaml:1 twice',
      'z.yaml:7 no-bad-label',
    ]);
    expect(first.stats).toMatchObject({ files: 3, yamlFiles: 3, documents: 4, objects: 3 });
  });

  describe('a throwing check', () => {
    it('becomes an InternalError naming the rule', async () => {
      const checks: CheckRegistry = {
        ...builtinChecks,
        'test-throws': {
          run: () => {
            throw new TypeError('boom');
          },
        },
      };
      const rule: RuleDefinition = { ...badLabelRule, id: 'exploding-rule', check: 'test-throws', params: {} };
      const error = await lint(tempRepo({ 'a.yaml': 'a: 1\n' }), { config: { extends: 'none', customRules: [rule] } }, checks).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalError);
      expect((error as InternalError).ruleId).toBe('exploding-rule');
      expect((error as Error).message).toMatch(/^internal error in rule 'exploding-rule': boom/);
      expect((error as Error).cause).toBeInstanceOf(TypeError);
    });
  });
});
