/**
 * `gitops-lint hook install` / `hook uninstall`: write or remove the pre-push hook in the hooks folder git uses
 * (core.hooksPath when set). An existing hook of someone else's is moved aside and run first; uninstall puts it back
 * as it was (a rename: same bytes, same mode).
 */
import fs from 'node:fs';
import path from 'node:path';
import { git, worktreeTop } from '../baseline/git.js';
import { UsageError } from '../engine/errors.js';
import { CHAINED_SUFFIX, HOOK_MARKER, hookScript, type HookSettings } from './script.js';

const HOOK = 'pre-push';

/** The hooks folder git runs hooks from for the repository at `dir` (honours core.hooksPath), absolute. */
export function hooksDir(dir: string): string {
  const top = worktreeTop(dir, 'hook install');
  const run = git(top, ['rev-parse', '--git-path', 'hooks']);
  if (!run.ok) throw new UsageError(`cannot find the git hooks folder: ${run.stderr}`);
  return path.resolve(top, run.stdout.trim());
}

function isOurs(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').split('\n', 3).some((line) => line.startsWith(HOOK_MARKER));
  } catch {
    return false;
  }
}

export interface InstallReport {
  hook: string;
  /** An existing hook moved aside, which the new one runs first. */
  chained?: string;
  /** The hook was ours already and is rewritten. */
  updated: boolean;
}

export function installHook(dir: string, settings: HookSettings): InstallReport {
  const folder = hooksDir(dir);
  const hook = path.join(folder, HOOK);
  const chained = hook + CHAINED_SUFFIX;
  fs.mkdirSync(folder, { recursive: true });
  const existing = fs.lstatSync(hook, { throwIfNoEntry: false });
  const updated = existing !== undefined && isOurs(hook);
  if (existing && !updated) {
    if (fs.lstatSync(chained, { throwIfNoEntry: false })) {
      throw new UsageError(`${hook} exists and so does ${chained}; move one of them away, then install again`);
    }
    fs.renameSync(hook, chained);
  }
  fs.writeFileSync(hook, hookScript(settings), { mode: 0o755 });
  fs.chmodSync(hook, 0o755);
  const report: InstallReport = { hook, updated };
  if (fs.lstatSync(chained, { throwIfNoEntry: false })) report.chained = chained;
  return report;
}

export interface UninstallReport {
  hook: string;
  /** The hook that was chained, back in its place. */
  restored?: string;
}

export function uninstallHook(dir: string): UninstallReport {
  const hook = path.join(hooksDir(dir), HOOK);
  const chained = hook + CHAINED_SUFFIX;
  if (!fs.lstatSync(hook, { throwIfNoEntry: false })) throw new UsageError(`no pre-push hook to remove in ${path.dirname(hook)}`);
  if (!isOurs(hook)) throw new UsageError(`${hook} was not written by gitops-lint; leaving it as it is`);
  fs.rmSync(hook);
  if (!fs.lstatSync(chained, { throwIfNoEntry: false })) return { hook };
  fs.renameSync(chained, hook);
  return { hook, restored: hook };
}
