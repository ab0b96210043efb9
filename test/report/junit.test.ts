/** The junit format as a JUnit reader (junit2json, on xml2js's strict parser) reads it. */
import { parse, type TestSuites } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { junit } from '../../src/report/junit.js';
import { finding, lintResult, mixedResult } from './results.js';

const options = { color: false, verbose: false };

async function read(xml: string): Promise<TestSuites> {
  const parsed = (await parse(xml)) as TestSuites;
  expect(parsed.testsuite).toBeDefined();
  return parsed;
}

describe('junit formatter', () => {
  it('one suite per linted file, one case per finding, failures for findings that fail the run', async () => {
    const parsed = await read(junit(mixedResult(), options));
    expect(parsed).toMatchObject({ name: 'gitops-lint', tests: 4, failures: 1, errors: 0 });
    expect(parsed.testsuite!.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['apps/podinfo/release.yaml', 1, 0],
      ['clusters/prod/apps.yaml', 2, 1],
      ['kustomization.yaml', 1, 0], // a file without findings: one passing case
    ]);
    const prod = parsed.testsuite![1]!.testcase!;
    expect(prod.map((c) => c.name)).toEqual(['yaml-duplicate-key at 3:10', 'flux-kustomization-prune at 12:5']);
    expect(prod[0]!.failure).toBeUndefined();
    expect(prod[0]!['system-out']).toEqual(['clusters/prod/apps.yaml:3:10: warning duplicate key "name" [yaml-duplicate-key]']);
    expect(prod[1]!.failure).toEqual([
      { message: 'prune is not set', type: 'flux-kustomization-prune', inner: 'clusters/prod/apps.yaml:12:5: error prune is not set [flux-kustomization-prune]' },
    ]);
  });

  it.each([
    ['warning', 2],
    ['info', 3],
    ['none', 0],
  ] as const)('--fail-on %s decides which findings are failures (%i)', async (failOn, failures) => {
    expect((await read(junit(mixedResult(), { ...options, failOn }))).failures).toBe(failures);
  });

  it('carries any message through XML intact: markup, quotes, line breaks; control characters as visible escapes', async () => {
    const message = 'a <b> & "c" \'d\'\nnext line \u001b[2J end';
    const parsed = await read(junit(lintResult([finding({ file: 'x&y.yaml', line: 1, ruleId: 'r', message })]), options));
    const failure = parsed.testsuite!.find((s) => s.name === 'x&y.yaml')!.testcase![0]!.failure![0]!;
    expect(failure.message).toBe('a <b> & "c" \'d\'\nnext line \\u001b[2J end');
  });

  it('paths are relative to the working directory', async () => {
    const result = lintResult([finding({ file: 'clusters/a.yaml', line: 2, ruleId: 'r' })], { root: '/repo' });
    const parsed = await read(junit(result, { ...options, cwd: '/repo/clusters' }));
    expect(parsed.testsuite!.map((s) => s.name)).toEqual(['a.yaml', '../kustomization.yaml']); // in repository order, as every format
  });

  it('an empty run is still a document', async () => {
    const xml = junit(lintResult([], { files: [] }), options);
    expect(await parse(xml)).toMatchObject({ name: 'gitops-lint', tests: 0, failures: 0 });
  });
});
