/** What a --fix (or --fix-dry-run) run did, for the CLI and the report formats. */
import type { LintResult } from '../engine/types.js';

/** One file the fixes changed. */
export interface FixedFile {
  /** Repo-relative path, forward slashes. */
  file: string;
  /** Fixes applied, over every pass, by rule id. */
  byRule: Record<string, number>;
  /** Text before the first pass and after the last (BOM not included). */
  before: string;
  after: string;
}

/** A file that had fixes but was not edited, and why. */
export interface LeftAloneFile {
  file: string;
  /** Fixes that were not applied. */
  fixes: number;
  reason: string;
}

export interface FixOutcome {
  /** The lint result after the last pass: the findings that remain. */
  result: LintResult;
  fixed: FixedFile[];
  leftAlone: LeftAloneFile[];
  /** Lint passes run (each pass applies the fixes of the one before; at most MAX_FIX_PASSES). */
  passes: number;
  /** True when nothing was written (--fix-dry-run). */
  dryRun: boolean;
}

/** Summary the formats print: counts only, so a report never carries file texts. */
export interface FixSummary {
  dryRun: boolean;
  fixed: { file: string; byRule: Record<string, number> }[];
  leftAlone: LeftAloneFile[];
}

export function fixSummary(outcome: FixOutcome): FixSummary {
  return {
    dryRun: outcome.dryRun,
    fixed: outcome.fixed.map((f) => ({ file: f.file, byRule: f.byRule })),
    leftAlone: outcome.leftAlone,
  };
}
