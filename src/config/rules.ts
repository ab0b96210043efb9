/**
 * Rule definitions: the built-in set from the package's rules/*.yaml, and the structural validation shared with
 * customRules in a repo's config (same shape). Whether a rule's check exists and its params suit it is the engine's
 * to say (engine/bind.ts): only the engine knows the check registry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import type { RuleDefinition } from '../checks/types.js';
import type { Severity } from '../finding.js';
import { parseSeverity, SEVERITY_SPELLINGS } from './severity.js';
import { isRecord } from '../util/values.js';

/** A rule's own severity: any spelling of one that is on (off is a `rules` setting, not a definition). */
const RULE_SEVERITIES = SEVERITY_SPELLINGS.filter((s) => parseSeverity(s) !== 'off');
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// `origin` and `file` are accepted (RuleDefinition objects passed to lint()) but always set from where the rule was read.
const RULE_KEYS = new Set(['id', 'severity', 'description', 'rationale', 'remediation', 'docs', 'check', 'params', 'recommended', 'origin', 'file']);

/** rules/ sits at the package root, next to src/ and dist/: the same relative path from src/config and dist/config. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** A problem in a rule definition: the key (relative to the definition) and what is wrong. */
export interface RuleProblem {
  key: string;
  message: string;
}


/**
 * Check one rule definition. Built-ins must give every text field; config rules may leave out rationale and docs.
 * Returns the problems (empty when valid).
 */
export function ruleDefinitionProblems(raw: unknown, origin: 'builtin' | 'config'): RuleProblem[] {
  if (!isRecord(raw)) return [{ key: '', message: 'must be a mapping' }];
  const problems: RuleProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (!RULE_KEYS.has(key)) problems.push({ key, message: `unknown key (allowed: ${[...RULE_KEYS].join(', ')})` });
  }
  if (typeof raw.id !== 'string' || !RULE_ID.test(raw.id)) {
    problems.push({ key: 'id', message: 'must be a kebab-case string such as my-rule' });
  }
  const severity = parseSeverity(raw.severity);
  if (severity === undefined || severity === 'off') {
    problems.push({ key: 'severity', message: `must be one of ${RULE_SEVERITIES.join(', ')}` });
  }
  const textKeys = origin === 'builtin' ? ['description', 'rationale', 'remediation', 'docs'] : ['description', 'remediation'];
  for (const key of textKeys) {
    if (typeof raw[key] !== 'string' || (raw[key] as string).trim() === '') problems.push({ key, message: 'must be a non-empty string' });
  }
  for (const key of ['rationale', 'docs']) {
    if (raw[key] !== undefined && typeof raw[key] !== 'string') problems.push({ key, message: 'must be a string' });
  }
  if (raw.recommended !== undefined && typeof raw.recommended !== 'boolean') {
    problems.push({ key: 'recommended', message: 'must be true or false' });
  }
  if (raw.params !== undefined && !isRecord(raw.params)) problems.push({ key: 'params', message: 'must be a mapping' });
  if (typeof raw.check !== 'string' || raw.check === '') problems.push({ key: 'check', message: 'must be the name of a check' });
  return problems;
}

/** A validated definition as a RuleDefinition (call ruleDefinitionProblems first). */
export function toRuleDefinition(raw: Record<string, unknown>, origin: 'builtin' | 'config'): RuleDefinition {
  const rule: RuleDefinition = {
    id: raw.id as string,
    severity: parseSeverity(raw.severity) as Severity,
    description: raw.description as string,
    rationale: (raw.rationale as string | undefined) ?? '',
    remediation: raw.remediation as string,
    docs: (raw.docs as string | undefined) ?? '',
    check: raw.check as string,
    origin,
  };
  if (raw.params !== undefined) rule.params = raw.params as Record<string, unknown>;
  if (raw.recommended !== undefined) rule.recommended = raw.recommended as boolean;
  return rule;
}

let builtinCache: { dir: string; rules: RuleDefinition[] } | undefined;

/**
 * Every built-in rule, sorted by id. Throws naming the file when a definition is malformed (a packaging bug);
 * engine/bind.ts checks them against the check registry.
 */
export function loadBuiltinRules(dir: string = BUILTIN_RULES_DIR): RuleDefinition[] {
  if (builtinCache?.dir === dir) return builtinCache.rules;
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const rules = files.map((file) => readBuiltinRule(path.join(dir, file))).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  builtinCache = { dir, rules };
  return rules;
}

function readBuiltinRule(file: string): RuleDefinition {
  const fail = (message: string) => new Error(`invalid built-in rule ${file}: ${message}`);
  let raw: unknown;
  try {
    // js-yaml (YAML 1.2 core schema, as `yaml` reads config files): every run reads every rule file, and js-yaml,
    // which the loader uses anyway, reads them several times faster than `yaml` in a process that just started.
    raw = jsYaml.load(fs.readFileSync(file, 'utf8'), { schema: jsYaml.CORE_SCHEMA });
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err));
  }
  const problems = ruleDefinitionProblems(raw, 'builtin');
  if (problems.length > 0) throw fail(problems.map((p) => (p.key ? `${p.key}: ${p.message}` : p.message)).join('; '));
  const rule = { ...toRuleDefinition(raw as Record<string, unknown>, 'builtin'), file };
  const expectedId = path.basename(file).replace(/\.ya?ml$/, '');
  if (rule.id !== expectedId) throw fail(`id '${rule.id}' does not match the file name '${expectedId}'`);
  return rule;
}
