/**
 * Table tests for one rule: every case is a small repo written to a fresh temp dir and linted with only that rule on.
 *   valid:   no finding of the rule.
 *   invalid: exactly the listed findings of the rule (order-insensitive; file + line + message, column when given),
 *            and a fix expectation is checked by applying the finding's fix to the file text.
 * Every finding of the rule must point at a file of the case and a line inside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import type { CheckRegistry } from '../../src/checks/types.js';
import { lint } from '../../src/index.js';
import { loadBuiltinRules } from '../../src/config/rules.js';
import type { Config } from '../../src/config/types.js';
import type { Finding } from '../../src/finding.js';

export interface ValidCase {
  /** Test name; defaults to the case's index and file names. */
  name?: string;
  /** Repo-relative path -> file text. */
  files: Record<string, string>;
  /** Repo-relative path -> bytes, for binary files (findings may point at their first line). */
  binaryFiles?: Record<string, Uint8Array>;
  /** Merged over { extends: 'none', rules: { [ruleId]: default severity } }. */
  config?: Partial<Config>;
}

export interface ExpectedFinding {
  file: string;
  line: number;
  column?: number;
  /** Exact text, or a pattern the message must match. */
  message: string | RegExp;
  /** The finding's severity, when the check sets one below its rule's (default: not compared). */
  severity?: Finding['severity'];
  /** The file's text after applying the finding's fix; null when the finding must carry no fix. */
  fix?: { output: string } | null;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export const ruleTester = {
  run(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    describe(ruleId, () => {
      const dirs: string[] = [];
      afterAll(() => {
        for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
      });

      cases.valid.forEach((c, i) => {
        it(`valid: ${c.name ?? defaultName(i, c)}`, async () => {
          const outcome = await checkCase(ruleId, { ...c, errors: [] }, dirs);
          expect(outcome.problems, 'expected no finding').toEqual([]);
        });
      });

      cases.invalid.forEach((c, i) => {
        it(`invalid: ${c.name ?? defaultName(i, c)}`, async () => {
          expect(c.errors.length, 'an invalid case lists at least one expected finding').toBeGreaterThan(0);
          const outcome = await checkCase(ruleId, c, dirs);
          expect(outcome.problems, `findings of ${ruleId}:\n${outcome.found.map(describeFinding).join('\n') || '(none)'}`).toEqual([]);
        });
      });
    });
  },
};

/**
 * Lint one case and compare with its expected findings. Returns every finding of the rule and the problems:
 * missing and unexpected findings, findings pointing outside the case's files, fixes that do not give the expected output.
 * `dirs` collects the temp dir for removal.
 */
export async function checkCase(ruleId: string, c: InvalidCase, dirs: string[], checks: CheckRegistry = builtinChecks): Promise<{ found: Finding[]; problems: string[] }> {
  const found = await findingsOf(ruleId, { ...c.files, ...c.binaryFiles }, c.config, dirs, checks);
  const problems = found.filter((f) => !(c.binaryFiles?.[f.file] && f.line === 1)).flatMap((f) => pointsIntoCase(f, c.files));
  const unmatched = [...found];
  for (const e of c.errors) {
    const at = unmatched.findIndex((f) => matches(f, e));
    if (at < 0) {
      problems.push(`missing: ${describeExpected(e)}`);
      continue;
    }
    const [f] = unmatched.splice(at, 1);
    if (e.fix === null) {
      if (f!.fix) problems.push(`unexpected fix: ${describeFinding(f!)}`);
      continue;
    }
    if (!e.fix) continue;
    if (!f!.fix) problems.push(`no fix: ${describeFinding(f!)}`);
    else if (applyFix(c.files[f!.file]!, f!) !== e.fix.output) {
      problems.push(`fix of ${describeFinding(f!)} gives:\n${applyFix(c.files[f!.file]!, f!)}`);
    }
  }
  problems.push(...unmatched.map((f) => `unexpected: ${describeFinding(f)}`));
  return { found, problems };
}

async function findingsOf(ruleId: string, files: Record<string, string | Uint8Array>, config: Partial<Config> | undefined, dirs: string[], checks: CheckRegistry): Promise<Finding[]> {
  const dir = writeRepo(files);
  dirs.push(dir);
  return lintRule(ruleId, dir, config, checks);
}

/** Findings of `ruleId` on the repo at `dir`, linted with only that rule on (and the rules `config` turns on). */
export async function lintRule(ruleId: string, dir: string, config?: Partial<Config>, checks: CheckRegistry = builtinChecks): Promise<Finding[]> {
  const result = await lint(dir, { config: testConfig(ruleId, config) }, checks);
  return result.findings.filter((f) => f.ruleId === ruleId);
}

function testConfig(ruleId: string, config: Partial<Config> = {}): Partial<Config> {
  const rule = [...loadBuiltinRules(), ...(config.customRules ?? [])].find((r) => r.id === ruleId);
  if (!rule) throw new Error(`ruleTester: unknown rule '${ruleId}' (not in rules/ nor in the case's customRules)`);
  return { extends: 'none', ...config, rules: { [ruleId]: rule.severity, ...config.rules } };
}

/** Writes `files` (repo-relative path -> text or bytes) to a fresh temp dir and returns it. */
export function writeRepo(files: Record<string, string | Uint8Array>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-rule-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return dir;
}

function matches(f: Finding, e: ExpectedFinding): boolean {
  return (
    f.file === e.file &&
    f.line === e.line &&
    (e.column === undefined || f.column === e.column) &&
    (e.severity === undefined || f.severity === e.severity) &&
    (typeof e.message === 'string' ? f.message === e.message : e.message.test(f.message))
  );
}

function pointsIntoCase(f: Finding, files: Record<string, string>): string[] {
  const text = files[f.file];
  if (text === undefined) return [`points at a file that is not in the case: ${describeFinding(f)}`];
  const lines = text.split('\n').length;
  if (f.line < 1 || f.line > lines || f.column < 1) return [`points outside ${f.file} (${lines} lines): ${describeFinding(f)}`];
  return [];
}

export function applyFix(text: string, f: Finding): string {
  const [start, end] = f.fix!.range;
  return text.slice(0, start) + f.fix!.text + text.slice(end);
}

const describeFinding = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.message}`;
const describeExpected = (e: ExpectedFinding) => `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}${e.severity ? ` (${e.severity})` : ''} ${String(e.message)}`;
const defaultName = (i: number, c: ValidCase) => `#${i + 1} (${Object.keys(c.files).join(', ')})`;
