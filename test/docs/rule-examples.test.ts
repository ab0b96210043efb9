/**
 * Rule pages cannot drift from the rules: every page's Bad example, linted as a repo with only its rule on, gives that
 * rule's finding, and its Good example gives none (as ESLint checks its rule examples). The convention that turns a
 * page's fenced blocks into files is in docs/rules/README.md (parser: test/support/rule-examples.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinRules } from '../../src/index.js';
import type { Finding } from '../../src/finding.js';
import { loadRepo } from '../../src/load/index.js';
import { bytesOf, goodRepo, readRuleExamples, type ExampleFile } from '../support/rule-examples.js';
import { lintRule, writeRepo } from '../support/rule-tester.js';

const packageRoot = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Lints an example with only its rule on. Also returns the documents that are neither Kubernetes objects nor kustomize
 * files: a fragment (`spec: {prune: true}`) is no example, and a Good "example" made of fragments would pass unseen.
 */
async function lintExample(ruleId: string, files: ExampleFile[]): Promise<{ found: Finding[]; fragments: string[] }> {
  const dir = writeRepo(Object.fromEntries(files.map((f) => [f.path, bytesOf(f)])));
  dirs.push(dir);
  const found = await lintRule(ruleId, dir);
  const repo = await loadRepo(dir);
  // A Helm chart's own files (Chart.yaml, values.yaml) are whole files too, not Kubernetes objects.
  const fragments = repo.files.filter((f) => !f.inHelmChart).flatMap((f) => f.documents.filter((d) => d.class === 'other').map((d) => `${d.file} document ${d.index + 1}`));
  return { found, fragments };
}

const describeFindings = (found: Finding[]) => found.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`).join('\n') || '(none)';

describe.each(loadBuiltinRules().map((r) => r.id))('docs/rules/%s.md', (ruleId) => {
  // Read in each test, so that a page breaking the convention fails its own tests, not the whole file.
  const examples = () => readRuleExamples(fs.readFileSync(path.join(packageRoot, 'docs/rules', `${ruleId}.md`), 'utf8'));

  it('Bad example gives the finding, inside the example', async () => {
    const { bad } = examples();
    expect(bad.map((f) => f.path), 'a ```yaml block under ## Bad').not.toEqual([]);
    const { found, fragments } = await lintExample(ruleId, bad);
    expect(fragments, 'documents that are not Kubernetes objects nor kustomize files').toEqual([]);
    expect(found.length, `findings of ${ruleId} on the Bad example`).toBeGreaterThan(0);
    const paths = bad.map((f) => f.path);
    expect(found.filter((f) => !paths.includes(f.file)), 'findings outside the example files').toEqual([]);
  });

  it('Good example gives none', async () => {
    const page = examples();
    expect(page.good.map((f) => f.path), 'a ```yaml block under ## Good').not.toEqual([]);
    const { found, fragments } = await lintExample(ruleId, goodRepo(page));
    expect(fragments, 'documents that are not Kubernetes objects nor kustomize files').toEqual([]);
    expect(found, `findings of ${ruleId} on the Good example:\n${describeFindings(found)}`).toEqual([]);
  });
});
