/**
 * Only-new mode: lint the working tree (or a commit) and the tree where it left a ref (their merge base), and keep
 * only the findings the change introduced, matched by matchFingerprint with counts (src/baseline/known.ts).
 * The base tree is read from git objects into a temporary folder (src/baseline/git.ts), removed whatever happens.
 * Both trees are linted with the head's config, so a finding is new because the manifests changed, not the settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CheckRegistry } from '../checks/types.js';
import { CONFIG_FILE_NAMES } from '../config/index.js';
import { UsageError } from '../engine/errors.js';
import { lint } from '../engine/lint.js';
import type { LintOptions, LintResult } from '../engine/types.js';
import type { Finding } from '../finding.js';
import type { RepoGraph } from '../graph/types.js';
import { gitRemoteUrls } from '../load/git-remotes.js';
import { changedFiles, exportTree, mergeBase, removeTree, resolveCommit, worktreeTop } from './git.js';
import { countFingerprints, splitKnown } from './known.js';

export interface NewSinceOptions extends Omit<LintOptions, 'onGraph'> {
  /** Lint this commit instead of the working tree (the pre-push hook lints what is pushed). */
  head?: string;
  /**
   * Do not lint the base: keep every finding in a file changed since the merge base (one lint instead of two;
   * coarser: an old finding in a touched file is kept).
   */
  changedOnly?: boolean;
  /** The option name errors are worded with (default '--new-since'). */
  optionName?: string;
  /** Called with each linted tree's dependency graph (the base's only when the base is linted), while the tree exists. */
  onGraph?: (graph: RepoGraph, tree: 'head' | 'base') => void;
}

/** What only-new mode compared and what it left out. */
export interface NewSinceSummary {
  /** The ref as given. */
  ref: string;
  /** The merge base of the head and the ref: the commit whose findings count as known. */
  base: string;
  /** The commit linted, or undefined for the working tree. */
  head?: string;
  /** Files (relative to the linted root) that differ between the base and the head. */
  changedFiles: string[];
  /** Findings left out because the base had them (empty with changedOnly: the base is not linted). */
  known: Finding[];
  /** Findings left out by changedOnly because their file did not change. */
  outsideChanges: Finding[];
}

export interface NewSinceResult extends LintResult {
  newSince: NewSinceSummary;
}

/** What only-new mode compares, as git has it. */
export interface Change {
  /** The lint root (absolute, as given) and its folder in the repository ('' for the top). */
  absRoot: string;
  sub: string;
  /** The top of the worktree (real path). */
  top: string;
  /** The ref as given, and the merge base of the head with it. */
  ref: string;
  base: string;
  /** The commit linted, or undefined for the working tree. */
  head?: string;
  /** Files that differ between the base and the head, relative to the top of the worktree. */
  changedInRepo: string[];
}

/**
 * The change a lint of `root` at `head` (a commit; undefined: the working tree) makes since its merge base with
 * `ref`; usage errors word git's failures for `optionName`. `top`: the top of the worktree, when the caller knows it.
 */
