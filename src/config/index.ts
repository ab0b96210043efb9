/**
 * .gitops-lint.yaml: find, parse, validate, apply defaults, and merge config given to lint() over it.
 * Every problem is a ConfigError naming the file and the key. Rule checks and params are validated later by the
 * engine against its check registry (engine/bind.ts), with the sources recorded here to name file and key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RuleDefinition } from '../checks/types.js';
import { ConfigError } from './errors.js';
import { loadBuiltinRules } from './rules.js';
import type { Config, ConfigOptions, ConfigSource } from './types.js';
import type { ValidSettings } from '../schema/valid-settings.js';
import { validateConfig } from './validate.js';

export { ConfigError } from './errors.js';

/** How errors in ConfigOptions.ruleSettings name their source. */
const RULE_FLAG = '--rule';

export const CONFIG_FILE_NAMES = ['.gitops-lint.yaml', '.gitops-lint.yml'];

export function defaultConfig(): Config {
  return { extends: 'recommended', rules: {}, ignore: [], ignoreObjects: [], entryPoints: [], externalSources: [], customRules: [] };
}

export interface ResolvedConfig {
  config: Config;
  /** The config file read (absolute), if any. */
  file?: string;
  /** Where each custom rule (by id) and each `rules` entry (by rule id) was written: for errors found later. */
  sources: { customRules: Map<string, ConfigSource>; rules: Map<string, ConfigSource> };
}

/**
 * The config for a lint of `root`: defaults, then the config file, then options.config, then options.kubernetesVersion,
 * options.fluxVersion and options.schemaLocations.
 */
export function resolveConfig(root: string, options: ConfigOptions = {}, remembered?: ValidSettings): ResolvedConfig {
  const file = findConfigFile(root, options.configPath);
  const builtinIds = new Set(loadBuiltinRules().map((r) => r.id));
  const fromFile = file ? readConfigFile(file) : {};
  const fromOptions = (options.config ?? {}) as Record<string, unknown>;
  // Rule ids in `rules` may name custom rules declared in either source.
  const customIds = [fromFile, fromOptions].flatMap((c) =>
    Array.isArray(c.customRules) ? c.customRules.map((r: unknown) => (r as RuleDefinition | null)?.id) : [],
  );
  const known = new Set([...builtinIds, ...customIds.filter((id): id is string => typeof id === 'string')]);
  const label = file ? (options.configPath ?? path.basename(file)) : '';
  const fileConfig = validateConfig(fromFile, label, { builtinIds, knownRuleIds: known }, remembered);
  const optionConfig = validateConfig(fromOptions, 'options.config', { builtinIds, knownRuleIds: known }, remembered);
  const flagRules = validateConfig({ rules: options.ruleSettings ?? {} }, RULE_FLAG, { builtinIds, knownRuleIds: known }, remembered).rules ?? {};

  const config = { ...defaultConfig(), ...fileConfig, ...optionConfig, rules: { ...fileConfig.rules, ...optionConfig.rules, ...flagRules } };
  const overrides = [...(fileConfig.overrides ?? []), ...(optionConfig.overrides ?? [])];
  if (overrides.length > 0) config.overrides = overrides;
  const skipped = (options.skipKinds ?? []).map(skipEntry);
  if (skipped.length > 0) config.ignoreObjects = [...config.ignoreObjects, ...skipped];
  config.customRules = mergeCustomRules(fileConfig.customRules ?? [], optionConfig.customRules ?? []);
  const sources: ResolvedConfig['sources'] = { customRules: new Map(), rules: new Map() };
  for (const [from, part] of [[label, fileConfig], ['options.config', optionConfig], [RULE_FLAG, { rules: flagRules }]] as const) {
    part.customRules?.forEach((r, i) => sources.customRules.set(r.id, { file: from, key: `customRules[${i}]` }));
    for (const id of Object.keys(part.rules ?? {})) sources.rules.set(id, { file: from, key: `rules.${id}` });
  }
  if (options.kubernetesVersion !== undefined) config.kubernetesVersion = options.kubernetesVersion;
  if (options.fluxVersion !== undefined) config.fluxVersion = options.fluxVersion;
  // Folders from the config are relative to the repo root (the config's home); --schema-location ones come first.
  const locations = [...(options.schemaLocations ?? []).map((d) => path.resolve(d)), ...(config.schemaLocations ?? []).map((d) => path.resolve(root, d))];
  if (locations.length > 0) config.schemaLocations = locations;
  return file ? { config, file, sources } : { config, sources };
}

/** `Kind`, or kubeconform's `<apiVersion>/<Kind>` (`v1/Secret`, `apps/v1/Deployment`). */
function skipEntry(spec: string): Config['ignoreObjects'][number] {
  const slash = spec.lastIndexOf('/');
  return slash < 0 ? { kind: spec } : { apiVersion: spec.slice(0, slash), kind: spec.slice(slash + 1) };
}

/** options.config custom rules replace file ones with the same id. */
function mergeCustomRules(base: RuleDefinition[], over: RuleDefinition[]): RuleDefinition[] {
  const overIds = new Set(over.map((r) => r.id));
  return [...base.filter((r) => !overIds.has(r.id)), ...over];
}

function findConfigFile(root: string, configPath: string | undefined): string | undefined {
  if (configPath !== undefined) {
    const file = path.resolve(configPath);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ConfigError(configPath, undefined, 'config file not found');
    return file;
  }
  return CONFIG_FILE_NAMES.map((name) => path.join(root, name)).find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

function readConfigFile(file: string): Record<string, unknown> {
  const label = path.basename(file);
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(label, undefined, `cannot read: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(label, undefined, 'must be a mapping of settings');
  return raw as Record<string, unknown>;
}
