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

/**
 * The known rule ids of `RULE[, RULE...] -- reason` written at `location`, or undefined when it suppresses nothing.
 * A directive without a rule or a reason suppresses nothing; unknown ids are left out. Each is a problem (for
 * suppression-missing-reason) pushed onto `problems`; `example` shows the directive written right.
 */
export function directiveRules(
  text: string,
  where: { label: string; example: string; location: Location },
  knownRuleIds: ReadonlySet<string>,
  problems: ReportInput[],
): string[] | undefined {
  const { label, example, location } = where;
  const [idsPart = '', ...reasonParts] = text.split('--');
  const ids = idsPart.split(',').map((s) => s.trim()).filter(Boolean);
  const reason = reasonParts.join('--').trim();
  if (ids.length === 0) {
    problems.push({ message: `${label} names no rule: write "${example}"`, location });
    return undefined;
  }
  if (!reason) {
    problems.push({ message: `${label} ${ids.join(', ')} has no reason, so it suppresses nothing: add "-- why" after the rule ids`, location });
    return undefined;
  }
  for (const id of ids.filter((id) => !knownRuleIds.has(id))) problems.push({ message: unknownRuleMessage(id, label, knownRuleIds), location });
  const known = ids.filter((id) => knownRuleIds.has(id));
  return known.length > 0 ? known : undefined;
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
function unknownRuleMessage(id: string, label: string, knownRuleIds: ReadonlySet<string>): string {
  const suggestion = closestName(id, knownRuleIds, { partial: false });
  return `unknown rule '${id}' in ${label}${suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`}`;
}
