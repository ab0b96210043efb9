/** Temporary git repositories for tests of only-new mode and the hook: isolated from the machine's git config. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** git's environment in tests: no user or system config, a fixed author, so runs are reproducible anywhere. */
export const GIT_ENV: Record<string, string> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Writes files (relative path -> text; null deletes) under dir. */
export function writeFiles(dir: string, files: Record<string, string | null>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (text === null) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
}

/** Writes files and commits them all; returns the commit id. */
export function commit(dir: string, files: Record<string, string | null>, message: string): string {
  writeFiles(dir, files);
  gitIn(dir, 'add', '--all');
  gitIn(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  return gitIn(dir, 'rev-parse', 'HEAD').trim();
}

/** A new repository (branch main) under `parent` with one commit of `files`. */
export function initRepo(parent: string, name: string, files: Record<string, string | null>): string {
  const dir = path.join(parent, name);
  fs.mkdirSync(dir, { recursive: true });
  gitIn(dir, 'init', '--quiet', '--initial-branch=main');
  commit(dir, files, 'initial');
  return dir;
}

/** What a test checks was left alone: status, stash, worktrees, the index file's bytes. */
export function untouchedState(dir: string): string {
  const index = path.join(dir, '.git', 'index');
  return [
    gitIn(dir, 'status', '--porcelain=v1', '--untracked-files=all'),
    gitIn(dir, 'stash', 'list'),
    gitIn(dir, 'worktree', 'list', '--porcelain'),
    fs.existsSync(index) ? fs.readFileSync(index).toString('base64') : '',
  ].join('\n--\n');
}

/** Creates `branch` at HEAD, checks it out and commits `files` on it; returns the commit id. */
export function commitOnBranch(dir: string, branch: string, files: Record<string, string | null>, message: string): string {
  gitIn(dir, 'checkout', '--quiet', '-b', branch);
  return commit(dir, files, message);
}
