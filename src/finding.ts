/**
 * The one finding type. Every rule, the loader and the engine produce these; formatters only format them.
 * Field names follow ESLint's JSON output so users know them.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Severity order, for --fail-on and sorting. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The Kubernetes object a finding is about (as the cluster will see it: after namespace/prefix/suffix transforms). */
export interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** The cluster(s) that apply it (comma-separated), when the repo has clusters and one applies its document. */
  cluster?: string;
  /** `namespace/name` of the Flux Kustomization that applies it there. */
  appliedBy?: string;
}

/**
 * A text edit, ESLint style: replace the characters [range[0], range[1]) of the finding's file with `text`.
 * Offsets are UTF-16 code unit offsets into the file text as loaded.
 */
export interface Fix {
  range: [number, number];
  text: string;
}

/** A place in a repo-relative file. Lines and columns are 1-based; end is exclusive of the last column + 1, like ESLint. */
export interface Location {
  /** Repo-relative path with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Location {
  ruleId: string;
  severity: Severity;
  message: string;
  object?: ObjectRef;
  fix?: Fix;
}

/** Deterministic order: file, line, column, rule id, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
