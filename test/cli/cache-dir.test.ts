/**
 * A cache folder that cannot be written (XDG_CACHE_HOME on a file, under /proc, read-only) is skipped with one warning:
 * the run is the same as with --no-cache. Under /proc, Node's recursive mkdir used to spin forever.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { makeDir } from '../../src/util/make-dir.js';
import { captureIO, withoutEntryPointNote } from './io.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-cache-dir-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const repo = path.join(tmp, 'repo');
fs.mkdirSync(repo);
fs.writeFileSync(path.join(repo, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: "2"\n');
const aFile = path.join(tmp, 'a-file');
fs.writeFileSync(aFile, '');
const hasProc = fs.existsSync('/proc/self');

async function lintWith(args: string[], env: Record<string, string>) {
  const io = captureIO({ cwd: tmp, env });
  const code = await run([repo, '-f', 'json', ...args], io);
  return { code, findings: JSON.parse(io.out()).findings as unknown[], err: withoutEntryPointNote(io.err()) };
}

describe('an unwritable cache folder', () => {
  it.each<[string, string, string, boolean]>([
    ['XDG_CACHE_HOME is a file', aFile, 'ENOTDIR', true],
    ['XDG_CACHE_HOME under /proc, where mkdir says ENOENT', '/proc/gitops-lint-test', 'ENOENT', hasProc],
  ])('%s: one warning, the same findings as --no-cache', async (_name, cacheHome, code, applies) => {
    if (!applies) return expect(hasProc, 'no /proc on this system').toBe(false);
    const uncached = await lintWith(['--no-cache'], {});
    const result = await lintWith([], { XDG_CACHE_HOME: cacheHome });
    expect(result.err).toBe(
      `gitops-lint: warning: cache directory ${path.join(cacheHome, 'gitops-lint', 'validators')} cannot be written (${code}); compiled schemas are not cached (--no-cache hides this)\n`,
    );
    expect(result.findings).toEqual(uncached.findings);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.code).toBe(uncached.code);
  });

  it('a writable one gets the validators, without a warning', async () => {
    const cacheHome = path.join(tmp, 'cache');
    const result = await lintWith([], { XDG_CACHE_HOME: cacheHome });
    expect(result.err).toBe('');
    expect(fs.readdirSync(path.join(cacheHome, 'gitops-lint', 'validators')).length).toBeGreaterThan(0);
  });
});

describe('makeDir', () => {
  it('creates missing parents', () => {
    const dir = path.join(tmp, 'a', 'b', 'c');
    makeDir(dir);
    expect(fs.statSync(dir).isDirectory()).toBe(true);
    makeDir(dir); // exists: fine
  });

  it.each([
    ['under a file', path.join(aFile, 'x'), 'ENOTDIR'],
    ['a file', aFile, 'ENOTDIR'],
    ...(hasProc ? [['under /proc', '/proc/gitops-lint-test/x', 'ENOENT']] : []),
  ])('%s: throws %s', (_name, dir, code) => {
    expect(() => makeDir(dir)).toThrow(expect.objectContaining({ code }));
  });
});
