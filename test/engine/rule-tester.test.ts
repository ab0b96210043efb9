/** The rule tester must fail on wrong expectations, not only pass on right ones. */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import type { CheckRegistry } from '../../src/checks/types.js';
import { checkCase } from '../support/rule-tester.js';
import { badLabelRule } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n';
const ambiguous = { 'cm.yaml': `${head}  mode: on\n` };

describe('checkCase', () => {
  it('accepts the exact findings, by string or pattern, with column and fix', async () => {
    const outcome = await checkCase('yaml-ambiguous-value', { files: ambiguous, errors: [{ file: 'cm.yaml', line: 6, column: 9, message: /^on is/, fix: { output: `${head}  mode: "on"\n` } }] }, dirs);
    expect(outcome.problems).toEqual([]);
    expect(outcome.found).toHaveLength(1);
    const exact = await checkCase('yaml-ambiguous-value', { files: ambiguous, errors: [{ file: 'cm.yaml', line: 6, message: outcome.found[0]!.message }] }, dirs);
    expect(exact.problems).toEqual([]);
  });

  it('reports a wrong line, column or message as missing and unexpected', async () => {
    for (const wrong of [{ line: 7 }, { line: 6, column: 3 }, { line: 6, message: 'other' }]) {
      const outcome = await checkCase('yaml-ambiguous-value', { files: ambiguous, errors: [{ file: 'cm.yaml', message: /^on is/, ...wrong }] }, dirs);
      expect(outcome.problems.map((p) => p.split(':')[0])).toEqual(['missing', 'unexpected']);
    }
  });

  it('reports findings nobody expected, and expected findings that did not come', async () => {
    expect((await checkCase('yaml-ambiguous-value', { files: ambiguous, errors: [] }, dirs)).problems).toEqual([
      expect.stringMatching(/^unexpected: cm\.yaml:6:9 /),
    ]);
    expect((await checkCase('yaml-ambiguous-value', { files: { 'cm.yaml': `${head}  mode: "on"\n` }, errors: [{ file: 'cm.yaml', line: 6, message: /./ }] }, dirs)).problems).toEqual([
      'missing: cm.yaml:6 /./',
    ]);
  });

  it('reports a fix that gives other text', async () => {
    const outcome = await checkCase('yaml-ambiguous-value', { files: ambiguous, errors: [{ file: 'cm.yaml', line: 6, message: /^on is/, fix: { output: `${head}  mode: true\n` } }] }, dirs);
    expect(outcome.problems).toEqual([expect.stringMatching(/^fix of cm\.yaml:6:9 .* gives:\napiVersion: v1\n[^]*\n  mode: "on"\n$/)]);
  });

  it('reports findings that point at a file outside the case or beyond its last line', async () => {
    const checks: CheckRegistry = {
      ...builtinChecks,
      'test-elsewhere': {
        run: (ctx) => {
          ctx.report({ message: 'elsewhere', location: { file: 'other.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 } });
          ctx.report({ message: 'beyond', location: { file: 'a.yaml', line: 9, column: 1, endLine: 9, endColumn: 1 } });
        },
      },
    };
    const rule = { ...badLabelRule, id: 'elsewhere', check: 'test-elsewhere', params: {} };
    const outcome = await checkCase('elsewhere', { files: { 'a.yaml': 'a: 1\n' }, config: { customRules: [rule] }, errors: [] }, dirs, checks);
    expect(outcome.problems.filter((p) => !p.startsWith('unexpected'))).toEqual([
      'points outside a.yaml (2 lines): a.yaml:9:1 beyond',
      'points at a file that is not in the case: other.yaml:1:1 elsewhere',
    ]);
  });
});
