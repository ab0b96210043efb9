/**
 * The CLI's only-new options: --new-since, --changed-only, --baseline and --write-baseline, and the lint run they make.
 * The logic lives in src/baseline; this module parses, checks combinations and words what was left out.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { readBaseline, writeBaseline } from '../baseline/file.js';
import { splitKnown } from '../baseline/known.js';
import { lintNewSince } from '../baseline/new-since.js';
import type { CheckRegistry } from '../checks/types.js';
import { UsageError } from '../engine/errors.js';
import { lint } from '../engine/lint.js';
import type { LintOptions, LintResult } from '../engine/types.js';

export interface OnlyNewOptions {
  newSince?: string;
  changedOnly?: boolean;
  baseline?: string;
  writeBaseline?: string;
}

export function addOnlyNewOptions(program: Command): Command {
  return program
    .option('--new-since <ref>', 'report only findings that are not in the tree at the merge base of HEAD and <ref> (branch, tag or commit; needs its git history)')
    .option('--changed-only', 'with --new-since: do not lint the base; report every finding in the files changed since it (faster, coarser)')
    .option('--baseline <file>', 'leave out the findings recorded in <file> by --write-baseline')
    .option('--write-baseline <file>', 'record every current finding (fingerprints and counts, no messages) in <file>, and exit 0');
}

/** What the run reports, and notes for stderr saying what was left out. */
export interface SelectedRun {
  result: LintResult;
  notes: string[];
  /** Set for --write-baseline: the run wrote this file and reports nothing. */
  wroteBaseline?: string;
}

export async function lintSelected(root: string, lintOptions: LintOptions, options: OnlyNewOptions, cwd: string, checks: CheckRegistry): Promise<SelectedRun> {
  if (options.changedOnly && options.newSince === undefined) throw new UsageError('--changed-only needs --new-since <ref> (the ref the change is compared with)');
  if (options.writeBaseline !== undefined) {
    const other = options.newSince !== undefined ? '--new-since' : options.baseline !== undefined ? '--baseline' : undefined;
    if (other) throw new UsageError(`--write-baseline records every finding; it cannot be combined with ${other}`);
    const result = await lint(root, lintOptions, checks);
    const file = path.resolve(cwd, options.writeBaseline);
    const baseline = writeBaseline(file, result.findings);
    const notes = [`wrote ${result.findings.length} finding(s) (${baseline.findings.length} fingerprint(s)) to the baseline ${file}`];
    return { result, notes, wroteBaseline: file };
  }
  // Read the baseline before linting: a bad file is a usage error without waiting for the run.
  const known = options.baseline === undefined ? undefined : readBaseline(path.resolve(cwd, options.baseline));
  const notes: string[] = [];
  let result: LintResult;
  if (options.newSince !== undefined) {
    const run = await lintNewSince(root, options.newSince, { ...lintOptions, changedOnly: options.changedOnly === true }, checks);
    const { newSince, ...rest } = run;
    result = rest;
    const at = `merge base ${newSince.base.slice(0, 12)} with ${options.newSince}`;
    notes.push(
      options.changedOnly
        ? `only findings in the ${newSince.changedFiles.length} file(s) changed since the ${at}: ${newSince.outsideChanges.length} finding(s) in other files not shown`
        : `only findings new since the ${at}: ${newSince.known.length} finding(s) already there not shown`,
    );
  } else {
    result = await lint(root, lintOptions, checks);
  }
  if (known) {
    const { fresh, known: dropped } = splitKnown(result.findings, known);
    result = { ...result, findings: fresh };
    notes.push(`${dropped.length} finding(s) recorded in the baseline not shown`);
  }
  return { result, notes };
}
