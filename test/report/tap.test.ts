/** The tap format as the TAP 14 parser of node-tap (tap-parser) reads it. */
import { Parser, type Result } from 'tap-parser';
import { describe, expect, it } from 'vitest';
import { tap } from '../../src/report/tap.js';
import { finding, lintResult, mixedResult } from './results.js';

const options = { color: false, verbose: false };

interface Parsed {
  final: { ok: boolean; count: number; pass: number; fail: number; plan: { start: number; end: number } };
  points: Result[];
  failures: unknown[];
}

function read(text: string): Parsed {
  const points: Result[] = [];
  let final: Parsed['final'] | undefined;
  let failures: unknown[] = [];
  const parser = new Parser((results) => {
    final = results as unknown as Parsed['final'];
    failures = results.failures.filter((f) => f.tapError); // protocol errors, not failing points
  });
  parser.on('assert', (point: Result) => points.push(point));
  parser.end(text);
  return { final: final!, points, failures };
}

describe('tap formatter', () => {
  it('one test point per linted file, not ok when a finding fails the run, findings as YAML diagnostics', () => {
    const { final, points, failures } = read(tap(mixedResult(), options));
    expect(failures).toEqual([]); // no TAP syntax error
    expect(final).toMatchObject({ ok: false, count: 3, pass: 2, fail: 1, plan: { start: 1, end: 3 } });
    expect(points.map((p) => [p.id, p.ok, p.name])).toEqual([
      [1, true, 'apps/podinfo/release.yaml'],
      [2, false, 'clusters/prod/apps.yaml'],
      [3, true, 'kustomization.yaml'],
    ]);
    expect(points[1]!.diag).toEqual({
      findings: [
        { ruleId: 'yaml-duplicate-key', severity: 'warning', message: 'duplicate key "name"', line: 3, column: 10 },
        { ruleId: 'flux-kustomization-prune', severity: 'error', message: 'prune is not set', line: 12, column: 5 },
      ],
    });
    expect(points[2]!.diag).toBeNull();
  });

  it.each([
    ['warning', 2],
    ['info', 1],
    ['none', 3],
  ] as const)('--fail-on %s decides which files are not ok (%i pass)', (failOn, pass) => {
    expect(read(tap(mixedResult(), { ...options, failOn })).final.pass).toBe(pass);
  });

  it('keeps odd names and messages intact: # is not a directive, quotes and line breaks survive the YAML', () => {
    const message = 'key "a: b" # not a comment\nsecond line';
    const { points, failures } = read(tap(lintResult([finding({ file: 'a #1\\b.yaml', line: 1, ruleId: 'r', message })]), options));
    expect(failures).toEqual([]);
    expect(points[0]!.name).toBe('a #1\\b.yaml');
    expect(points[0]!.todo).toBe(false);
    expect(points[0]!.skip).toBe(false);
    expect((points[0]!.diag as { findings: { message: string }[] }).findings[0]!.message).toBe(message);
  });

  it('paths are relative to the working directory; findings about the repository are one point', () => {
    const result = lintResult([finding({ file: '', line: 1, ruleId: 'r' }), finding({ file: 'apps/a.yaml', line: 1, ruleId: 'r' })], { root: '/repo' });
    expect(read(tap(result, { ...options, cwd: '/repo/apps' })).points.map((p) => p.name)).toEqual(['(repository)', 'a.yaml', '../kustomization.yaml']);
  });
});
