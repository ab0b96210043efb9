/**
 * Inline suppressions in YAML comments:
 *   # gitops-lint-disable-next-line RULE[, RULE...] -- reason   (the next line that is not blank or a comment)
 *   # gitops-lint-disable-line RULE[, RULE...] -- reason        (this line)
 *   # gitops-lint-disable-file RULE[, RULE...] -- reason        (the whole file)
 * A directive without a reason suppresses nothing; it and unknown rule ids are problems (rule suppression-missing-reason).
 */
import type { Finding } from '../finding.js';
import type { LoadedRepo, SourceFile, YNode } from '../load/types.js';
import type { ReportInput } from '../checks/types.js';

const MARKER = 'gitops-lint-disable';
// A comment starts at a `#` at the start of a line or after whitespace.
const DIRECTIVE = /(^|\s)#\s*gitops-lint-disable-(next-line|line|file)(?=\s|$)(.*)$/;

export interface SuppressionScan {
  isSuppressed(finding: Finding): boolean;
  /** Directives that suppress nothing (no reason) or name unknown rules. */
  problems: ReportInput[];
}

interface FileSuppressions {
  wholeFile: Set<string>;
  byLine: Map<number, Set<string>>;
}

/** Directives of every YAML file of the repo: scanned once per lint run (the engine shares it with the checks). */
export function scanSuppressions(repo: LoadedRepo, knownRuleIds: ReadonlySet<string>): SuppressionScan {
  const byFile = new Map<string, FileSuppressions>();
  const problems: ReportInput[] = [];
  for (const file of repo.files) {
    if (!file.text.includes(MARKER)) continue;
    const found = scanFile(file, knownRuleIds, problems);
    if (found) byFile.set(file.path, found);
  }
  return {
    problems,
    isSuppressed(f) {
      const s = byFile.get(f.file);
      return !!s && (s.wholeFile.has(f.ruleId) || !!s.byLine.get(f.line)?.has(f.ruleId));
    },
  };
}

function scanFile(file: SourceFile, knownRuleIds: ReadonlySet<string>, problems: ReportInput[]): FileSuppressions | undefined {
  const lines = file.text.split('\n');
  const quoted = quotedRanges(file);
  const result: FileSuppressions = { wholeFile: new Set(), byLine: new Map() };
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.replace(/\r$/, '');
    const lineStart = offset;
    offset += lines[i]!.length + 1;
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    const hashColumn = m.index + m[1]!.length; // 0-based
    if (quoted.some(([s, e]) => lineStart + hashColumn >= s && lineStart + hashColumn < e)) continue;
    const directive = `${MARKER}-${m[2]}`;
    const location = { file: file.path, line: i + 1, column: hashColumn + 1, endLine: i + 1, endColumn: text.length + 1 };
    const [idsPart = '', ...reasonParts] = m[3]!.split('--');
    const reason = reasonParts.join('--').trim();
    const ids = idsPart.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length === 0) {
      problems.push({ message: `${directive} names no rule: write "# ${directive} RULE-ID -- reason"`, location });
      continue;
    }
    if (!reason) {
      problems.push({ message: `${directive} ${ids.join(', ')} has no reason, so it suppresses nothing: add "-- why" after the rule ids`, location });
      continue;
    }
    const known = ids.filter((id) => knownRuleIds.has(id));
    for (const id of ids.filter((id) => !knownRuleIds.has(id))) problems.push({ message: `unknown rule '${id}' in ${directive}`, location });
    if (known.length === 0) continue;
    if (m[2] === 'file') {
      for (const id of known) result.wholeFile.add(id);
      continue;
    }
    const target = m[2] === 'line' ? i : nextContentLine(lines, i);
    if (target === undefined) continue;
    const set = result.byLine.get(target + 1) ?? new Set<string>();
    for (const id of known) set.add(id);
    result.byLine.set(target + 1, set);
  }
  return result.wholeFile.size > 0 || result.byLine.size > 0 ? result : undefined;
}

function nextContentLine(lines: string[], from: number): number | undefined {
  for (let j = from + 1; j < lines.length; j++) {
    const t = lines[j]!.trim();
    if (t !== '' && !t.startsWith('#')) return j;
  }
  return undefined;
}

/** Offsets of quoted and block scalars: a `#` inside them is text, not a comment. */
function quotedRanges(file: SourceFile): [number, number][] {
  const out: [number, number][] = [];
  const visit = (n: YNode | undefined): void => {
    if (!n) return;
    if (n.kind === 'scalar') {
      if (n.style && n.style !== 'plain') out.push([n.start, n.end]);
      return;
    }
    for (const e of n.entries ?? []) {
      visit(e.keyNode);
      visit(e.value);
    }
    for (const item of n.items ?? []) visit(item);
  };
  for (const doc of file.documents) visit(doc.root);
  return out;
}
