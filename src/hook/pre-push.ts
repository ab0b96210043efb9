/**
 * What the pre-push hook runs (`gitops-lint hook pre-push <remote> <url>`): for each ref git is pushing (stdin lines
 * `<local ref> <local sha> <remote ref> <remote sha>`), lint the pushed commit and keep what is new since the
 * remote had it, with only-new mode. Deletions are skipped; a new branch is compared with where it left the
 * remote's default branch (or, without one, the remote's branches); a first push to an empty remote has no base.
 */
import path from 'node:path';
import { git, ZERO_SHA } from '../baseline/git.js';
import { gitChange, lintChange, lintCommit, type Change } from '../baseline/new-since.js';
import type { CheckRegistry } from '../checks/types.js';
import type { LintOptions, LintResult } from '../engine/types.js';

export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/** The lines git gives a pre-push hook on stdin; malformed lines are ignored (git never writes them). */
export function parsePushInput(text: string): PushedRef[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length === 4 && parts.every((p) => p !== ''))
    .map(([localRef, localSha, remoteRef, remoteSha]) => ({ localRef: localRef!, localSha: localSha!, remoteRef: remoteRef!, remoteSha: remoteSha! }));
}

/**
 * The commit whose findings count as known for a pushed ref: the remote's old commit when we have it, else where
 * the pushed commit left what the remote already has; undefined when the remote has nothing of it.
 */
export function pushBase(top: string, remote: string, ref: PushedRef): string | undefined {
  const have = (sha: string): boolean => git(top, ['cat-file', '-e', `${sha}^{commit}`]).ok;
  if (!ZERO_SHA.test(ref.remoteSha) && have(ref.remoteSha)) return ref.remoteSha;
  const defaultBranch = git(top, ['rev-parse', '--verify', '--quiet', `refs/remotes/${remote}/HEAD`]);
  if (defaultBranch.ok) return defaultBranch.stdout.trim();
  // Commits of the push the remote's branches do not have; their boundary is where the push starts.
  const listed = git(top, ['rev-list', '--boundary', ref.localSha, '--not', `--remotes=${remote}`]);
  if (!listed.ok) return undefined;
  const lines = listed.stdout.split('\n').filter((l) => l !== '');
  if (lines.length === 0) return ref.localSha; // the remote has this commit already
  return lines.find((l) => l.startsWith('-'))?.slice(1);
}

export interface PushCheck {
  ref: PushedRef;
  /** The commit compared with, or undefined when everything pushed is new. */
  base?: string;
  result: LintResult;
}

/** Lints every pushed ref (once per distinct commit and base). */
export async function checkPush(
  top: string,
  remote: string,
  input: string,
  options: LintOptions & { root: string },
  checks: CheckRegistry,
): Promise<PushCheck[]> {
  const { root, ...lintOptions } = options;
  const absRoot = path.resolve(top, root);
  const done = new Set<string>();
  const pushed: PushCheck[] = [];
  for (const ref of parsePushInput(input)) {
    if (ZERO_SHA.test(ref.localSha)) continue; // a deletion pushes nothing to lint
    const base = pushBase(top, remote, ref);
    const key = `${ref.localSha} ${base ?? ''}`;
    if (done.has(key)) continue;
    done.add(key);
    if (base === undefined) {
      pushed.push({ ref, result: await lintCommit(absRoot, ref.localSha, lintOptions, checks) });
      continue;
    }
    const change = gitChange(absRoot, base, ref.localSha, 'pre-push', top);
    if (!touches(change, lintOptions.configPath)) continue;
    pushed.push({ ref, base, result: await lintChange(change, lintOptions, checks) });
  }
  return pushed;
}

/**
 * Whether a push changes anything the lint reads: a file under the lint root, or the config file. A push of only
 * application code or docs is not linted at all (the hook stays instant for it).
 */
function touches(change: Change, configPath: string | undefined): boolean {
  const under = change.sub === '' ? '' : `${change.sub}/`;
  const config = configPath === undefined ? undefined : path.relative(change.top, configPath).split(path.sep).join('/');
  return change.changedInRepo.some((f) => f.startsWith(under) || f === config);
}
