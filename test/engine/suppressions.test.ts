import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { badLabelRule, tempRepo } from './helpers.js';

/** Two ConfigMaps with the forbidden label (lines 7 and 15 without comments). */
const run = async (text: string) => {
  const result = await lint(tempRepo({ 'cm.yaml': text }), {
    config: { extends: 'none', customRules: [badLabelRule], rules: { 'suppression-missing-reason': 'error' } },
  });
  return {
    result,
    labels: result.findings.filter((f) => f.ruleId === 'no-bad-label').map((f) => f.line),
    problems: result.findings.filter((f) => f.ruleId === 'suppression-missing-reason').map((f) => `${f.line}:${f.column} ${f.message}`),
  };
};
const cm = (name: string, labelLine = '    bad: "yes"') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n  labels:\n${labelLine}\n`;

describe('inline suppressions', () => {
  it('no directive: both findings', async () => {
    expect((await run(`${cm('a')}---\n${cm('b')}`)).labels).toEqual([7, 15]);
  });

  it('disable-next-line skips blank and comment lines, and counts the suppressed finding', async () => {
    const text = `${cm('a', '    # gitops-lint-disable-next-line no-bad-label -- migrated next sprint\n\n    # another comment\n    bad: "yes"')}---\n${cm('b')}`;
    const { labels, problems, result } = await run(text);
    expect(labels).toEqual([18]);
    expect(problems).toEqual([]);
    expect(result.suppressedCount).toBe(1);
  });

  it('disable-line at the end of the line, with several rule ids', async () => {
    const { labels, problems } = await run(cm('a', '    bad: "yes" # gitops-lint-disable-line yaml-syntax, no-bad-label -- vendor chart'));
    expect(labels).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('disable-file anywhere in the file', async () => {
    const { labels } = await run(`${cm('a')}---\n${cm('b')}# gitops-lint-disable-file no-bad-label -- generated file\n`);
    expect(labels).toEqual([]);
  });

  it('only suppresses the named rules', async () => {
    const { labels } = await run(`# gitops-lint-disable-file yaml-syntax -- fixture\n${cm('a')}`);
    expect(labels).toEqual([8]);
  });

  it('without a reason: suppresses nothing and is a finding', async () => {
    const { labels, problems } = await run(cm('a', '    bad: "yes"  # gitops-lint-disable-line no-bad-label'));
    expect(labels).toEqual([7]);
    expect(problems).toEqual([
      '7:17 gitops-lint-disable-line no-bad-label has no reason, so it suppresses nothing: add "-- why" after the rule ids',
    ]);
    const empty = await run(`# gitops-lint-disable-file no-bad-label --   \n${cm('a')}`);
    expect(empty.labels).toEqual([8]);
    expect(empty.problems).toHaveLength(1);
  });

  it('an unknown rule id is a finding; the known ids still apply', async () => {
    const { labels, problems } = await run(`# gitops-lint-disable-file no-bad-lable, no-bad-label -- typo test\n${cm('a')}`);
    expect(labels).toEqual([]);
    expect(problems).toEqual(["1:1 unknown rule 'no-bad-lable' in gitops-lint-disable-file (did you mean 'no-bad-label'?)"]);
  });

  it('a directive naming no rule is a finding', async () => {
    expect((await run(`# gitops-lint-disable-file -- everything\n${cm('a')}`)).problems).toEqual([
      '1:1 gitops-lint-disable-file names no rule: write "# gitops-lint-disable-file RULE-ID -- reason"',
    ]);
  });

  it('ignores the marker inside quoted strings and block scalars, and without a preceding space', async () => {
    const text = `${cm('a', '    bad: "x # gitops-lint-disable-line no-bad-label -- no"')}data:\n  script: |\n    # gitops-lint-disable-file no-bad-label -- no\n  url: http://x/#gitops-lint-disable-file no-bad-label -- no\n`;
    const { labels, problems } = await run(text);
    expect(labels).toEqual([7]);
    expect(problems).toEqual([]);
  });

  it('can suppress its own rule', async () => {
    const { problems } = await run(`# gitops-lint-disable-file suppression-missing-reason -- legacy comments\n${cm('a', '    bad: "yes" # gitops-lint-disable-line no-bad-label')}`);
    expect(problems).toEqual([]);
  });
});
