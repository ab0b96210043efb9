import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { builtinChecks } from '../../src/checks/index.js';
import { BUILTIN_RULES_DIR, loadBuiltinRules } from '../../src/config/rules.js';
import { builtinRules } from '../../src/engine/bind.js';
import { tempRepo } from './helpers.js';

const packageRoot = path.resolve(import.meta.dirname, '../..');

describe('built-in rules', () => {
  it('are found in the package rules/ folder, valid, sorted and cached', () => {
    expect(BUILTIN_RULES_DIR).toBe(path.join(packageRoot, 'rules') + path.sep);
    const rules = loadBuiltinRules();
    const files = fs.readdirSync(BUILTIN_RULES_DIR).filter((f) => f.endsWith('.yaml'));
    expect(rules.map((r) => r.id)).toEqual(files.map((f) => f.replace(/\.yaml$/, '')).sort());
    expect(rules.map((r) => r.id)).toContain('yaml-syntax');
    expect(rules.every((r) => r.origin === 'builtin')).toBe(true);
    expect(loadBuiltinRules()).toBe(rules);
  });

  it('read the same as the yaml package reads them (YAML 1.2 core schema, as config files)', () => {
    const byId = new Map(loadBuiltinRules().map((r) => [r.id, r]));
    for (const file of fs.readdirSync(BUILTIN_RULES_DIR).filter((f) => f.endsWith('.yaml'))) {
      const raw = parseYaml(fs.readFileSync(path.join(BUILTIN_RULES_DIR, file), 'utf8')) as Record<string, unknown>;
      const rule = byId.get(raw.id as string)!;
      expect({ ...rule }, file).toMatchObject({ description: raw.description, remediation: raw.remediation, check: raw.check });
      expect(rule.params, file).toEqual(raw.params);
    }
  });

  it('each has its doc page and test table', () => {
    for (const rule of loadBuiltinRules()) {
      expect(fs.existsSync(path.join(packageRoot, 'docs/rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`).toBe(true);
      expect(fs.existsSync(path.join(packageRoot, 'test/rules', `${rule.id}.test.ts`)), `test/rules/${rule.id}.test.ts`).toBe(true);
    }
  });

  const good = 'id: r\nseverity: error\ndescription: d\nrationale: why\nremediation: fix\ndocs: docs/rules/r.md\ncheck: loader-problem\nparams: { kinds: [syntax] }\n';
  it.each([
    ['a YAML error', 'id: [', /invalid built-in rule .*r\.yaml: /],
    ['an unknown check', good.replace('check: loader-problem', 'check: nope'), /r\.yaml: check: unknown check "nope"/],
    ['a bad severity', good.replace('severity: error', 'severity: high'), /r\.yaml: severity: must be one of error, warning, warn, info, 1, 2$/],
    ['a missing rationale', good.replace('rationale: why\n', ''), /r\.yaml: rationale: must be a non-empty string/],
    ['an unknown key', `${good}level: 1\n`, /r\.yaml: level: unknown key/],
    ['bad params', good.replace('[syntax]', '[nope]'), /r\.yaml: params: kinds: unknown problem kind "nope"/],
    ['an id that is not the file name', good.replace('id: r', 'id: other'), /r\.yaml: id 'other' does not match the file name 'r'/],
  ])('a definition with %s fails naming the file', (_name, text, message) => {
    const dir = tempRepo({ 'r.yaml': text });
    expect(() => builtinRules(builtinChecks, dir)).toThrow(message);
  });

  it('a valid definition from another folder loads', () => {
    const dir = tempRepo({ 'r.yaml': 'id: r\nseverity: error\ndescription: d\nrationale: why\nremediation: fix\ndocs: docs/rules/r.md\ncheck: loader-problem\nparams: { kinds: [syntax] }\n' });
    expect(loadBuiltinRules(dir)).toEqual([expect.objectContaining({ id: 'r', params: { kinds: ['syntax'] }, origin: 'builtin' })]);
  });
});
