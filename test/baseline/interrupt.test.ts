/**
 * Only-new mode's temporary tree is removed when the process is interrupted. The CLI runs as a user runs it, with
 * --new-since; a git smudge filter on one file of the base (checkout-index applies it while exporting the base tree)
 * holds the export until the test has sent the signal, so the signal always lands while the tree exists: no timing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetOnInterrupt, removeInterruptedFolders, removeOnInterrupt } from '../../src/baseline/interrupt.js';
import { bootstrap, configMap, kustomization } from '../rules/flux-fixtures.js';
import { bin, ensureBuilt } from '../support/built-bin.js';
import { GIT_ENV, gitIn, initRepo } from '../support/git-repo.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-interrupt-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const trees = (dir: string) => fs.readdirSync(dir).filter((name) => name.startsWith('gitops-lint-tree-'));

/** Resolves when `file` exists (the filter says the base export has begun); the test's timeout bounds it. */
async function appears(file: string): Promise<void> {
  while (!fs.existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('interrupting --new-since', () => {
  let repo: string;
  let pauseScript: string;
  beforeAll(() => {
    ensureBuilt();
    // An old finding: the base is linted (and exported) only when the head has findings.
    repo = initRepo(tmp, 'fleet', {
      ...bootstrap('prod'),
      'clusters/prod/apps.yaml': kustomization('apps', './apps'),
      'clusters/prod/old.yaml': kustomization('old', './gone'),
      'apps/pause.yaml': configMap('pause', 'default'),
    });
    gitIn(repo, 'checkout', '--quiet', '-b', 'feature');
    // The filter says it started, waits for the test's go-ahead (bounded, so nothing can hang), then passes the file on.
    pauseScript = path.join(tmp, 'pause.sh');
    fs.writeFileSync(pauseScript, ': > "$PAUSE_READY"\ni=0\nwhile [ ! -e "$PAUSE_GO" ] && [ $i -lt 3000 ]; do sleep 0.02; i=$((i+1)); done\nexec cat\n');
    gitIn(repo, 'config', 'filter.pause.smudge', `sh '${pauseScript}'`);
    fs.writeFileSync(path.join(repo, '.git', 'info', 'attributes'), 'pause.yaml filter=pause\n');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s while the base tree is written removes it and ends the process by the signal', async (signal) => {
    const scratch = fs.mkdtempSync(path.join(tmp, `${signal}-`));
    const ready = path.join(scratch, 'ready');
    const go = path.join(scratch, 'go');
    const temp = path.join(scratch, 'tmp');
    fs.mkdirSync(temp);
    const child = spawn(process.execPath, [bin, '.', '--new-since', 'main', '--no-cache'], {
      cwd: repo,
      env: { ...process.env, ...GIT_ENV, TMPDIR: temp, PAUSE_READY: ready, PAUSE_GO: go },
      stdio: 'ignore',
    });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, by) => resolve({ code, signal: by })));
    await appears(ready);
    expect(trees(temp)).toHaveLength(1);
    child.kill(signal);
    fs.writeFileSync(go, '');
    const end = await ended;
    // Ended by the signal itself, as without the handler (a shell reports 128 + its number: 143, 130).
    expect(end).toEqual({ code: null, signal });
    expect(trees(temp)).toEqual([]);
  });
});

describe('removeOnInterrupt', () => {
  it('listens to SIGINT, SIGTERM and the exit only while a folder is registered', () => {
    const before = ['SIGINT', 'SIGTERM', 'exit'].map((e) => process.listenerCount(e));
    const a = fs.mkdtempSync(path.join(tmp, 'a-'));
    const b = fs.mkdtempSync(path.join(tmp, 'b-'));
    removeOnInterrupt(a);
    removeOnInterrupt(b);
    expect(['SIGINT', 'SIGTERM', 'exit'].map((e) => process.listenerCount(e))).toEqual(before.map((n) => n + 1));
    forgetOnInterrupt(a);
    expect(process.listenerCount('SIGTERM')).toBe(before[1]! + 1);
    // What a signal or the exit does: the folders still registered are removed, the forgotten one is left to its owner.
    removeInterruptedFolders();
    expect([fs.existsSync(a), fs.existsSync(b)]).toEqual([true, false]);
    expect(['SIGINT', 'SIGTERM', 'exit'].map((e) => process.listenerCount(e))).toEqual(before);
  });
});
