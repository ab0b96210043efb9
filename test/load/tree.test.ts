/** The position tree: every node's range, checked by hand on tricky YAML and against the `yaml` package's ranges. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { loadRepo, locate, positionAt } from '../../src/load/index.js';
import type { SourceFile, YNode } from '../../src/load/types.js';
import { loadOne, textOf } from './helpers.js';
import { CORPUS_DIR, corpusAbsent, needsCorpus } from '../support/corpus.js';

const TRICKY = [
  'a: 1',
  'b:',
  '  c: x # trailing comment',
  '  d:',
  '  - e',
  '  - f: g',
  '    h: i',
  '  # comment inside b',
  'k: [1, {z: 2}, "q"]',
  'l: |',
  '  block',
  '  text',
  '',
  '# c2',
  'm: >-',
  '  folded',
  'n: &anc',
  '  p: 1',
  'o: *anc',
  '',
  '# comment after an alias',
  'q:',
  '  <<: *anc',
  '  r: 2',
  '"quoted key": \'single\'',
  's: plain',
  '  multi line',
  't:',
  'u:',
  '- - nested',
  '  - seq',
  '- # comment before a mapping item',
  '  v: w',
  'empty_flow: {}',
  '',
].join('\n');

/** Text of the node at `path` (key or value). */
async function textsAt(text: string) {
  const { repo, docs, file } = await loadOne(text);
  const doc = docs[0]!;
  const at = (p: (string | number)[], target: 'key' | 'value' = 'value'): string => {
    const loc = locate(repo, doc, p, target);
    const lines = file.text.split('\n');
    if (loc.line === loc.endLine) return lines[loc.line - 1]!.slice(loc.column - 1, loc.endColumn - 1);
    return [lines[loc.line - 1]!.slice(loc.column - 1), ...lines.slice(loc.line, loc.endLine - 1), lines[loc.endLine - 1]!.slice(0, loc.endColumn - 1)].join('\n');
  };
  return { at, doc, file, repo };
}

