/** compact (one line per finding) and --summary (one line of counts). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compact } from '../../src/report/compact.js';
import { summary } from '../../src/report/summary.js';
import { finding, lintResult, mixedResult } from './results.js';

const options = { color: false, verbose: false };

describe('compact formatter', () => {
  it('writes path:line:col: severity message [rule], one line per finding, nothing for a clean run', () => {
    expect(compact(mixedResult(), options)).toBe(
      [
        'apps/podinfo/release.yaml:104:1: info values could move to a ConfigMap [helmrelease-values]',
        'clusters/prod/apps.yaml:3:10: warning duplicate key "name" [yaml-duplicate-key]',
        'clusters/prod/apps.yaml:12:5: error prune is not set [flux-kustomization-prune]',
        '',
      ].join('\n'),
    );
    expect(compact(lintResult(), options)).toBe('');
  });

  it('is read back by the problem matcher docs/formats.md gives, even for a message with brackets and a line break', () => {
    const doc = fs.readFileSync(new URL('../../docs/formats.md', import.meta.url), 'utf8');
    const matcher = new RegExp(/A problem matcher: `([^`]+)`/.exec(doc)![1]!);
    const result = lintResult([finding({ file: 'apps/a b.yaml', line: 7, column: 3, ruleId: 'r-1', severity: 'warning', message: 'x [y]: z\nw' })], { root: '/repo' });
    const line = compact(result, { ...options, cwd: '/repo/apps' }).trimEnd();
    expect(line.split('\n')).toHaveLength(1);
    expect(matcher.exec(line)!.slice(1)).toEqual(['a b.yaml', '7', '3', 'warning', 'x [y]: z w', 'r-1']);
  });
});

describe('--summary', () => {
  it('counts findings, files and severities in one line', () => {
    expect(summary(lintResult([...mixedResult().findings], { suppressedCount: 2 }), options)).toBe(
      'Summary: 3 findings in 2 files of 3 YAML files - Errors: 1, Warnings: 1, Info: 1, Suppressed: 2\n',
    );
    expect(summary(lintResult([finding({ file: 'a.yaml', line: 1, ruleId: 'r' })]), options)).toBe(
      'Summary: 1 finding in 1 file of 2 YAML files - Errors: 1, Warnings: 0, Info: 0\n',
    );
  });
});
