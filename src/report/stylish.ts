/** Human output, like ESLint's stylish: findings grouped by file, aligned rows, one summary line. */
import type { LintResult } from '../engine/types.js';
import type { Finding, Severity } from '../finding.js';
import type { FixSummary } from '../fix/types.js';
import { printable, styles, type Styles } from './ansi.js';
import { severityCounts } from './counts.js';
import { cwdPath } from './tool.js';
import type { Formatter } from './types.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const stylish: Formatter = (result, options) => {
  const s = styles(options.color);
  const sections: string[] = [];
  // With several clusters, a finding about an applied object says which cluster(s) it is about.
  const showCluster = result.stats.clusters.length > 1;
  for (const [file, findings] of groupByFile(result.findings)) {
    sections.push(fileSection(file === '' ? '' : cwdPath(file, result.root, options.cwd), findings, s, showCluster, options.width));
  }
  if (options.fixes) sections.push(...fixSections(options.fixes, s));
  if (options.verbose) sections.push(...verboseSections(result, s));
  sections.push(summaryLine(result.findings, s, options.failOn ?? 'error'));
  return `${sections.join('\n\n')}\n`;
};

/** What --fix did (or --fix-dry-run would do): files fixed with their fixes by rule, files left alone and why. */
function fixSections(fixes: FixSummary, s: Styles): string[] {
  const sections: string[] = [];
  if (fixes.fixed.length > 0) {
    const total = fixes.fixed.reduce((n, f) => n + Object.values(f.byRule).reduce((a, b) => a + b, 0), 0);
    const rows = fixes.fixed.map((f) => {
      const rules = Object.entries(f.byRule)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([id, n]) => `${printable(id)} ×${n}`);
      return `  ${printable(f.file)}  ${s.dim(rules.join(', '))}`;
    });
    sections.push([s.green(`${fixes.dryRun ? 'Would fix' : 'Fixed'} ${plural(total, 'problem')} in ${plural(fixes.fixed.length, 'file')}:`), ...rows].join('\n'));
  }
  if (fixes.leftAlone.length > 0) {
    const rows = fixes.leftAlone.map((f) => `  ${printable(f.file)}  ${s.dim(`${f.fixes} ${f.fixes === 1 ? 'fix' : 'fixes'} not applied: ${printable(f.reason)}`)}`);
    sections.push([s.yellow(`Left alone (${plural(fixes.leftAlone.length, 'file')}):`), ...rows].join('\n'));
  }
  if (sections.length === 0) sections.push(s.dim(fixes.dryRun ? 'Nothing to fix.' : 'Nothing was fixed.'));
  return sections;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

const severityStyle = (s: Styles, severity: Severity) =>
  severity === 'error' ? s.red : severity === 'warning' ? s.yellow : s.cyan;

/** Narrowest message column worth wrapping into; below it the message goes under the row, indented. */
const MIN_MESSAGE_WIDTH = 30;
const INDENT = '    ';

/**
 * One row per finding, led by a `path:line:col` token terminals and editors open (the path as seen from the working
 * directory), aligned on plain text widths, colour applied after padding so escapes do not skew columns. On a
 * terminal narrower than a row, the message wraps inside its column, or under the row when the column is too narrow.
 */
function fileSection(file: string, findings: Finding[], s: Styles, showCluster: boolean, width: number | undefined): string {
  const shownFile = printable(file) || '(repository)';
  const rows = findings.map((f) => ({
    position: `${f.line}:${f.column}`,
    severity: f.severity,
    message: printable(f.message) + (showCluster && f.object?.cluster ? ` [cluster: ${printable(f.object.cluster)}]` : ''),
    ruleId: printable(f.ruleId),
  }));
  const widest = (key: keyof (typeof rows)[number]) => Math.max(...rows.map((r) => r[key].length));
  const [posW, sevW, msgW, ruleW] = [widest('position'), widest('severity'), widest('message'), widest('ruleId')];
  const messageColumn = shownFile.length + 1 + posW + 2 + sevW + 2;
  const room = width === undefined ? msgW : Math.min(msgW, width - messageColumn - 2 - ruleW);
  return rows
    .flatMap((r) => {
      const location = `${s.underline(shownFile)}${s.dim(`:${r.position.padEnd(posW)}`)}`;
      const head = `${location}  ${severityStyle(s, r.severity)(r.severity.padEnd(sevW))}`;
      if (room >= r.message.length || room >= MIN_MESSAGE_WIDTH) {
        const [first = '', ...rest] = room >= r.message.length ? [r.message] : wrap(r.message, room);
        return [`${head}  ${first.padEnd(room)}  ${s.dim(r.ruleId)}`.trimEnd(), ...rest.map((line) => ' '.repeat(messageColumn) + line)];
      }
      return [`${head}  ${s.dim(r.ruleId)}`, ...wrap(r.message, Math.max(MIN_MESSAGE_WIDTH, width! - INDENT.length)).map((line) => INDENT + line)];
    })
    .join('\n');
}

/** Words into lines of at most `width` characters; a word longer than that (a path, a URL) stays whole on its line. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * ESLint's wording: errors and warnings are problems. Info findings alone are not, unless --fail-on info makes them
 * fail the run, so the line never says ✖ for a run that passes only because of them (nor ✔ for one that fails).
 */
function summaryLine(findings: readonly Finding[], s: Styles, failOn: Severity | 'none'): string {
  if (findings.length === 0) return s.green('✔ No problems found');
  const c = severityCounts(findings);
  if (c.error === 0 && c.warning === 0 && failOn !== 'info') return s.green(`✔ No errors or warnings (${c.info} info)`);
  const text = `✖ ${plural(findings.length, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info)`;
  return s.bold((c.error > 0 ? s.red : c.warning > 0 ? s.yellow : s.cyan)(text));
}

function verboseSections(result: LintResult, s: Styles): string[] {
  const sections: string[] = [];
  if (result.skipped.length > 0) {
    const pathW = Math.max(...result.skipped.map((k) => printable(k.path).length));
    const reasonW = Math.max(...result.skipped.map((k) => k.reason.length));
    const rows = result.skipped.map((k) => {
      const detail = k.detail ? `  ${s.dim(printable(k.detail))}` : '';
      return `  ${printable(k.path).padEnd(pathW)}  ${k.reason.padEnd(reasonW)}${detail}`.trimEnd();
    });
    sections.push([s.underline(`Skipped ${plural(result.skipped.length, 'file')}`), ...rows].join('\n'));
  }
  const { stats } = result;
  const clusters = stats.clusters.length > 0 ? ` (${clusterList(stats.clusters)})` : '';
  const suppressed = result.suppressedCount > 0 ? `, ${result.suppressedCount} suppressed` : '';
  sections.push(
    s.dim(
      `Checked ${plural(stats.files, 'file')} (${stats.yamlFiles} YAML), ${plural(stats.documents, 'document')}, ` +
        `${plural(stats.objects, 'object')}, ${plural(stats.clusters.length, 'cluster')}${clusters} in ${Math.round(stats.durationMs)} ms` +
        `${suppressed}`,
    ),
  );
  return sections;
}

const MAX_CLUSTERS_LISTED = 5;

/** Cluster names for the stats line; a repo with dozens of clusters gets the first few and a count. */
function clusterList(clusters: readonly string[]): string {
  const listed = clusters.slice(0, MAX_CLUSTERS_LISTED).map(printable).join(', ');
  const rest = clusters.length - MAX_CLUSTERS_LISTED;
  return rest > 0 ? `${listed} and ${rest} more` : listed;
}
