/** Structural validation of one config source (the file, or options.config): types, unknown keys, rule ids, severities. */
import type { RuleDefinition } from '../checks/types.js';
import { ruleDefinitionProblems, SEVERITIES, toRuleDefinition } from './rules.js';
import type { Config, RuleSetting } from './types.js';
import { ConfigError } from './errors.js';

const TOP_KEYS = [
  'extends',
  'rules',
  'ignore',
  'ignoreObjects',
  'entryPoints',
  'externalSources',
  'localSources',
  'customRules',
  'kubernetesVersion',
  'fluxVersion',
  'schemaLocations',
] as const;
const EXTENDS = ['recommended', 'all', 'none'];
const SETTINGS = [...SEVERITIES, 'off'];

interface Known {
  builtinIds: Set<string>;
  /** Built-in ids and custom rule ids declared in any config source. */
  knownRuleIds: Set<string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validate `raw` and return the keys it sets, typed. Throws ConfigError naming `file` and the key. */
export function validateConfig(raw: Record<string, unknown>, file: string, known: Known): Partial<Config> {
  const fail = (key: string, detail: string): never => {
    throw new ConfigError(file, key, detail);
  };
  const out: Partial<Config> = {};
  for (const key of Object.keys(raw)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) fail(key, `unknown key (allowed: ${TOP_KEYS.join(', ')})`);
  }
  if (raw.extends !== undefined) {
    if (!EXTENDS.includes(raw.extends as string)) fail('extends', `must be one of ${EXTENDS.join(', ')}`);
    out.extends = raw.extends as Config['extends'];
  }
  if (raw.customRules !== undefined) out.customRules = customRules(raw.customRules, fail, known.builtinIds);
  if (raw.rules !== undefined) out.rules = ruleSettings(raw.rules, fail, known.knownRuleIds);
  if (raw.ignore !== undefined) out.ignore = stringList(raw.ignore, 'ignore', fail);
  if (raw.ignoreObjects !== undefined) {
    out.ignoreObjects = records(raw.ignoreObjects, 'ignoreObjects', fail, { optional: ['apiVersion', 'kind', 'namespace', 'name'], atLeastOne: true });
  }
  if (raw.entryPoints !== undefined) {
    out.entryPoints = records(raw.entryPoints, 'entryPoints', fail, { required: ['cluster', 'path'], optional: ['name', 'namespace'] }) as Config['entryPoints'];
  }
  if (raw.localSources !== undefined) {
    out.localSources = records(raw.localSources, 'localSources', fail, { required: ['kind', 'name', 'path'], optional: ['namespace'] }) as Config['localSources'];
  }
  if (raw.externalSources !== undefined) {
    out.externalSources = records(raw.externalSources, 'externalSources', fail, { required: ['kind', 'name'], optional: ['namespace'] }) as Config['externalSources'];
  }
  if (raw.schemaLocations !== undefined) out.schemaLocations = schemaLocations(raw.schemaLocations, fail);
  for (const key of ['kubernetesVersion', 'fluxVersion'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v === 'number') fail(key, `write the version as a quoted string ('${v}' may have lost a trailing zero, e.g. "1.30")`);
    if (typeof v !== 'string' || !/^v?\d+\.\d+(\.\d+)?$/.test(v)) fail(key, 'must be a version string such as "1.30"');
    out[key] = v as string;
  }
  return out;
}

type Fail = (key: string, detail: string) => never;

function ruleSettings(raw: unknown, fail: Fail, known: Set<string>): Record<string, RuleSetting> {
  if (!isRecord(raw)) return fail('rules', 'must be a mapping of rule id to severity, off, or { severity, params }');
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(raw)) {
    const key = `rules.${id}`;
    if (!known.has(id)) fail(key, 'unknown rule id');
    if (typeof setting === 'string') {
      if (!SETTINGS.includes(setting)) fail(key, `must be one of ${SETTINGS.join(', ')}`);
      out[id] = setting as RuleSetting;
      continue;
    }
    if (!isRecord(setting)) fail(key, `must be one of ${SETTINGS.join(', ')}, or a mapping { severity, params }`);
    const s = setting as Record<string, unknown>;
    for (const k of Object.keys(s)) if (k !== 'severity' && k !== 'params') fail(`${key}.${k}`, 'unknown key (allowed: severity, params)');
    if (s.severity !== undefined && !SETTINGS.includes(s.severity as string)) fail(`${key}.severity`, `must be one of ${SETTINGS.join(', ')}`);
    if (s.params !== undefined && !isRecord(s.params)) fail(`${key}.params`, 'must be a mapping');
    out[id] = s as RuleSetting;
  }
  return out;
}

function customRules(raw: unknown, fail: Fail, builtinIds: Set<string>): RuleDefinition[] {
  if (!Array.isArray(raw)) return fail('customRules', 'must be a list of rule definitions');
  const seen = new Set<string>();
  return raw.map((def, i) => {
    const key = `customRules[${i}]`;
    const problem = ruleDefinitionProblems(def, 'config')[0];
    if (problem) fail(problem.key ? `${key}.${problem.key}` : key, problem.message);
    const rule = toRuleDefinition(def as Record<string, unknown>, 'config');
    if (builtinIds.has(rule.id)) fail(`${key}.id`, `'${rule.id}' is a built-in rule id; choose another`);
    if (seen.has(rule.id)) fail(`${key}.id`, `duplicate custom rule id '${rule.id}'`);
    seen.add(rule.id);
    return rule;
  });
}

function stringList(raw: unknown, key: string, fail: Fail): string[] {
  if (!Array.isArray(raw)) return fail(key, 'must be a list of strings');
  raw.forEach((v, i) => {
    if (typeof v !== 'string' || v === '') fail(`${key}[${i}]`, 'must be a non-empty string');
  });
  return raw as string[];
}

/** Local folders only: schemas are never downloaded. */
function schemaLocations(raw: unknown, fail: Fail): string[] {
  const list = stringList(raw, 'schemaLocations', fail);
  list.forEach((dir, i) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir)) fail(`schemaLocations[${i}]`, 'must be a local folder: schemas are never downloaded (gitops-lint works offline)');
  });
  return list;
}

function records(
  raw: unknown,
  key: string,
  fail: Fail,
  shape: { required?: string[]; optional?: string[]; atLeastOne?: boolean },
): Record<string, string>[] {
  if (!Array.isArray(raw)) return fail(key, 'must be a list of mappings');
  const allowed = [...(shape.required ?? []), ...(shape.optional ?? [])];
  return raw.map((item, i) => {
    const at = `${key}[${i}]`;
    if (!isRecord(item)) return fail(at, `must be a mapping with ${allowed.join(', ')}`);
    for (const [k, v] of Object.entries(item)) {
      if (!allowed.includes(k)) fail(`${at}.${k}`, `unknown key (allowed: ${allowed.join(', ')})`);
      if (typeof v !== 'string' || v === '') fail(`${at}.${k}`, 'must be a non-empty string');
    }
    for (const k of shape.required ?? []) if (item[k] === undefined) fail(`${at}.${k}`, 'is required');
    if (shape.atLeastOne && Object.keys(item).length === 0) fail(at, `give at least one of ${allowed.join(', ')}`);
    return item as Record<string, string>;
  });
}
