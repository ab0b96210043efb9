/** What every formatter gets and returns: formatters are pure functions of the lint result. */
import type { LintResult } from '../engine/types.js';
import type { Severity } from '../finding.js';
import type { FixSummary } from '../fix/types.js';

export interface FormatOptions {
  /** ANSI colours (stylish only): on for a TTY unless NO_COLOR or --no-color. */
  color: boolean;
  /** Stylish: also list skipped files and stats. */
  verbose: boolean;
  /**
   * Path of the linted root relative to the directory paths should be reported from (the CI workspace),
   * forward slashes, '' or undefined when they are the same or the root is not below it. For reports whose
   * consumers resolve paths against the git checkout (links to files of the repository).
   */
  pathPrefix?: string;
  /**
   * Absolute, real path of the working directory. The formats for people and CI logs (stylish, compact, github, junit,
   * tap) print paths relative to it (see cwdPath), so a terminal, an editor or a CI job opens the file from where the
   * command ran; json and sarif stay repo-relative (docs/formats.md). Undefined: repo-relative.
   */
  cwd?: string;
  /** Terminal width (stylish wraps long messages to it); undefined: no wrapping (a pipe, a file, a CI log). */
  width?: number;
  /**
   * The lowest severity that fails the run (--fail-on; default 'error'). Stylish words its summary to agree: info
   * findings alone are "no errors or warnings" unless info fails the run.
   */
  failOn?: Severity | 'none';
  /** Markdown: link files and lines to this commit of the repository (the PR's head). */
  links?: BlobLinks;
  /** Markdown: where a capped report's left-out findings are listed (the job summary). */
  moreUrl?: string;
  /** With --fix or --fix-dry-run: the files fixed (or that would be) and those left alone; the findings are what remains. */
  fixes?: FixSummary;
}

export type Formatter = (result: LintResult, options: FormatOptions) => string;

/** Where files are shown: `<serverUrl>/<repository>/blob/<ref>/<path>#L<line>` (the PR's head commit). */
export interface BlobLinks {
  serverUrl: string;
  repository: string;
  ref: string;
}
