/**
 * Structural validation of one config source (the file, or options.config): its shape against a JSON schema
 * (types, unknown keys, required fields), then in code what needs the rule ids, rule definitions or versions.
 */
import type { RuleDefinition } from '../checks/types.js';
import { settingProblems } from '../schema/settings.js';
import type { ValidSettings } from '../schema/valid-settings.js';
import { isKubernetesVersion, KUBERNETES_VERSION_FORMS } from '../schema/versions.js';
import { FLUX_VERSION_FORMS, fluxTarget } from '../k8s/deprecations/releases.js';
import { ruleDefinitionProblems, toRuleDefinition } from './rules.js';
import { closestName } from '../util/suggest.js';
import { parseSeverity, SEVERITY_SPELLINGS, type SeveritySetting } from './severity.js';
import type { Config, Override, RuleSetting } from './types.js';
import { ConfigError } from './errors.js';
import { isRecord } from '../util/values.js';

const EXTENDS = ['recommended', 'all', 'none'];
const SETTINGS = SEVERITY_SPELLINGS.join(', ');
const RULES_DESCRIPTION = `a mapping of rule id to a severity (${SETTINGS}), [severity, params] or { severity, params }`;

const nonEmpty = { type: 'string', minLength: 1, description: 'a non-empty string' };
const listOf = (items: Record<string, unknown>, description: string) => ({ type: 'array', items, description });
const record = (properties: string[], required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: Object.fromEntries(properties.map((p) => [p, nonEmpty])),
  description: `a mapping with ${properties.join(', ')}`,
});

/**
 * The shape of one config source. Rule settings and custom rules need the rule ids and the rule definition check
 * (below), versions a message about YAML numbers: those are checked in code after the schema.
 */
const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    extends: { enum: EXTENDS },
    rules: { type: 'object', description: RULES_DESCRIPTION },
    overrides: listOf(
      {
        type: 'object',
        additionalProperties: false,
        required: ['files', 'rules'],
        properties: {
          files: { type: 'array', minItems: 1, items: nonEmpty, description: 'a non-empty list of globs (repo-relative, as in ignore)' },
          rules: { type: 'object', description: 'a mapping of rule id to a severity (error, warn, warning, info, off, 0, 1, 2)' },
        },
        description: 'a mapping with files (globs) and rules (rule id to severity)',
      },
      'a list of { files, rules }: for findings in files matching a glob, later entries win',
    ),
    ignore: listOf(nonEmpty, 'a list of strings'),
    ignoreObjects: listOf({ ...record(['apiVersion', 'kind', 'namespace', 'name']), minProperties: 1 }, 'a list of mappings'),
    entryPoints: listOf(record(['cluster', 'path', 'name', 'namespace'], ['cluster', 'path']), 'a list of mappings'),
    externalSources: listOf(record(['kind', 'name', 'namespace'], ['kind', 'name']), 'a list of mappings'),
    localSources: listOf(record(['kind', 'name', 'namespace', 'path'], ['kind', 'name', 'path']), 'a list of mappings'),
    fluxConfigurations: listOf(
      {
        type: 'object',
        required: ['name', 'kustomizations'],
        properties: {
          name: nonEmpty,
          cluster: nonEmpty,
          kustomizations: {
            type: ['object', 'array'],
            items: { type: 'string', description: 'an az --kustomization string: name=... path=... prune=... depends_on=[...]' },
            description: 'a mapping of kustomization name to {path, dependsOn, prune, ...}, or a list of az --kustomization strings',
          },
        },
        description: 'an AKS / Azure Arc Flux configuration: name, optional cluster, and the Azure REST fields (namespace, sourceKind, gitRepository, kustomizations, ...)',
      },
      'a list of Flux configurations',
    ),
    customRules: { type: 'array', description: 'a list of rule definitions' },
    kubernetesVersion: {},
    fluxVersion: {},
    clusters: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { fluxVersion: {}, kubernetesVersion: {} },
        description: 'a mapping with fluxVersion, kubernetesVersion (the versions this cluster runs)',
      },
      description: 'a mapping of cluster name (as gitops-lint names clusters) to { fluxVersion, kubernetesVersion }',
    },
    schemaLocations: listOf(nonEmpty, 'a list of strings'),
    namespaces: listOf(
      {
        type: 'string',
        maxLength: 63,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        description: 'a namespace name: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
      },
      'a list of namespace names',
    ),
  },
};

interface Known {
  builtinIds: Set<string>;
  /** Built-in ids and custom rule ids declared in any config source. */
  knownRuleIds: Set<string>;
}


/**
 * Validate `raw` and return the keys it sets, typed. Throws ConfigError naming `file` and the key. `remembered`:
 * a config found valid against the schema by an earlier run is not compiled and validated again.
 */
