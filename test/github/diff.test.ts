import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedLines, parseUnifiedDiff } from '../../src/github/diff.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

describe('changed lines', () => {
  it('reads the added lines of a zero-context diff, per file, under a prefix', () => {
    const diff = [
      'diff --git a/gitops/a.yaml b/gitops/a.yaml',
      '--- a/gitops/a.yaml',
      '+++ b/gitops/a.yaml',
      '@@ -3,0 +4,2 @@ spec:',
      '+x',
      '+y',
      '@@ -9 +11 @@',
      '-old',
      '+new',
      '@@ -20,2 +21,0 @@',
      '--- a/gitops/gone.yaml',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
      '--- a/other/b.yaml',
      '+++ b/other/b.yaml',
      '@@ -1 +1 @@',
      '--- /dev/null',
      '+++ "b/gitops/caf\\303\\251 \\"q\\".yaml"',
      '@@ -0,0 +1 @@',
    ].join('\n');
    const changed = parseUnifiedDiff(diff, 'gitops');
    expect([...changed].map(([f, lines]) => [f, [...lines]])).toEqual([
      ['a.yaml', [4, 5, 11]],
      ['café "q".yaml', [1]],
    ]);
  });

  it('compares with the merge base, as a pull request does, relative to the linted folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-diff-'));
    dirs.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 't@example.com');
    git(dir, 'config', 'user.name', 't');
    fs.mkdirSync(path.join(dir, 'gitops'));
    fs.writeFileSync(path.join(dir, 'gitops/a.yaml'), 'a: 1\nb: 2\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-q', '-b', 'change');
    fs.writeFileSync(path.join(dir, 'gitops/a.yaml'), 'a: 1\nb: 3\nc: 4\n');
    git(dir, 'commit', '-qam', 'change');
    const head = git(dir, 'rev-parse', 'HEAD');
    // main moves on after the branch: its change is not part of the pull request's diff.
    git(dir, 'checkout', '-q', 'main');
    fs.writeFileSync(path.join(dir, 'gitops/main-only.yaml'), 'z: 1\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'main moves');
    const changed = changedLines(path.join(dir, 'gitops'), 'main', head);
    expect(changed && [...changed].map(([f, lines]) => [f, [...lines]])).toEqual([['a.yaml', [2, 3]]]);
    expect(changedLines(path.join(dir, 'gitops'), '0000000000000000000000000000000000000000', head)).toBeUndefined();
  });
});
