/** The job summary's dependency graph section: shown when given, left out with a line saying why when too big. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/finding.js';
import { jobSummary, MERMAID_MAX_CHARS, SUMMARY_MAX_BYTES } from '../../src/github/summary.js';

const graph = 'flowchart LR\n  subgraph cluster_0["cluster prod (bootstrap)"]\n    c0_0["Kustomization flux-system/apps ./apps"]\n  end\n';
const finding = (i: number): Finding => ({ file: `apps/f${i}.yaml`, line: 1, column: 1, endLine: 1, endColumn: 2, ruleId: 'kustomize-missing-file', severity: 'error', message: `missing ${'x'.repeat(200)} ${i}` });
const added = ['cluster prod: Kustomization flux-system/apps ./apps depends on Kustomization flux-system/infra ./infra'];
const summary = (findings: Finding[], mermaid?: string, maxBytes?: number) =>
  jobSummary({
    findings,
    rules: [],
    markdown: {},
    notes: [],
    ...(mermaid === undefined ? {} : { changedGraph: { mermaid, added, removed: ['cluster prod: Kustomization flux-system/gone_1 ./gone'] } }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
  });

describe('job summary: the changed dependency graph', () => {
  it('is a collapsible mermaid block, with findings and without', () => {
    for (const findings of [[], [finding(1)]]) {
      const text = summary(findings, graph);
      expect(text).toContain(
        '<details><summary>Dependency graph (changed)</summary>\n\nAdded:\n\n- cluster prod: Kustomization flux-system/apps ./apps depends on Kustomization flux-system/infra ./infra\n\n' +
          'Removed:\n\n- cluster prod: Kustomization flux-system/gone\\_1 ./gone\n\nThe graph at the head of the pull request:\n\n',
      );
      expect(text).toContain(`\`\`\`mermaid\n${graph}\`\`\``);
    }
    expect(summary([finding(1)])).not.toContain('Dependency graph');
  });

  it('comes before the full list, which keeps the summary within its cap', () => {
    const findings = Array.from({ length: 10_000 }, (_, i) => finding(i));
    const text = summary(findings, graph);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(text.indexOf('```mermaid')).toBeLessThan(text.indexOf('<details><summary>All 10000 findings by file'));
    expect(text).toMatch(/_… and \d+ more findings/);
  });

  it('is left out, saying why, when longer than Mermaid draws', () => {
    const big = `flowchart LR\n${'  a --> b\n'.repeat(MERMAID_MAX_CHARS / 10)}`;
    const text = summary([], big);
    expect(text).not.toContain('```mermaid');
    expect(text).toContain('Added:\n\n- cluster prod');
    expect(text).toContain(`The graph at the head is not drawn: its Mermaid text has ${big.length} characters, more than Mermaid draws (50000)`);
  });

  it('is left out, saying why, when it does not fit in the summary', () => {
    // A summary cap that holds the findings, with a graph (under Mermaid's limit) bigger than all of them.
    const big = `flowchart LR\n${'  a --> b\n'.repeat(1000)}`;
    const text = summary([finding(1)], big, Buffer.byteLength(summary([finding(1)])));
    expect(text).not.toContain('```mermaid');
    expect(text).toContain('The graph at the head is not drawn: it does not fit in the job summary (1 MiB)');
  });
});
