/**
 * The Action's lint run. On a pull request with only-new (the default there) it is `--new-since` mode: the head and
 * the tree at the merge base with the PR's base commit are linted (the base read from git objects into a temporary
 * folder), and only findings whose fingerprint is new are reported. The same run draws both trees' dependency graphs,
 * so the job summary can show the graph when the pull request changed it without a second checkout. When the base
 * cannot be read (a shallow clone without it), every finding is reported and the log says how to fix the checkout.
 */
import { lintNewSince } from '../baseline/new-since.js';
import { builtinChecks } from '../checks/index.js';
import { UsageError } from '../engine/errors.js';
import { lint } from '../engine/lint.js';
import type { LintOptions, LintResult } from '../engine/types.js';
import { compareFindings, type Finding } from '../finding.js';
import type { RepoGraph } from '../graph/types.js';
import { pictureOf, type ClusterPicture } from '../report/graph/model.js';
import { TOOL_NAME } from '../report/tool.js';

export interface ActionLint {
  /** The head's lint result; its findings are those to report (only the new ones in only-new mode). */
  result: LintResult;
  /** Every finding of the head, new or not (the SARIF file: code scanning tells new from old itself). */
  all: Finding[];
  /** Lines for the job summary about what was compared or left out. */
  notes: string[];
  /** The head's and the base's dependency graphs, when both trees were linted. */
  graphs?: { head: ClusterPicture[]; base: ClusterPicture[] };
}

/** Lints `root`; with `baseSha`, only what is new since the merge base with it (falling back to everything). */
export async function actionLint(root: string, options: LintOptions, baseSha: string | undefined, log: (line: string) => void): Promise<ActionLint> {
  if (baseSha === undefined) {
    const result = await lint(root, options, builtinChecks);
    return { result, all: result.findings, notes: [] };
  }
  const pictures: Partial<Record<'head' | 'base', ClusterPicture[]>> = {};
  const onGraph = (graph: RepoGraph, tree: 'head' | 'base') => (pictures[tree] = pictureOf(graph));
  try {
    const { newSince, ...result } = await lintNewSince(root, baseSha, { ...options, optionName: 'only-new', onGraph }, builtinChecks);
    const at = `the merge base ${newSince.base.slice(0, 12)} with the base branch`;
    const notes = [`Only the findings new since ${at} are reported: ${newSince.known.length} already there are not shown.`];
    const all = [...result.findings, ...newSince.known].sort(compareFindings);
    const graphs = pictures.head && pictures.base ? { head: pictures.head, base: pictures.base } : undefined;
    return { result, all, notes, ...(graphs ? { graphs } : {}) };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const why = `only-new: cannot lint the base of the pull request (${err.message}), so every finding is reported.`;
    const fix = 'actions/checkout needs `fetch-depth: 0` (or the base commit fetched) for only-new mode.';
    log(`${TOOL_NAME}: ${why} ${fix}`);
    const result = await lint(root, options, builtinChecks);
    return { result, all: result.findings, notes: [`${why} ${fix}`] };
  }
}
