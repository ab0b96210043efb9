import { describe, expect, it } from 'vitest';
import { stylish } from '../../src/report/stylish.js';
import { finding, lintResult, mixedResult } from './results.js';

const plain = { color: false, verbose: false };
const ESC = '\u001b[';

describe('stylish formatter', () => {
  it('prints only a short success line when there is nothing to report', () => {
    expect(stylish(lintResult(), plain)).toBe('✔ No problems found\n');
  });

  it('groups by file in finding order, leads each row with one path:line:col token, aligns rows and ends with the summary', () => {
    const out = stylish(mixedResult(), plain);
    expect(out).toBe(
      [
        'apps/podinfo/release.yaml:104:1  info  values could move to a ConfigMap  helmrelease-values',
        '',
        'clusters/prod/apps.yaml:3:10  warning  duplicate key "name"  yaml-duplicate-key',
        'clusters/prod/apps.yaml:12:5  error    prune is not set      flux-kustomization-prune',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('uses singular and plural words in the summary', () => {
    const one = stylish(lintResult([finding({ file: 'a.yaml', line: 1, ruleId: 'r' })]), plain);
    expect(one).toContain('✖ 1 problem (1 error, 0 warnings, 0 info)');
  });

  it.each([
    [['info'], undefined, '✔ No errors or warnings (1 info)'],
    [['info', 'info'], 'error', '✔ No errors or warnings (2 info)'],
    [['info'], 'warning', '✔ No errors or warnings (1 info)'],
    [['info'], 'none', '✔ No errors or warnings (1 info)'],
    [['info'], 'info', '✖ 1 problem (0 errors, 0 warnings, 1 info)'],
    [['warning', 'info'], 'error', '✖ 2 problems (0 errors, 1 warning, 1 info)'],
    [['error'], 'none', '✖ 1 problem (1 error, 0 warnings, 0 info)'],
  ] as const)('findings %j with failOn %s end with %s', (severities, failOn, summary) => {
    const findings = severities.map((severity, i) => finding({ file: 'a.yaml', line: i + 1, ruleId: 'r', severity }));
    const lines = stylish(lintResult(findings), failOn === undefined ? plain : { ...plain, failOn }).trimEnd().split('\n');
    expect(lines.at(-1)).toBe(summary);
  });

  it('has no escape codes without colour and colours severities with it', () => {
    expect(stylish(mixedResult(), plain)).not.toContain(ESC);
    const coloured = stylish(mixedResult(), { color: true, verbose: false });
    expect(coloured).toContain(`${ESC}31merror  ${ESC}39m`);
    expect(coloured).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(coloured).toContain(`${ESC}4mclusters/prod/apps.yaml${ESC}24m`);
    // Stripping colour gives back exactly the plain output.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(stylish(mixedResult(), plain));
  });

  it('keeps one row per finding and neutralises control characters from the repo', () => {
    const result = lintResult([
      finding({ file: 'a.yaml', line: 1, ruleId: 'r', message: 'key "\u001b[2Jevil"\nsecond line' }),
    ]);
    const out = stylish(result, plain);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('key "\\u001b[2Jevil" second line');
    expect(out.split('\n')).toHaveLength(4);
  });

  it.each([
    ['/repo', 'clusters/prod/apps.yaml:12:5'],
    ['/repo/clusters', 'prod/apps.yaml:12:5'],
    ['/repo/apps/podinfo', '../../clusters/prod/apps.yaml:12:5'],
    ['/elsewhere', '../repo/clusters/prod/apps.yaml:12:5'],
  ])('prints paths relative to the working directory %s', (cwd, token) => {
    const rows = stylish(mixedResult(), { ...plain, cwd }).split('\n');
    expect(rows.find((row) => row.includes('prune is not set'))!.split('  ')[0]).toBe(token);
  });

  it('on a narrow terminal wraps long messages inside their column, or under the row when the column is too narrow', () => {
    const message = 'Kustomization "apps" spec.path "./apps/prodution" does not exist in the repository (resolved to "apps/prodution")';
    const result = lintResult([finding({ file: 'clusters/prod/apps.yaml', line: 15, column: 9, ruleId: 'flux-path-missing', message })]);
    const wide = stylish(result, { ...plain, width: 200 }).split('\n');
    expect(wide[0]).toBe(`clusters/prod/apps.yaml:15:9  error  ${message}  flux-path-missing`);
    const narrow = stylish(result, { ...plain, width: 100 }).split('\n');
    expect(narrow.slice(0, 3)).toEqual([
      'clusters/prod/apps.yaml:15:9  error  Kustomization "apps" spec.path                flux-path-missing',
      '                                     "./apps/prodution" does not exist in the',
      '                                     repository (resolved to "apps/prodution")',
    ]);
    for (const row of narrow) expect(row.length).toBeLessThanOrEqual(100);
    const tiny = stylish(result, { ...plain, width: 60 }).split('\n');
    expect(tiny.slice(0, 4)).toEqual([
      'clusters/prod/apps.yaml:15:9  error  flux-path-missing',
      '    Kustomization "apps" spec.path "./apps/prodution" does',
      '    not exist in the repository (resolved to',
      '    "apps/prodution")',
    ]);
    // The words are all there, in order.
    expect(tiny.slice(1, 4).map((row) => row.trim()).join(' ')).toBe(message);
  });

  it('lists skipped files and stats with --verbose', () => {
    const result = lintResult([], {
      skipped: [
        { path: 'charts/app/templates/deploy.yaml', reason: 'helm-template' },
        { path: 'big.yaml', reason: 'too-large', detail: '12 MiB' },
      ],
      suppressedCount: 2,
    });
    const out = stylish(result, { color: false, verbose: true });
    expect(out).toBe(
      [
        'Skipped 2 files',
        '  charts/app/templates/deploy.yaml  helm-template',
        '  big.yaml                          too-large      12 MiB',
        '',
        'Checked 10 files (7 YAML), 12 documents, 9 objects, 2 clusters (prod, staging) in 42 ms, 2 suppressed',
        '',
        '✔ No problems found',
        '',
      ].join('\n'),
    );
    expect(stylish(result, plain)).toBe('✔ No problems found\n');
  });

  it('names at most five clusters in the stats line', () => {
    const clusters = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
    const result = lintResult([], { stats: { ...lintResult().stats, clusters } });
    expect(stylish(result, { color: false, verbose: true })).toContain('7 clusters (c1, c2, c3, c4, c5 and 2 more) in 42 ms');
  });
});
