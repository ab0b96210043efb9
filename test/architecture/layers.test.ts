/**
 * The source tree's dependency rules, read from the import statements (type-only imports included):
 *  - folders form one-way layers: a module imports only from its own folder or from folders below it in LAYERS;
 *  - no import cycle between files.
 * Mutating either rule (an upward import, two files importing each other) makes this test fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Bottom first: each layer may import the layers before it. A layer is a folder of src/ or a top-level file. */
const LAYERS = [
  'util',
  'finding.ts',
  'k8s',
  'schema', // a pure library: Kubernetes schemas, ajv, CEL; knows nothing of repos
  'load',
  'graph',
  'checks',
  'config',
  'engine',
  'fix', // --fix: applies findings' edits to files (issue #8)
  'report',
  'baseline', // only-new mode and baseline files: findings known before, from git or a file (issue #11)
  'index.ts',
  'github', // integrations at the edge: GitHub Action, PR comment bot (issue #11)
  'hook', // pre-push hook install/uninstall (issue #11)
  'cli', // command modules of the CLI (subcommands, option parsing)
  'cli.ts',
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Repo files a module imports (relative specifiers; `.js` names the `.ts` source). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
}

const layerOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0]!;

/** Every file cycle, each once, as a list of src-relative paths (Tarjan's strongly connected components). */
function importCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.map((f) => path.relative(SRC, f)).sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('source layers', () => {
  it('every folder and top-level file of src/ has a layer', () => {
    expect([...new Set(files.map(layerOf))].filter((l) => !LAYERS.includes(l))).toEqual([]);
  });

  it('no module imports from a layer above its own', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        if (LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(file))) upward.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('no import cycle between files', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('the scanner sees imports, type-only imports and re-exports, and finds cycles', () => {
    const tmp = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'layers-'));
    try {
      fs.writeFileSync(path.join(tmp, 'a.ts'), "import type { B } from './b.js';\nexport { c } from './c.js';\nexport type A = B;\n");
      fs.writeFileSync(path.join(tmp, 'b.ts'), "import { a } from './a.js';\nimport fs from 'node:fs';\nexport type B = 1;\n");
      fs.writeFileSync(path.join(tmp, 'c.ts'), 'export const c = 1;\n');
      const local = new Map(['a', 'b', 'c'].map((n) => [path.join(tmp, `${n}.ts`), importsOf(path.join(tmp, `${n}.ts`))]));
      expect(local.get(path.join(tmp, 'a.ts'))).toEqual([path.join(tmp, 'b.ts'), path.join(tmp, 'c.ts')]);
      expect(importCycles(local)).toHaveLength(1);
      expect(importCycles(local)[0]!.map((f) => path.basename(f))).toEqual(['a.ts', 'b.ts']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
