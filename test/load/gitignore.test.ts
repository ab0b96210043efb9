/**
 * .gitignore semantics: nested files, anchoring, negation and excluded parent directories, as git has them. The table
 * states git's answers (gitignore(5)); where git is installed, `git check-ignore` confirms every row.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gitIgnoreMatcher, rootRelativePattern } from '../../src/load/gitignore.js';
import { loadFiles, writeRepo } from './helpers.js';

function detectGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasGit = detectGit();
const NO_GIT = 'git is not installed: the git check-ignore oracle test is skipped';

const gitignores: Record<string, string> = {
  '.gitignore': '# generated\ngen/\n*.out\n/rootonly.yaml\n!keep.out\nsecret*\n',
  'a/.gitignore': '!secret.yaml\nlocal/*.yaml\n',
  'a/b/.gitignore': '*.yaml\n!b.yaml\n',
  'c/.gitignore': '!gen/\n',
  'gen/.gitignore': '!inside.yaml\n',
};

/** Path -> ignored, by git's rules. */
const expected: [string, boolean][] = [
  ['gen/x.yaml', true], // `gen/` matches a directory at any depth
  ['a/gen/x.yaml', true],
  ['gen/inside.yaml', true], // a file inside an excluded directory cannot be re-included
  ['c/gen/x.yaml', false], // ...but a deeper .gitignore can re-include the directory itself
  ['x.out', true],
  ['keep.out', false],
  ['a/keep.out', false],
  ['rootonly.yaml', true], // anchored at the root .gitignore
  ['a/rootonly.yaml', false],
  ['secret.yaml', true],
  ['a/secret.yaml', false], // a/.gitignore re-includes it below a/
  ['a/b/secret.yaml', true], // a/b/.gitignore is deeper and ignores *.yaml again
  ['a/local/x.yaml', true], // `local/*.yaml` has a slash: anchored at a/
  ['a/x/local/x.yaml', false],
  ['a/b/b.yaml', false],
  ['a/b/c.yaml', true],
  ['c/d.yaml', false],
];

describe('.gitignore matching', () => {
  const files = Object.entries(gitignores).map(([path, text]) => ({ dir: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', text }));
  const ignored = gitIgnoreMatcher(files);

  it.each(expected)('%s ignored: %s', (path, want) => {
    expect(ignored(path)).toBe(want);
  });

  it('rewrites nested patterns relative to the root: anchored with a slash, at any depth without', () => {
    expect(rootRelativePattern('a', 'local/*.yaml')).toBe('a/local/*.yaml');
    expect(rootRelativePattern('a', '/x')).toBe('a/x');
    expect(rootRelativePattern('a', 'gen/')).toBe('a/**/gen/');
    expect(rootRelativePattern('a', '!keep')).toBe('!a/**/keep');
    expect(rootRelativePattern('we[ir]d*', 'x')).toBe('we\\[ir\\]d\\*/**/x');
    expect(rootRelativePattern('a', '# comment')).toBeUndefined();
    expect(rootRelativePattern('a', '   ')).toBeUndefined();
  });

  it('a directory whose name holds glob characters matches only itself', () => {
    const m = gitIgnoreMatcher([{ dir: 'we[ir]d*', text: 'x\n' }]);
    expect(m('we[ir]d*/x')).toBe(true);
    expect(m('wei/x')).toBe(false);
  });

  it('odd paths never throw', () => {
    expect(ignored('')).toBe(false);
    expect(ignored('../outside')).toBe(false);
  });
});

describe.skipIf(!hasGit)(`.gitignore matching as git check-ignore answers (${hasGit ? 'git found' : NO_GIT})`, () => {
  it('agrees with git on every row', () => {
    const dir = writeRepo(gitignores);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const git = expected.map(([path]) => {
      try {
        execFileSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: dir, stdio: 'ignore' });
        return [path, true];
      } catch {
        return [path, false];
      }
    });
    expect(git).toEqual(expected);
  });
});

describe('loadRepo', () => {
  it('reads every .gitignore of the repo', async () => {
    const repo = await loadFiles({ ...gitignores, 'app/kustomization.yaml': 'resources: []\n' });
    expect(expected.map(([path]) => [path, repo.gitIgnored(path)])).toEqual(expected);
  });

  it('ignores nothing without .gitignore files', async () => {
    const repo = await loadFiles({ 'a.yaml': 'a: 1\n' });
    expect(repo.gitIgnored('a.yaml')).toBe(false);
  });
});
