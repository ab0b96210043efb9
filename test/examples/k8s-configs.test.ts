/**
 * The bundled example repo against its README (examples/k8s-configs/README.md is the source of truth):
 * every planted mistake is reported by its rule at its file and line, nothing else is reported,
 * the files listed as clean get no finding, and the inline suppression and the config file take effect.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lint } from '../../src/index.js';
import { loadBuiltinRules } from '../../src/config/rules.js';
import type { LintResult } from '../../src/engine/types.js';

const exampleDir = path.resolve(import.meta.dirname, '../../examples/k8s-configs');
const readme = fs.readFileSync(path.join(exampleDir, 'README.md'), 'utf8');

/** Body rows of the first markdown table under `## heading`, cells trimmed and unquoted from backticks. */
function tableUnder(heading: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  // Drop the header row and the |---| separator.
  return rows.slice(2).map((cells) => cells.map((cell) => cell.replace(/^`(.*)`$/, '$1')));
}

interface Planted {
  file: string;
  line: number;
  rule: string;
}

const planted: Planted[] = tableUnder('Planted mistakes').map(([, , file, line, rule]) => ({
  file: file!,
  line: Number(line),
  rule: rule!,
}));
const cleanFiles = tableUnder('Files that must give no findings').map(([file]) => file!);

const key = (f: { rule?: string; ruleId?: string; file: string; line: number }): string => `${f.ruleId ?? f.rule} ${f.file}:${f.line}`;

let result: LintResult;
beforeAll(async () => {
  result = await lint(exampleDir);
});

describe('examples/k8s-configs README tables', () => {
  it('are parsed into well-formed rows pointing at real lines', () => {
    expect(planted.length).toBeGreaterThanOrEqual(13);
    expect(cleanFiles.length).toBeGreaterThanOrEqual(6);
    for (const row of planted) {
      expect(Number.isInteger(row.line), `line of ${row.file}`).toBe(true);
      const text = fs.readFileSync(path.join(exampleDir, row.file), 'utf8');
      expect(row.line).toBeLessThanOrEqual(text.split('\n').length);
    }
    for (const file of cleanFiles) expect(fs.existsSync(path.join(exampleDir, file)), file).toBe(true);
  });
});

describe('lint(examples/k8s-configs)', () => {
  it('finds the two bootstrap clusters', () => {
    expect(result.stats.clusters).toEqual(['production', 'staging']);
  });

  it.each(planted)('reports $rule at $file:$line', (row) => {
    const atFile = result.findings.filter((f) => f.file === row.file).map(key);
    expect(atFile).toContain(key(row));
  });

  it('reports exactly the planted mistakes, nothing else', () => {
    expect(result.findings.map(key).sort()).toEqual(planted.map(key).sort());
  });

  it.each(cleanFiles)('reports nothing in %s', (file) => {
    expect(result.findings.filter((f) => f.file === file)).toEqual([]);
  });

  it('never parses the Helm chart templates', () => {
    expect(result.skipped).toContainEqual(expect.objectContaining({ path: 'charts/internal-tool/templates/deployment.yaml', reason: 'helm-template' }));
  });

  it('honours the inline suppression with a reason on the second stray manifest', () => {
    const file = 'apps/base/api-service/api-service-previous.yaml';
    expect(fs.readFileSync(path.join(exampleDir, file), 'utf8')).toMatch(
      /^# gitops-lint-disable-next-line orphan-manifest -- \S/,
    );
    expect(result.findings.some((f) => f.file === file)).toBe(false);
    expect(result.suppressedCount).toBe(1);
  });

  it('applies the severity override of .gitops-lint.yaml', () => {
    const config = parseYaml(fs.readFileSync(path.join(exampleDir, '.gitops-lint.yaml'), 'utf8')) as {
      extends: string;
      rules: Record<string, string>;
    };
    expect(config.extends).toBe('recommended');
    const overrides = Object.entries(config.rules);
    expect(overrides).toHaveLength(1);
    const [ruleId, severity] = overrides[0]!;
    expect(loadBuiltinRules().find((r) => r.id === ruleId)?.severity, 'the override changes the default').not.toBe(severity);
    expect(result.rules.find((r) => r.id === ruleId)?.severity).toBe(severity);
    const reported = result.findings.filter((f) => f.ruleId === ruleId);
    expect(reported.length).toBeGreaterThan(0);
    for (const f of reported) expect(f.severity).toBe(severity);
  });
});
