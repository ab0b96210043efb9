/** `gitops-lint.io/ignore: "RULE[, RULE] -- reason"` on an object suppresses that object's findings of those rules. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { badLabelRule, tempRepo } from './helpers.js';

const cm = (name: string, annotation?: string) =>
  [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${name}`,
    '  namespace: default',
    ...(annotation === undefined ? [] : ['  annotations:', `    gitops-lint.io/ignore: ${annotation}`]),
    '  labels:',
    '    bad: "yes"',
    '',
  ].join('\n');

async function run(files: Record<string, string>) {
  const result = await lint(tempRepo(files), {
    config: { extends: 'none', customRules: [badLabelRule], rules: { 'suppression-missing-reason': 'error', 'suppression-unused': 'warning' } },
  });
  const of = (rule: string) => result.findings.filter((f) => f.ruleId === rule).map((f) => `${f.file}:${f.line} ${f.message}`);
  return { labels: of('no-bad-label'), problems: of('suppression-missing-reason'), unused: of('suppression-unused'), suppressed: result.suppressedCount };
}

describe('gitops-lint.io/ignore annotation', () => {
  it.each<[string, string | undefined, { labels: number; problems: unknown[] }]>([
    ['no annotation', undefined, { labels: 1, problems: [] }],
    ['the rule with a reason', '"no-bad-label -- vendored chart, fixed upstream"', { labels: 0, problems: [] }],
    ['several rules, one of them this one', '"yaml-syntax, no-bad-label -- vendored"', { labels: 0, problems: [] }],
    ['another rule only', '"yaml-syntax -- vendored"', { labels: 1, problems: [] }],
    ['no reason: suppresses nothing, and says so', 'no-bad-label', { labels: 1, problems: ['a.yaml:7 gitops-lint.io/ignore annotation no-bad-label has no reason, so it suppresses nothing: add "-- why" after the rule ids'] }],
    ['an empty reason', '"no-bad-label --  "', { labels: 1, problems: [expect.stringMatching(/^a\.yaml:7 .* has no reason, so it suppresses nothing/)] }],
    ['no rule', '"-- why"', { labels: 1, problems: ['a.yaml:7 gitops-lint.io/ignore annotation names no rule: write "RULE-ID -- reason"'] }],
    ['a misspelt rule, with a suggestion', '"no-bad-lable -- typo"', { labels: 1, problems: ["a.yaml:7 unknown rule 'no-bad-lable' in gitops-lint.io/ignore annotation (did you mean 'no-bad-label'?)"] }],
  ])('%s', async (_name, annotation, expected) => {
    const { labels, problems } = await run({ 'a.yaml': cm('a', annotation) });
    expect(labels).toHaveLength(expected.labels);
    expect(problems).toEqual(expected.problems);
  });

  it('covers only its own object in a file of several', async () => {
    const { labels, unused, suppressed } = await run({ 'a.yaml': `${cm('a', '"no-bad-label -- vendored"')}---\n${cm('b')}` });
    expect(labels).toEqual(['a.yaml:17 ConfigMap b: metadata.labels.bad must not be set']);
    expect(unused).toEqual([]);
    expect(suppressed).toBe(1);
  });

  it('an annotation a kustomize patch adds (as the cluster gets the object) suppresses findings in the source', async () => {
    const files = {
      'clusters/prod/apps.yaml': [
        'apiVersion: kustomize.toolkit.fluxcd.io/v1',
        'kind: Kustomization',
        'metadata: { name: apps, namespace: flux-system }',
        'spec: { interval: 10m, path: ./apps, prune: true, sourceRef: { kind: GitRepository, name: flux-system } }',
        '',
      ].join('\n'),
      'apps/kustomization.yaml': [
        'resources: [cm.yaml]',
        'patches:',
        '  - target: { kind: ConfigMap, name: a }',
        '    patch: |',
        '      - op: add',
        '        path: /metadata/annotations',
        '        value: { "gitops-lint.io/ignore": "no-bad-label -- chart default, overridden at runtime" }',
        '',
      ].join('\n'),
      'apps/cm.yaml': cm('a'),
    };
    const { labels, problems } = await run(files);
    expect(problems).toEqual([]);
    expect(labels).toEqual([]);
  });
});