export function gitChange(root: string, ref: string, head: string | undefined, optionName: string, top?: string): Change {
  const absRoot = path.resolve(root);
  if (!fs.statSync(absRoot, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`not a directory: ${absRoot}`);
  top ??= worktreeTop(absRoot, optionName);
  const sub = path.relative(top, fs.realpathSync(absRoot)).split(path.sep).join('/');
  const headCommit = head === undefined ? undefined : resolveCommit(top, head, `${optionName} (head)`);
  if (headCommit === undefined) resolveCommit(top, 'HEAD', `${optionName} (HEAD: the repository has no commit yet)`);
  // A full object id (what git gives a pre-push hook) goes to merge-base as it is, one git process less; when
  // merge-base fails, resolveCommit says first if it is no commit here, as for any ref.
  const full = /^[0-9a-f]{40}$/.test(ref);
  const refCommit = full ? ref : resolveCommit(top, ref, optionName);
  const base = mergeBase(top, headCommit ?? 'HEAD', refCommit, optionName, ref, full ? () => resolveCommit(top, ref, optionName) : undefined);
  const change: Change = { absRoot, sub, top, ref, base, changedInRepo: changedFiles(top, base, headCommit) };
  if (headCommit !== undefined) change.head = headCommit;
  return change;
}

/** Lints `root` and reports only what is new since its merge base with `ref`. */
export async function lintNewSince(root: string, ref: string, options: NewSinceOptions, checks: CheckRegistry): Promise<NewSinceResult> {
  return lintChange(gitChange(root, ref, options.head, options.optionName ?? '--new-since'), options, checks);
}

/** Lints the head of a change and reports only what is new since its base (see lintNewSince). */
export async function lintChange(change: Change, options: NewSinceOptions, checks: CheckRegistry): Promise<NewSinceResult> {
  const { head: _head, changedOnly, optionName: _optionName, onGraph, ...lintOptions } = options;
  const { absRoot, top, sub, ref, base, head: headCommit } = change;
  const changed = underRoot(change.changedInRepo, sub);
  const asRoot = withRemotes(lintOptions, absRoot);
  const trees: string[] = [];
  try {
    const headRoot = headCommit === undefined ? absRoot : track(trees, exportTree(top, headCommit, sub));
    const current = { ...(await lint(headRoot, graphOf(asRoot, onGraph, 'head'), checks)), root: absRoot };
    const summary: NewSinceSummary = { ref, base, changedFiles: [...changed], known: [], outsideChanges: [] };
    if (headCommit !== undefined) summary.head = headCommit;
    if (changedOnly) {
      const findings = current.findings.filter((f) => changed.has(f.file));
      summary.outsideChanges = current.findings.filter((f) => !changed.has(f.file));
      return { ...current, findings, newSince: summary };
    }
    // Only the base's findings with a fingerprint of the head's can make one known, and a fingerprint names its rule:
    // no head finding, no base lint (unless its graph is asked for); else the base is linted for the rules the head
    // has findings of.
    if (current.findings.length === 0 && !onGraph) return { ...current, newSince: summary };
    const baseRoot = track(trees, exportTree(top, base, sub));
    const onlyRules = new Set(current.findings.map((f) => f.ruleId));
    const before = await lint(baseRoot, graphOf({ ...sameConfig(asRoot, headRoot, baseRoot), onlyRules }, onGraph, 'base'), checks);
    const { fresh, known } = splitKnown(current.findings, countFingerprints(before.findings), changed);
    summary.known = known;
    return { ...current, findings: fresh, newSince: summary };
  } finally {
    for (const tree of trees) removeTree(tree);
  }
}

/** Lints the tree of `commit` as git has it (the folder of `root` in it), with no base: what a first push sends. */
export async function lintCommit(root: string, commit: string, options: LintOptions, checks: CheckRegistry): Promise<LintResult> {
  const absRoot = path.resolve(root);
  const top = worktreeTop(absRoot, 'lintCommit');
  const sub = path.relative(top, fs.realpathSync(absRoot)).split(path.sep).join('/');
  const tree = exportTree(top, resolveCommit(top, commit, 'lintCommit'), sub);
  try {
    return { ...(await lint(tree, withRemotes(options, absRoot), checks)), root: absRoot };
  } finally {
    removeTree(tree);
  }
}

/** Options that lint a tree read from git (a copy without .git) as the repository at `root`: with root's git remotes. */
function withRemotes(options: LintOptions, root: string): LintOptions {
  return { ...options, gitRemotes: options.gitRemotes ?? gitRemoteUrls(root) };
}

/** The lint options that hand the tree's graph to `onGraph`, saying which tree it is. */
function graphOf(options: LintOptions, onGraph: NewSinceOptions['onGraph'], tree: 'head' | 'base'): LintOptions {
  return onGraph ? { ...options, onGraph: (graph) => onGraph(graph, tree) } : options;
}

function track(trees: string[], tree: string): string {
  trees.push(tree);
  return tree;
}

/** Repo-relative paths under `sub`, made relative to it (finding files are relative to the linted root). */
function underRoot(files: readonly string[], sub: string): Set<string> {
  if (sub === '') return new Set(files);
  const prefix = `${sub}/`;
  return new Set(files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)));
}

/**
 * Options that lint the base with the head's config: its file when the head has one (given or found), else
 * none (the base's own config file, in our temporary copy, is removed so it is not found).
 */
function sameConfig(options: LintOptions, headRoot: string, baseRoot: string): LintOptions {
  if (options.configPath !== undefined) return options;
  const headFile = CONFIG_FILE_NAMES.map((name) => path.join(headRoot, name)).find((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile());
  if (headFile) return { ...options, configPath: headFile };
  for (const name of CONFIG_FILE_NAMES) fs.rmSync(path.join(baseRoot, name), { force: true, recursive: true });
  return options;
}
