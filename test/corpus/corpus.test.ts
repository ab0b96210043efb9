/**
 * Runs the whole pipeline over real public Flux repositories in ../shared/corpus (test material, never shipped).
 * No crash, no internal error, and every finding points at a file that exists and a line inside it.
 * Skipped when ../shared is absent (a clone without the shared material).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { lint } from '../../src/index.js';
import { CORPUS_DIR, itEachCorpusRepo } from '../support/corpus.js';

describe('corpus', () => {
  itEachCorpusRepo('%s lints without crashing and every finding points at a real line', async (name) => {
    const root = path.join(CORPUS_DIR, name);
    const result = await lint(root);
    expect(result.stats.yamlFiles).toBeGreaterThan(0);
    const lineCounts = new Map<string, number>();
    for (const f of result.findings) {
      const abs = path.join(root, f.file);
      expect(fs.existsSync(abs), `${f.ruleId} points at missing file ${f.file}`).toBe(true);
      if (!lineCounts.has(f.file)) lineCounts.set(f.file, fs.readFileSync(abs, 'utf8').split('\n').length);
      const lines = lineCounts.get(f.file)!;
      expect(f.line, `${f.ruleId} ${f.file}:${f.line} beyond ${lines} lines`).toBeGreaterThanOrEqual(1);
      expect(f.line).toBeLessThanOrEqual(lines);
      expect(f.endLine).toBeGreaterThanOrEqual(f.line);
      expect(f.column).toBeGreaterThanOrEqual(1);
      expect(f.file.includes('\\')).toBe(false);
      expect(path.isAbsolute(f.file)).toBe(false);
    }
  });
});
