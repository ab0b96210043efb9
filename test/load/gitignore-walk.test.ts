/**
 * The walk honours .gitignore files (git's semantics, nested files included): what they ignore is not part of the
 * repository, so it is not read, not linted and absent to the graph; YAML files and directories are listed as skipped.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { loadFiles, writeRepo } from './helpers.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('.gitignore in the walk', () => {
  it.each<[string, Record<string, string>, string[], string[]]>([
    ['no .gitignore: everything', { 'a.yaml': cm('a'), 'build/b.yaml': cm('b') }, ['a.yaml', 'build/b.yaml'], []],
    ['an ignored directory', { '.gitignore': 'build/\n', 'a.yaml': cm('a'), 'build/b.yaml': cm('b'), 'build/sub/c.yaml': cm('c') }, ['a.yaml'], ['build']],
    ['a glob, at any depth', { '.gitignore': '*.rendered.yaml\n', 'a.yaml': cm('a'), 'x/y/b.rendered.yaml': cm('b') }, ['a.yaml'], ['x/y/b.rendered.yaml']],
    ['anchored to its own directory', { 'apps/.gitignore': '/out/*.yaml\n', 'apps/out/a.yaml': cm('a'), 'out/b.yaml': cm('b'), 'apps/x/out/c.yaml': cm('c') }, ['apps/x/out/c.yaml', 'out/b.yaml'], ['apps/out/a.yaml']],
    ['a deeper .gitignore re-includes', { '.gitignore': '*.gen.yaml\n', 'apps/.gitignore': '!keep.gen.yaml\n', 'apps/keep.gen.yaml': cm('k'), 'apps/drop.gen.yaml': cm('d') }, ['apps/keep.gen.yaml'], ['apps/drop.gen.yaml']],
    ['a file under an excluded directory cannot be re-included', { '.gitignore': 'build/\n!build/keep.yaml\n', 'build/keep.yaml': cm('k') }, [], ['build']],
    ['a .gitignore inside an ignored directory is not read', { '.gitignore': 'build/\n', 'build/.gitignore': '!*\n', 'build/a.yaml': cm('a') }, [], ['build']],
    ['non-YAML files are left out without a skipped entry', { '.gitignore': '*.log\n', 'a.yaml': cm('a'), 'debug.log': 'x' }, ['a.yaml'], []],
  ])('%s', async (_name, files, linted, skipped) => {
    const repo = await loadFiles(files);
    expect(repo.files.map((f) => f.path)).toEqual(linted);
    expect(repo.skipped.filter((s) => s.reason === 'gitignored').map((s) => s.path)).toEqual(skipped);
    for (const path of skipped) {
      expect(repo.fileSet.has(path) || repo.dirSet.has(path), `${path} is not part of the repo`).toBe(false);
      expect(repo.gitIgnored(path) || repo.gitIgnored(`${path}/`)).toBe(true);
    }
  });

  it('a broken manifest in a gitignored folder gives no finding', async () => {
    const dir = writeRepo({ '.gitignore': 'build/\n', 'build/broken.yaml': 'a: [\n', 'ok.yaml': cm('ok') });
    const result = await lint(dir, { config: { extends: 'all' } });
    expect(result.findings.filter((f) => f.file.startsWith('build/'))).toEqual([]);
    const unignored = await lint(writeRepo({ 'build/broken.yaml': 'a: [\n', 'ok.yaml': cm('ok') }), { config: { extends: 'all' } });
    expect(unignored.findings.filter((f) => f.file === 'build/broken.yaml').map((f) => f.ruleId)).toContain('yaml-syntax');
  });
});
