import { describe, expect, it } from 'vitest';
import { resolveRepoPath } from '../../src/load/index.js';

describe('resolveRepoPath', () => {
  it.each([
    ['apps', 'base', { status: 'inside', path: 'apps/base' }],
    ['apps/prod', '../base', { status: 'inside', path: 'apps/base' }],
    ['apps/prod', './a/../b', { status: 'inside', path: 'apps/prod/b' }],
    ['', './a/../b', { status: 'inside', path: 'b' }],
    ['', 'a//b', { status: 'inside', path: 'a/b' }],
    ['apps', './', { status: 'inside', path: 'apps' }],
    ['apps', '.', { status: 'inside', path: 'apps' }],
    ['apps', '..', { status: 'inside', path: '' }],
    ['', 'clusters/prod/', { status: 'inside', path: 'clusters/prod' }],
    ['a/b', '../../..', { status: 'outside-repo' }],
    ['', '../x', { status: 'outside-repo' }],
    ['a', 'b/../../../c', { status: 'outside-repo' }],
    ['apps', '/etc/passwd', { status: 'absolute' }],
    ['', 'C:\\repo\\x.yaml', { status: 'absolute' }],
    ['', 'c:/repo/x.yaml', { status: 'absolute' }],
    // Backslashes are file name characters on Linux, where kustomize and Flux run.
    ['apps', '..\\secret', { status: 'inside', path: 'apps/..\\secret' }],
  ])('(%j, %j)', (fromDir, ref, expected) => {
    expect(resolveRepoPath(fromDir, ref)).toEqual(expected);
  });
});