export function validateConfig(raw: Record<string, unknown>, file: string, known: Known, remembered?: ValidSettings): Partial<Config> {
  const fail = (key: string, detail: string): never => {
    throw new ConfigError(file, key, detail);
  };
  const problem = settingProblems(CONFIG_SCHEMA, raw, remembered)[0];
  if (problem) fail(problem.key, problem.message);
  const out = { ...raw } as Partial<Config>;
  if (raw.customRules !== undefined) out.customRules = customRules(raw.customRules as unknown[], fail, known.builtinIds);
  if (raw.rules !== undefined) out.rules = ruleSettings(raw.rules as Record<string, unknown>, 'rules', fail, known.knownRuleIds);
  if (raw.overrides !== undefined) out.overrides = overrides(raw.overrides as RawOverride[], fail, known.knownRuleIds);
  if (raw.schemaLocations !== undefined) schemaLocations(raw.schemaLocations as string[], fail);
  versions(raw, '', fail);
  for (const [name, versionsOf] of Object.entries((raw.clusters ?? {}) as Record<string, Record<string, unknown>>)) versions(versionsOf, `clusters.${name}.`, fail);
  return out;
}

/** kubernetesVersion and fluxVersion of `raw`, a config source or one of its clusters (`prefix` names where). */
function versions(raw: Record<string, unknown>, prefix: string, fail: Fail): void {
  for (const key of ['kubernetesVersion', 'fluxVersion'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v === 'number') fail(prefix + key, `write the version as a quoted string ('${v}' may have lost a trailing zero, e.g. "1.30")`);
    if (key === 'kubernetesVersion') {
      if (typeof v !== 'string' || !isKubernetesVersion(v)) fail(prefix + key, `must be a version string: ${KUBERNETES_VERSION_FORMS}`);
    } else {
      const target = typeof v === 'string' ? fluxTarget(v) : { problem: `must be a version string: ${FLUX_VERSION_FORMS}` };
      if ('problem' in target) fail(prefix + key, target.problem);
    }
  }
}

type Fail = (key: string, detail: string) => never;

function ruleSettings(raw: Record<string, unknown>, at: string, fail: Fail, known: Set<string>): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, written] of Object.entries(raw)) {
    const key = `${at}.${id}`;
    if (!known.has(id)) {
      const suggestion = closestName(id, known, { partial: false });
      fail(key, `unknown rule id${suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`}`);
    }
    const setting = ruleArray(written, key, fail);
    if (!isRecord(setting)) {
      const severity = parseSeverity(setting);
      if (severity === undefined) fail(key, `must be one of ${SETTINGS}, or [severity, params] or a mapping { severity, params }`);
      out[id] = severity as RuleSetting;
      continue;
    }
    const s = { ...setting };
    for (const k of Object.keys(s)) if (k !== 'severity' && k !== 'params') fail(`${key}.${k}`, 'unknown key (allowed: severity, params)');
    if (s.severity !== undefined) {
      const severity = parseSeverity(s.severity);
      if (severity === undefined) fail(`${key}.severity`, `must be one of ${SETTINGS}`);
      s.severity = severity;
    }
    if (s.params !== undefined && !isRecord(s.params)) fail(`${key}.params`, 'must be a mapping');
    out[id] = s as RuleSetting;
  }
  return out;
}

/** ESLint's array form `[severity]` or `[severity, params]`, as the mapping `{ severity, params }`. */
function ruleArray(setting: unknown, key: string, fail: Fail): unknown {
  if (!Array.isArray(setting)) return setting;
  if (setting.length < 1 || setting.length > 2) fail(key, 'an array setting is [severity] or [severity, params]');
  return setting.length === 1 ? { severity: setting[0] } : { severity: setting[0], params: setting[1] };
}

interface RawOverride {
  files: string[];
  rules: Record<string, unknown>;
}

/** Per-path severities. Params are per rule, not per path (a check runs once per lint), so an override sets severities only. */
function overrides(raw: RawOverride[], fail: Fail, known: Set<string>): Override[] {
  return raw.map((entry, i) => {
    const rules: Override['rules'] = {};
    for (const [id, setting] of Object.entries(ruleSettings(entry.rules, `overrides[${i}].rules`, fail, known))) {
      if (typeof setting === 'object' && setting.params !== undefined) fail(`overrides[${i}].rules.${id}.params`, 'params are set under rules, for every file; an override sets a severity only');
      const severity = typeof setting === 'object' ? setting.severity : setting;
      if (severity === undefined) fail(`overrides[${i}].rules.${id}`, `must be one of ${SETTINGS}`);
      rules[id] = severity as SeveritySetting;
    }
    return { files: entry.files, rules };
  });
}

function customRules(raw: unknown[], fail: Fail, builtinIds: Set<string>): RuleDefinition[] {
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

/** Local folders only: schemas are never downloaded. */
function schemaLocations(list: string[], fail: Fail): void {
  list.forEach((dir, i) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir)) fail(`schemaLocations[${i}]`, 'must be a local folder: schemas are never downloaded (gitops-lint works offline)');
  });
}
