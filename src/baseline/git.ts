/**
 * The git plumbing only-new mode and the pre-push hook need, run with `git` itself (no library: the user's git,
 * config and credentials are what they expect). Nothing here writes to the user's checkout, index, stash or refs:
 * trees are read from objects into a temporary folder with a temporary index (GIT_INDEX_FILE).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../engine/errors.js';
import { forgetOnInterrupt, removeOnInterrupt } from './interrupt.js';

/** The all-zero object name git uses for "no commit" (a new branch's remote side, a deleted ref's local side). */
export const ZERO_SHA = /^0+$/;

export interface GitRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs git in `cwd`; never throws for git's own failures (callers word those), only when git is missing. */
export function git(cwd: string, args: readonly string[], env: Record<string, string> = {}): GitRun {
  const run = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // No pager, no prompts, no opportunistic index refresh (GIT_OPTIONAL_LOCKS=0, as for background tools), and LFS
    // pointers left as they are (a lint never needs the large files).
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0', GIT_LFS_SKIP_SMUDGE: '1', ...env },
  });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? 'git is not installed or not on PATH (only-new mode and the hook need it)' : `cannot run git: ${run.error.message}`);
  }
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr.trim() };
}

/** stdout of a git command that must succeed; `explain` words the failure for the user. */
export function gitOrThrow(cwd: string, args: readonly string[], explain: (stderr: string) => string): string {
  const run = git(cwd, args);
  if (!run.ok) throw new UsageError(explain(run.stderr));
  return run.stdout;
}

/** The top folder of the working tree `dir` is in (real path), or a usage error saying what `what` needs. */
export function worktreeTop(dir: string, what: string): string {
  const run = git(dir, ['rev-parse', '--show-toplevel']);
  if (!run.ok || run.stdout.trim() === '') throw new UsageError(`${what} needs a git repository, and ${dir} is not inside one`);
  return fs.realpathSync(run.stdout.trim());
}

export function isShallow(cwd: string): boolean {
  return git(cwd, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
}

/** What to do about a commit that is not there: in a shallow clone (CI) it usually is the missing history. */
function fetchAdvice(cwd: string): string {
  return isShallow(cwd)
    ? 'this clone is shallow: fetch the history (actions/checkout: fetch-depth: 0; or git fetch --unshallow) and the ref'
    : 'fetch it first (e.g. git fetch origin main) or name a branch, tag or commit that exists';
}

/** The full commit id `ref` names, or a usage error that says how to get it. */
export function resolveCommit(cwd: string, ref: string, option: string): string {
  if (ref.startsWith('-')) throw new UsageError(`${option} ${ref}: not a git ref`);
  const run = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!run.ok) throw new UsageError(`${option} ${ref}: unknown git ref; ${fetchAdvice(cwd)}`);
  return run.stdout.trim();
}

/**
 * The best common ancestor of two commits (where a branch left the ref), or a usage error; `verify` runs first
 * on a failure (to throw a better one when `b` was never checked to be a commit).
 */
export function mergeBase(cwd: string, a: string, b: string, option: string, ref: string, verify?: () => void): string {
  const run = git(cwd, ['merge-base', a, b]);
  if (!run.ok || run.stdout.trim() === '') {
    verify?.();
    throw new UsageError(
      isShallow(cwd)
        ? `${option} ${ref}: no common ancestor with it in this shallow clone; ${fetchAdvice(cwd)}`
        : `${option} ${ref}: it shares no history with ${a === 'HEAD' ? 'HEAD' : a.slice(0, 12)}`,
    );
  }
  return run.stdout.trim();
}

/**
 * Writes the files of `commit` under `subdir` (repo-relative, '' for all) into a new temporary folder and returns
 * it; the folder is empty when the commit has no such folder. The caller removes it (removeTree); a signal or the
 * process's exit before that removes it too (interrupt.ts).
 * A temporary index keeps the user's index untouched; checkout-index applies .gitattributes filters as a checkout.
 */
export function exportTree(top: string, commit: string, subdir: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-tree-'));
  removeOnInterrupt(tmp);
  const dest = path.join(tmp, 'tree');
  fs.mkdirSync(dest);
  try {
    const treeish = subdir === '' ? `${commit}^{tree}` : `${commit}:${subdir}`;
    const env = { GIT_INDEX_FILE: path.join(tmp, 'index') };
    for (const args of [['read-tree', treeish], ['checkout-index', '--all', '--force', `--prefix=${dest}${path.sep}`]]) {
      const run = git(top, args, env);
      if (run.ok) continue;
      // Only now ask what the commit has there (one git process less when it is the folder it usually is):
      // `<commit>:<dir>^{tree}` would read `^{tree}` as part of the path, so ask for the object's type.
      if (args[0] === 'read-tree' && git(top, ['cat-file', '-t', treeish]).stdout.trim() !== 'tree') return dest;
      throw new UsageError(`cannot read ${commit.slice(0, 12)} from git: ${run.stderr}`);
    }
    fs.rmSync(path.join(tmp, 'index'), { force: true });
    return dest;
  } catch (err) {
    removeTree(dest);
    throw err;
  }
}

/** Removes a folder made by exportTree (with its temporary parent). */
export function removeTree(dest: string): void {
  fs.rmSync(path.dirname(dest), { recursive: true, force: true });
  forgetOnInterrupt(path.dirname(dest));
}

/**
 * Files (repo-relative to `top`) that differ between `base` and `head`, or between `base` and the working tree
 * (untracked files included) when head is undefined.
 */
export function changedFiles(top: string, base: string, head: string | undefined): string[] {
  const diff = ['diff', '--name-only', '--no-renames', '-z', base, ...(head ? [head] : []), '--'];
  const files = gitOrThrow(top, diff, (e) => `cannot list changed files: ${e}`).split('\0');
  if (!head) files.push(...gitOrThrow(top, ['ls-files', '--others', '--exclude-standard', '-z'], (e) => `cannot list untracked files: ${e}`).split('\0'));
  return [...new Set(files.filter((f) => f !== ''))].sort();
}
