/**
 * The job summary ($GITHUB_STEP_SUMMARY): headline, counts by rule and severity, a table of the most severe findings,
 * the dependency graph when a pull request changed it, and the full list by file in a collapsible section, within
 * GitHub's 1 MiB per step (counted in UTF-8 bytes).
 */
import type { RuleMeta } from '../engine/types.js';
import type { Finding } from '../finding.js';
import { blobUrl, bySeverity, countsByRuleTable, countsPhrase, escapeMarkdown, groupedFindings, ruleLink, SEVERITY_ICON, type MarkdownOptions } from '../report/markdown.js';
import { printable } from '../report/ansi.js';
import type { GraphChanges } from '../report/graph/diff.js';
import { prefixedPath, TOOL_NAME } from '../report/tool.js';

/** GitHub's limit on one step's summary. */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** Rows of the findings table before the collapsible full list. */
const TABLE_ROWS = 20;
/** Lines of graph changes listed, each of the added and the removed. */
const GRAPH_CHANGES_SHOWN = 50;

export interface SummaryInput {
  findings: readonly Finding[];
  rules: readonly RuleMeta[];
  markdown: Omit<MarkdownOptions, 'rules' | 'maxLength' | 'moreUrl'>;
  /** Lines about the run shown under the headline (only-new, annotations left out, SARIF cap, comment fallback). */
  notes: readonly string[];
  /** The head's dependency graph in Mermaid and what changed (graph/diff.ts), given when it differs from the base's. */
  changedGraph?: GraphChanges & { mermaid: string };
  maxBytes?: number;
}

/** Mermaid's default maxTextSize: a longer diagram shows "Maximum text size in diagram exceeded" instead of the graph. */
export const MERMAID_MAX_CHARS = 50_000;

export function jobSummary(input: SummaryInput): string {
  const options: MarkdownOptions = { ...input.markdown, rules: input.rules };
  const notes = input.notes.map((n) => `> ${n}`);
  const head = [`## ${TOOL_NAME}: ${countsPhrase(input.findings)}`, '', ...(notes.length > 0 ? [...notes, ''] : [])];
  const maxBytes = input.maxBytes ?? SUMMARY_MAX_BYTES;
  if (input.findings.length === 0) {
    const top = `${head.join('\n')}✅ No problems found.\n\n`;
    return top + graphSection(input.changedGraph, maxBytes - Buffer.byteLength(top));
  }
  const findings = [...head, countsByRuleTable(input.findings, input.rules), findingsTable(input.findings, options), ''].join('\n');
  const open = `<details><summary>All ${input.findings.length} findings by file</summary>\n\n`;
  const close = '\n</details>\n';
  // The graph goes before the full list, which is cut to what room is left.
  const top = findings + graphSection(input.changedGraph, maxBytes - Buffer.byteLength(findings + open + close));
  // Budget in characters, shrunk until the UTF-8 size fits (non-ASCII messages take more bytes than characters).
  let budget = maxBytes - Buffer.byteLength(top + open + close);
  for (;;) {
    const text = top + open + groupedFindings(input.findings, options, budget).text + close;
    const bytes = Buffer.byteLength(text);
    if (bytes <= maxBytes || budget <= 0) return text;
    budget = Math.floor(budget * (maxBytes / bytes) * 0.98);
  }
}

/**
 * The collapsible "Dependency graph (changed)" section ('' without a graph), or a line saying why it is left out
 * when it is longer than Mermaid draws or than the `room` left in the summary.
 */
function graphSection(graph: SummaryInput['changedGraph'], room: number): string {
  if (graph === undefined) return '';
  const changes = [changeList('Added', graph.added), changeList('Removed', graph.removed)].join('');
  const open = `<details><summary>Dependency graph (changed)</summary>\n\n${changes}`;
  const close = '</details>\n\n';
  const omitted = (why: string) => `${open}_The graph at the head is not drawn: ${why} (\`gitops-lint graph --format mermaid\` draws it)._\n\n${close}`;
  if (graph.mermaid.length > MERMAID_MAX_CHARS) return omitted(`its Mermaid text has ${graph.mermaid.length} characters, more than Mermaid draws (${MERMAID_MAX_CHARS})`);
  const section = `${open}The graph at the head of the pull request:\n\n\`\`\`mermaid\n${graph.mermaid}\`\`\`\n\n${close}`;
  if (Buffer.byteLength(section) > room) return omitted('it does not fit in the job summary (1 MiB)');
  return section;
}

/** Nodes and edges added or removed, as a list (at most GRAPH_CHANGES_SHOWN lines). */
function changeList(title: string, facts: readonly string[]): string {
  if (facts.length === 0) return '';
  const shown = facts.slice(0, GRAPH_CHANGES_SHOWN).map((f) => `- ${escapeMarkdown(printable(f))}`);
  const more = facts.length - shown.length;
  return `${title}:\n\n${shown.join('\n')}\n${more > 0 ? `- _… and ${more} more_\n` : ''}\n`;
}

/** The most severe findings as a table: severity, file and line (linked), rule, message. */
function findingsTable(findings: readonly Finding[], options: MarkdownOptions): string {
  const rows = bySeverity(findings).slice(0, TABLE_ROWS);
  const more = findings.length - rows.length;
  return [
    `| | File | Rule | Message |`,
    '| --- | --- | --- | --- |',
    ...rows.map((f) => {
      const where = `${prefixedPath(f.file, options.pathPrefix)}:${f.line}`;
      const url = blobUrl(f.file, f.line, options);
      return `| ${SEVERITY_ICON[f.severity]} | ${url ? `[${escapeMarkdown(where)}](${url})` : escapeMarkdown(where)} | ${ruleLink(f.ruleId, options.rules)} | ${escapeMarkdown(f.message)} |`;
    }),
    ...(more > 0 ? ['', `${more} more below.`] : []),
    '',
  ].join('\n');
}
