/**
 * Suppressions, scanned once per lint run (the engine filters findings with the scan and shares it with the checks).
 * Inline, in YAML comments:
 *   # gitops-lint-disable-next-line RULE[, RULE...] -- reason   (the next line that is not blank or a comment)
 *   # gitops-lint-disable-line RULE[, RULE...] -- reason        (this line)
 *   # gitops-lint-disable-file RULE[, RULE...] -- reason        (the whole file)
 * and on the object, as an annotation (annotation-suppressions.ts).
 * A directive without a reason suppresses nothing; it and unknown rule ids are problems (rule suppression-missing-reason).
 * Directives that suppressed nothing are reported by suppression-unused.
 */
import type { Finding } from '../finding.js';
import type { RepoGraph } from '../graph/types.js';
import type { LoadedRepo, SourceFile, YNode } from '../load/types.js';
import type { ReportInput } from '../checks/types.js';
import { scanAnnotations } from './annotation-suppressions.js';
import { directiveRules, suppresses, unusedDirectiveProblems, type Directive } from './directive.js';

const MARKER = 'gitops-lint-disable';
// A comment starts at a `#` at the start of a line or after whitespace.
const DIRECTIVE = /(^|\s)#\s*gitops-lint-disable-(next-line|line|file)(?=\s|$)(.*)$/;

export interface SuppressionScan {
  /** Whether a directive suppresses the finding (and records that it was used). */
  isSuppressed(finding: Finding): boolean;
  /** Directives that suppress nothing (no reason) or name unknown rules. */
  problems: ReportInput[];
  /** Directives (per rule id) that suppressed no finding so far: meaningful once every finding was filtered. */
  unused(): ReportInput[];
}

export function scanSuppressions(repo: LoadedRepo, graph: RepoGraph, knownRuleIds: ReadonlySet<string>): SuppressionScan {
  const problems: ReportInput[] = [];
  const directives: Directive[] = [];
  for (const file of repo.files) if (file.text.includes(MARKER)) directives.push(...scanFile(file, knownRuleIds, problems));
  const annotations = scanAnnotations(repo, graph, knownRuleIds);
  directives.push(...annotations.directives);
  problems.push(...annotations.problems);
  const byFile = new Map<string, Directive[]>();
  for (const d of directives) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  return {
    problems,
    // Every covering directive is marked used, so none of them is reported unused.
    isSuppressed: (f) => (byFile.get(f.file) ?? []).filter((d) => suppresses(d, f)).length > 0,
    unused: () => unusedDirectiveProblems(directives),
  };
}

function scanFile(file: SourceFile, knownRuleIds: ReadonlySet<string>, problems: ReportInput[]): Directive[] {
  const lines = file.text.split('\n');
  const quoted = quotedRanges(file);
  const out: Directive[] = [];
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
    const known = directiveRules(m[3]!, { label: directive, example: `# ${directive} RULE-ID -- reason`, location }, knownRuleIds, problems);
    if (!known) continue;
    const target = m[2] === 'file' ? undefined : m[2] === 'line' ? i : nextContentLine(lines, i);
    if (m[2] !== 'file' && target === undefined) continue;
    const covered: [number, number] | undefined = target === undefined ? undefined : [target + 1, target + 1];
    out.push({ label: `${directive} comment`, location, file: file.path, ids: new Set(known), ...(covered ? { lines: covered } : {}), used: new Set() });
  }
  return out;
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
