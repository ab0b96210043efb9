/** What every formatter gets and returns: formatters are pure functions of the lint result. */
import type { LintResult } from '../engine/types.js';
import type { Severity } from '../finding.js';

export interface FormatOptions {
  /** ANSI colours (stylish only): on for a TTY unless NO_COLOR or --no-color. */
  color: boolean;
  /** Stylish: also list skipped files and stats. */
  verbose: boolean;
  /**
   * Path of the linted root relative to the directory paths should be reported from (the CI workspace),
   * forward slashes, '' or undefined when they are the same. Used by sarif and github, whose consumers
   * resolve paths against the git checkout, not the linted folder.
   */
  pathPrefix?: string;
  /**
   * The lowest severity that fails the run (--fail-on; default 'error'). Stylish words its summary to agree: info
   * findings alone are "no errors or warnings" unless info fails the run.
   */
  failOn?: Severity | 'none';
  /** Markdown: link files and lines to this commit of the repository (the PR's head). */
  links?: BlobLinks;
  /** Markdown: where a capped report's left-out findings are listed (the job summary). */
  moreUrl?: string;
}

export type Formatter = (result: LintResult, options: FormatOptions) => string;

/** Where files are shown: `<serverUrl>/<repository>/blob/<ref>/<path>#L<line>` (the PR's head commit). */
export interface BlobLinks {
  serverUrl: string;
  repository: string;
  ref: string;
}
