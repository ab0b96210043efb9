/**
 * schema-cel over the real repositories in ../shared/corpus (skipped when absent): no crash, no thrown rule,
 * and the time CEL evaluation takes, printed for the notes.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { loadRepo } from '../../src/load/index.js';
import { evaluateValidations } from '../../src/schema/cel/index.js';
import { SchemaStore } from '../../src/schema/index.js';
import { CORPUS_DIR, corpusRepos } from '../support/corpus.js';

const repos = corpusRepos();

describe.skipIf(repos.length === 0)('schema-cel over the corpus', () => {
  it('evaluates every CEL rule of every object without throwing', async () => {
    const store = new SchemaStore();
    const lines: string[] = [];
    let total = 0;
    for (const name of repos) {
      const repo = await loadRepo(path.join(CORPUS_DIR, name));
      let objects = 0;
      let evaluated = 0;
      const kinds = new Set<string>();
      let violations = 0;
      let skipped = 0;
      let elapsed = 0;
      for (const file of repo.files) {
        for (const doc of file.documents) {
          if (doc.class !== 'k8s' || !doc.apiVersion || !doc.kind) continue;
          const location = store.locate(doc.apiVersion, doc.kind);
          if (!location) continue;
          const { schema, definitions } = store.rawSchema(location);
          const before = performance.now();
          const result = evaluateValidations(schema, definitions, doc.value);
          elapsed += performance.now() - before;
          objects++;
          evaluated += result.evaluated;
          if (result.evaluated + result.skipped.length > 0) kinds.add(doc.kind);
          violations += result.violations.length;
          skipped += result.skipped.length;
        }
      }
      total += elapsed;
      lines.push(
        `${name}: ${objects} objects with a schema, ${evaluated} rule evaluations (${[...kinds].sort().join(', ')}), ` +
          `${violations} violations, ${skipped} skipped, ${elapsed.toFixed(1)} ms`,
      );
    }
    console.log(`CEL evaluation over the corpus (${total.toFixed(1)} ms):\n${lines.join('\n')}`);
    expect(lines).toHaveLength(repos.length);
  });

  it.each(repos)('lints %s with schema-cel without crashing', async (name) => {
    const result = await lint(path.join(CORPUS_DIR, name), { config: { extends: 'none', rules: { 'schema-cel': 'error' } } });
    const findings = result.findings.filter((f) => f.ruleId === 'schema-cel');
    console.log(`${name}: ${findings.length} schema-cel findings, lint ${result.stats.durationMs} ms\n${findings.map((f) => `  ${f.file}:${f.line} ${f.message}`).join('\n')}`);
    for (const f of findings) expect(f.line).toBeGreaterThan(0);
  });
});
