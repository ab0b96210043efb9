/**
 * Markdown (GitHub Flavored) report: a headline, counts by rule and severity, and the findings grouped by file with
 * links to the file and line on the commit that was linted and rule ids linked to their docs. The same pieces make
 * the Action's job summary and the PR comment (src/github/), which cap its size: what does not fit is counted
 * ("N more findings") and linked to where the full list is.
 * Messages are escaped so a finding can neither format the page nor mention a user or team.
 */
import type { RuleMeta } from '../engine/types.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../finding.js';
import { severityCounts } from './counts.js';
import { TOOL_NAME, prefixedPath } from './tool.js';
import type { BlobLinks, FormatOptions, Formatter } from './types.js';

export interface MarkdownOptions {
  /** Links to files and lines; without them, paths are shown as code. */
  links?: BlobLinks;
  /** Path of the linted root in the repository (FormatOptions.pathPrefix). */
  pathPrefix?: string;
  /** Rule metadata (documentation links). */
  rules: readonly RuleMeta[];
  /** Largest output in characters (UTF-16 code units, as GitHub counts a comment); default: no limit. */
  maxLength?: number;
  /** Where the findings left out are listed (the job summary), linked from the "N more" line. */
  moreUrl?: string;
}

export const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** Escape text for Markdown inline content: punctuation that formats, HTML, and @mentions (a zero-width space after @). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#]/g, '\\$&')
    .replace(/@/g, '@\u200b')
    .replace(/\r?\n/g, ' ');
}

/** A span of inline code holding `text` (backticks inside handled as CommonMark does). */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** URL of a repo-relative file (and line) on the linted commit, or undefined without links. */
export function blobUrl(file: string, line: number | undefined, options: Pick<MarkdownOptions, 'links' | 'pathPrefix'>): string | undefined {
  const links = options.links;
  if (!links) return undefined;
  const encoded = prefixedPath(file, options.pathPrefix).split('/').map(encodeURIComponent).join('/');
  const base = `${links.serverUrl.replace(/\/+$/, '')}/${links.repository}/blob/${encodeURIComponent(links.ref)}/${encoded}`;
  return line === undefined ? base : `${base}#L${line}`;
}

/** `[\`rule-id\`](docs)` when the rule has a documentation URL, else the id as code. */
export function ruleLink(ruleId: string, rules: readonly RuleMeta[]): string {
  const helpUri = rules.find((r) => r.id === ruleId)?.helpUri;
  return helpUri && URL.canParse(helpUri) ? `[${code(ruleId)}](${helpUri})` : code(ruleId);
}

/** "3 errors, 1 warning and 2 info" (only the severities present), or "no findings". */
export function countsPhrase(findings: readonly Finding[]): string {
  const counts = severityCounts(findings);
  const parts = [
    counts.error && `${counts.error} error${counts.error === 1 ? '' : 's'}`,
    counts.warning && `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`,
    counts.info && `${counts.info} info`,
  ].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return 'no findings';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** A table of counts by rule and severity, most errors first. */
export function countsByRuleTable(findings: readonly Finding[], rules: readonly RuleMeta[]): string {
  if (findings.length === 0) return '';
  const byRule = new Map<string, Record<Severity, number>>();
  for (const f of findings) {
    const counts = byRule.get(f.ruleId) ?? { error: 0, warning: 0, info: 0 };
    counts[f.severity]++;
    byRule.set(f.ruleId, counts);
  }
  const rows = [...byRule].sort(
    ([a, x], [b, y]) => y.error - x.error || y.warning - x.warning || y.info - x.info || (a < b ? -1 : a > b ? 1 : 0),
  );
  return [
    '| Rule | Errors | Warnings | Info |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(([id, c]) => `| ${ruleLink(id, rules)} | ${c.error} | ${c.warning} | ${c.info} |`),
    '',
  ].join('\n');
}

/** One finding as a list item: icon, line link, rule link, message. */
export function findingItem(f: Finding, options: MarkdownOptions): string {
  const url = blobUrl(f.file, f.line, options);
  const line = url ? `[L${f.line}](${url})` : `L${f.line}`;
  return `- ${SEVERITY_ICON[f.severity]} ${line} ${ruleLink(f.ruleId, options.rules)} ${escapeMarkdown(f.message)}`;
}

function fileHeading(file: string, options: MarkdownOptions): string {
  const url = blobUrl(file, undefined, options);
  const name = code(prefixedPath(file, options.pathPrefix) || '.');
  return `**${url ? `[${name}](${url})` : name}**`;
}

/** "… and N more findings": linked to where they are listed when there is such a place. */
export function moreLine(count: number, moreUrl: string | undefined): string {
  const what = `${count} more finding${count === 1 ? '' : 's'}`;
  return moreUrl ? `_… and ${what}: see the [job summary](${moreUrl})._` : `_… and ${what} not shown._`;
}

/**
 * The findings grouped by file (in the order given), as many as fit in `budget` characters, then a "N more" line.
 * Returns the text and how many findings it shows.
 */
export function groupedFindings(findings: readonly Finding[], options: MarkdownOptions, budget = Infinity): { text: string; shown: number } {
  const reserve = moreLine(findings.length, options.moreUrl).length + 2;
  const lines: string[] = [];
  let length = 0;
  let shown = 0;
  let currentFile: string | undefined;
  for (const f of findings) {
    const add: string[] = [];
    if (f.file !== currentFile) add.push(...(currentFile === undefined ? [] : ['']), fileHeading(f.file, options), '');
    add.push(findingItem(f, options));
    const addLength = add.reduce((n, l) => n + l.length + 1, 0);
    if (length + addLength + reserve > budget) break;
    lines.push(...add);
    length += addLength;
    currentFile = f.file;
    shown++;
  }
  if (shown < findings.length) lines.push('', moreLine(findings.length - shown, options.moreUrl));
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', shown };
}

/** Findings most severe first, each severity in the given (file, line) order: what a capped list shows first. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

/** The whole report: headline, counts by rule, findings by file; capped at options.maxLength. */
export function markdownReport(findings: readonly Finding[], options: MarkdownOptions): string {
  const head = [`### ${TOOL_NAME}: ${countsPhrase(findings)}`, ''];
  if (findings.length === 0) return `${head.join('\n')}\n✅ No problems found.\n`;
  const top = `${[...head, countsByRuleTable(findings, options.rules)].join('\n')}\n`;
  const budget = (options.maxLength ?? Infinity) - top.length;
  return top + groupedFindings(findings, options, budget).text;
}

export const markdown: Formatter = (result, options: FormatOptions) =>
  markdownReport(result.findings, { rules: result.rules, pathPrefix: options.pathPrefix, links: options.links, moreUrl: options.moreUrl });