describe('position tree', () => {
  it('covers exactly each key and value of tricky YAML', async () => {
    const { at, doc } = await textsAt(TRICKY);
    expect(doc.value).toMatchObject({ a: 1, q: { p: 1, r: 2 }, t: null, o: { p: 1 } });
    expect(at(['a'], 'key')).toBe('a');
    expect(at(['a'])).toBe('1');
    expect(at(['b', 'c'])).toBe('x');
    expect(at(['b'])).toBe('c: x # trailing comment\n  d:\n  - e\n  - f: g\n    h: i');
    expect(at(['b', 'd'])).toBe('- e\n  - f: g\n    h: i');
    expect(at(['b', 'd', 0])).toBe('e');
    expect(at(['b', 'd', 1])).toBe('f: g\n    h: i');
    expect(at(['b', 'd', 1, 'h'], 'key')).toBe('h');
    expect(at(['b', 'd', 1, 'h'])).toBe('i');
    expect(at(['k'])).toBe('[1, {z: 2}, "q"]');
    expect(at(['k', 1])).toBe('{z: 2}');
    expect(at(['k', 1, 'z'])).toBe('2');
    expect(at(['k', 2])).toBe('"q"');
    expect(at(['l'])).toBe('|\n  block\n  text');
    expect(at(['m'])).toBe('>-\n  folded');
    expect(at(['n'])).toBe('&anc\n  p: 1');
    expect(at(['o'])).toBe('*anc');
    expect(at(['q', '<<'])).toBe('*anc');
    expect(at(['q', 'r'])).toBe('2');
    expect(at(['quoted key'], 'key')).toBe('"quoted key"');
    expect(at(['quoted key'])).toBe("'single'");
    expect(at(['s'])).toBe('plain\n  multi line');
    expect(at(['t'])).toBe('');
    expect(at(['u', 0])).toBe('- nested\n  - seq');
    expect(at(['u', 0, 1])).toBe('seq');
    expect(at(['u', 1])).toBe('v: w');
    expect(at(['empty_flow'])).toBe('{}');
  });

  it('records scalar styles', async () => {
    const { file } = await loadOne('a: plain\nb: "double"\nc: \'single\'\nd: |\n  x\ne: >\n  y\nf: &x "anchored"\n');
    const styles = Object.fromEntries(file.documents[0]!.root!.entries!.map((e) => [e.key, e.value.style]));
    expect(styles).toEqual({ a: 'plain', b: 'double', c: 'single', d: 'block', e: 'block', f: 'double' });
  });

  it('handles flow pairs, keys without values, explicit keys and empty sequence items', async () => {
    const { at, doc } = await textsAt('f: {a, b: 1}\ng: [k: v, x]\n? ex\n: plicit\nh:\n-\n- last\n');
    expect(doc.value).toEqual({ f: { a: null, b: 1 }, g: [{ k: 'v' }, 'x'], ex: 'plicit', h: [null, 'last'] });
    expect(at(['f', 'b'])).toBe('1');
    expect(at(['f', 'a'], 'key')).toBe('a');
    expect(at(['g', 0])).toBe('k: v');
    expect(at(['g', 1])).toBe('x');
    expect(at(['ex'], 'key')).toBe('ex');
    expect(at(['ex'])).toBe('plicit');
    expect(at(['h', 1])).toBe('last');
    expect(at(['h', 0])).toBe('');
  });

  it('gives 1-based lines and columns at several depths', async () => {
    const { repo, docs } = await loadOne('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: app\n      image: nginx\n');
    expect(locate(repo, docs[0]!, ['spec', 'containers', 0, 'image'], 'key')).toEqual({ file: 'file.yaml', line: 6, column: 7, endLine: 6, endColumn: 12 });
    expect(locate(repo, docs[0]!, ['spec', 'containers', 0, 'image'], 'value')).toEqual({ file: 'file.yaml', line: 6, column: 14, endLine: 6, endColumn: 19 });
    expect(locate(repo, docs[0]!, ['spec', 'containers', 0], 'value')).toMatchObject({ line: 5, column: 7, endLine: 6, endColumn: 19 });
  });

  it('keeps positions right with CRLF line ends', async () => {
    const lf = 'a:\n  b: x\n  c:\n  - "y"\nd: |\n  text\n';
    const { repo: r1, docs: d1 } = await loadOne(lf);
    const { repo: r2, docs: d2, file } = await loadOne(lf.replace(/\n/g, '\r\n'));
    expect(d2[0]!.value).toEqual(d1[0]!.value);
    for (const p of [['a', 'b'], ['a', 'c', 0], ['d'], ['a']]) {
      for (const target of ['key', 'value'] as const) expect(locate(r2, d2[0]!, p, target)).toEqual(locate(r1, d1[0]!, p, target));
    }
    expect(textOf(file, d2[0]!.root!.entries![1]!.value)).toBe('|\r\n  text');
  });

  it('strips a UTF-8 byte order mark', async () => {
    const { repo, docs, file } = await loadOne('\uFEFFapiVersion: v1\nkind: ConfigMap\n');
    expect(file.text.startsWith('apiVersion')).toBe(true);
    expect(docs[0]!.class).toBe('k8s');
    expect(locate(repo, docs[0]!, ['apiVersion'])).toMatchObject({ line: 1, column: 1 });
  });

  it('positionAt binary-searches line starts', async () => {
    const { file } = await loadOne('a: 1\nbb: 2\n\nccc: 3\n');
    expect(positionAt(file, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(file, 5)).toEqual({ line: 2, column: 1 });
    expect(positionAt(file, 8)).toEqual({ line: 2, column: 4 });
    expect(positionAt(file, 12)).toEqual({ line: 4, column: 1 });
  });
});

describe('locate', () => {
  it('uses the last duplicate key, like the parsed value, and falls back to the nearest ancestor', async () => {
    const { repo, docs } = await loadOne('kind: A\nspec:\n  x: 1\n  x: 2\n');
    const doc = docs[0]!;
    expect(locate(repo, doc, ['spec', 'x'], 'value')).toMatchObject({ line: 4, column: 6 });
    expect(locate(repo, doc, ['spec', 'missing', 'deeper'])).toMatchObject({ line: 2, column: 1, endColumn: 5 });
    expect(locate(repo, doc, ['spec', 'x', 0])).toMatchObject({ line: 4, column: 3 });
    expect(locate(repo, doc, ['nothing'])).toMatchObject({ line: 1, column: 1 });
    expect(locate(repo, doc, [])).toEqual({ file: 'file.yaml', line: 1, column: 1, endLine: 1, endColumn: 5 });
  });

  it('points at the document for one without nodes', async () => {
    const { repo, docs } = await loadOne('a: 1\n---\n# only a comment\n');
    expect(docs[1]!.class).toBe('empty');
    expect(locate(repo, docs[1]!, ['a'])).toMatchObject({ line: 3, column: 1 });
  });
});

/**
 * Compare every node range with the `yaml` package's (its range starts after anchors/tags and may run into trailing
 * comments). Returns the number of nodes compared and the mismatches.
 */
function compareWithYaml(file: SourceFile): { compared: number; mismatches: string[] } {
  const text = file.text;
  const trim = (end: number): number => {
    let e = end;
    while (e > 0 && /\s/.test(text[e - 1]!)) e--;
    return e;
  };
  let compared = 0;
  const mismatches: string[] = [];
  const visit = (mine: YNode, theirs: Node | null, where: string): void => {
    if (!theirs?.range) return;
    const [start, end] = [theirs.range[0], trim(theirs.range[1])];
    // Empty values (`key: # comment`) are zero-width in both, placed a little differently.
    if (!(mine.start === mine.end && isScalar(theirs) && theirs.value === null)) {
      compared++;
      const startOk = mine.start === start || /^[&!]/.test(text.slice(mine.start, start));
      const endOk = mine.end === end || /^\s*#/.test(text.slice(mine.end, end));
      if (!startOk || !endOk) mismatches.push(`${where}: ${JSON.stringify(text.slice(mine.start, mine.end))} vs ${JSON.stringify(text.slice(start, end))}`);
    }
    if (isMap(theirs)) {
      if (mine.entries?.length !== theirs.items.length) return void mismatches.push(`${where}: entry count`);
      theirs.items.forEach((pair, i) => {
        const entry = mine.entries![i]!;
        visit(entry.keyNode, pair.key as Node, `${where}.${entry.key}(key)`);
        visit(entry.value, pair.value as Node, `${where}.${entry.key}`);
      });
    } else if (isSeq(theirs)) {
      if (mine.items?.length !== theirs.items.length) return void mismatches.push(`${where}: item count`);
      theirs.items.forEach((item, i) => visit(mine.items![i]!, item as Node, `${where}[${i}]`));
    }
  };
  parseAllDocuments(text).forEach((doc, i) => {
    const mine = file.documents[i]!;
    if (doc.errors.length === 0 && mine.root) visit(mine.root, doc.contents, `${file.path}#${i}`);
  });
  return { compared, mismatches };
}

describe('position tree against the yaml package', () => {
  it('agrees on tricky YAML', async () => {
    const { file } = await loadOne(TRICKY);
    const { compared, mismatches } = compareWithYaml(file);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(40);
  });

  it('agrees on multi-document Kubernetes YAML with CRLF', async () => {
    const k8s = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web, tier: "front"}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          args: ["--port", \'8080\']\n          env:\n            - name: A\n              value: >-\n                folded\n                text\n---\n# second\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n';
    const { file } = await loadOne(k8s.replace(/\n/g, '\r\n'));
    expect(file.documents.map((d) => d.kind)).toEqual(['Deployment', 'Service']);
    const { compared, mismatches } = compareWithYaml(file);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(30);
  });

  it.skipIf(corpusAbsent).each(['fluxcd__flux2-kustomize-helm-example', 'bjw-s__home-ops'])(needsCorpus('agrees on the real Flux repository %s'), async (name) => {
    const repo = await loadRepo(path.join(CORPUS_DIR, name));
    let compared = 0;
    const mismatches: string[] = [];
    for (const file of repo.files) {
      const result = compareWithYaml(file);
      compared += result.compared;
      mismatches.push(...result.mismatches);
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(500);
  });
});
