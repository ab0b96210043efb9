/** The convention that turns a rule page's fenced blocks into example files (docs/rules/README.md). */
import { describe, expect, it } from 'vitest';
import { bytesOf, goodRepo, readRuleExamples } from '../support/rule-examples.js';

const fence = '```';
const page = (bad: string, good: string) => `# rule\n\n## Bad\n\n${bad}\n## Good\n\n${good}\n## How to fix\n\n${fence}yaml\nnot: an example\n${fence}\n`;
const block = (body: string, info = 'yaml') => `${fence}${info}\n${body}\n${fence}\n`;

describe('rule page examples', () => {
  it('names a block by its first-line path comment, else example.yaml, and keeps the comment', () => {
    const examples = readRuleExamples(page(block('# apps/a.yaml: the app\nkind: A') + block('kind: B'), block('kind: C')));
    expect(examples.bad).toEqual([
      { path: 'apps/a.yaml', text: '# apps/a.yaml: the app\nkind: A\n', encoding: 'utf8' },
      { path: 'example.yaml', text: 'kind: B\n', encoding: 'utf8' },
    ]);
    expect(examples.good).toEqual([{ path: 'example.yaml', text: 'kind: C\n', encoding: 'utf8' }]);
  });

  it('takes the yaml blocks of the Bad and Good sections, and others named by a path; a # line inside a block is no heading', () => {
    const bad = `text\n${block('echo hi', 'sh')}${block('# just a comment\n## not a heading\nkind: A')}${block('# apps/.gitignore\ngenerated/', 'gitignore')}`;
    const examples = readRuleExamples(page(bad, block('kind: B')));
    expect(examples.bad.map((f) => [f.path, f.text])).toEqual([
      ['example.yaml', '# just a comment\n## not a heading\nkind: A\n'],
      ['apps/.gitignore', '# apps/.gitignore\ngenerated/\n'],
    ]);
  });

  it('Good replaces the Bad files of the same path and adds the others', () => {
    const examples = readRuleExamples(page(block('# a.yaml\nkind: A') + block('# b.yaml\nkind: B'), block('# b.yaml\nkind: B2') + block('# c.yaml\nkind: C')));
    expect(goodRepo(examples).map((f) => [f.path, f.text])).toEqual([
      ['a.yaml', '# a.yaml\nkind: A\n'],
      ['b.yaml', '# b.yaml\nkind: B2\n'],
      ['c.yaml', '# c.yaml\nkind: C\n'],
    ]);
  });

  it('writes encoding=utf-16le blocks as UTF-16LE with a byte order mark', () => {
    const [file] = readRuleExamples(page(block('a: 1', 'yaml encoding=utf-16le'), block('a: 1'))).bad;
    expect(file!.encoding).toBe('utf-16le');
    expect([...bytesOf(file!).subarray(0, 6)]).toEqual([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]);
  });

  it('rejects two blocks for one path and paths that leave the repo', () => {
    expect(() => readRuleExamples(page(block('kind: A') + block('kind: B'), ''))).toThrow(/two blocks for example.yaml/);
    expect(() => readRuleExamples(page(block('# ../x.yaml\nkind: A'), ''))).toThrow(/leaves the repo/);
  });
});
