/**
 * A suppression directive, wherever it is written (a YAML comment, an annotation on the object): which rules it
 * names, which lines of which file it covers, and which of its rules it suppressed, so unused ones can be reported.
 */
import type { ReportInput } from '../checks/types.js';
import type { Finding, Location } from '../finding.js';
import { closestName } from '../util/suggest.js';

export interface Directive {
  /** How the directive is named in messages: `gitops-lint-disable-line`, `gitops-lint.io/ignore annotation`. */
  label: string;
  /** Where it is written (unused ones are reported there). */
  location: Location;
  /** The file whose findings it may suppress. */
  file: string;
  /** Known rule ids it names. */
  ids: Set<string>;
  /** Lines of `file` it covers (1-based, inclusive); undefined: the whole file. */
  lines?: [number, number];
  /** Rule ids it suppressed a finding of. */
  used: Set<string>;
}

/** `RULE[, RULE...] -- reason`: the rule ids and the reason ('' when none). */
export function parseRuleList(text: string): { ids: string[]; reason: string } {
  const [idsPart = '', ...reasonParts] = text.split('--');
  return { ids: idsPart.split(',').map((s) => s.trim()).filter(Boolean), reason: reasonParts.join('--').trim() };
}

/** Whether `directive` covers `finding`; marks the rule used when it does. */
export function suppresses(directive: Directive, finding: Finding): boolean {
  if (directive.file !== finding.file || !directive.ids.has(finding.ruleId)) return false;
  const [from, to] = directive.lines ?? [1, Infinity];
  if (finding.line < from || finding.line > to) return false;
  directive.used.add(finding.ruleId);
  return true;
}

/** One problem per rule id a directive names but suppressed no finding of (ESLint's unused disable directives). */
export function unusedDirectiveProblems(directives: readonly Directive[]): ReportInput[] {
  return directives.flatMap((d) =>
    [...d.ids]
      .filter((id) => !d.used.has(id))
      .map((id) => ({ message: `unused ${d.label} for '${id}': no ${id} finding to suppress here; remove it`, location: d.location })),
  );
}

/** The message for an unknown rule id in a directive, with the likely intended one. */
export function unknownRuleMessage(id: string, label: string, knownRuleIds: ReadonlySet<string>): string {
  const suggestion = closestName(id, knownRuleIds, { partial: false });
  return `unknown rule '${id}' in ${label}${suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`}`;
}
