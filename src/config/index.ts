/**
 * .gitops-lint.yaml: find, parse, validate, apply defaults, and merge config given to lint() over it.
 * Every problem is a ConfigError naming the file and the key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Config, LintOptions, RuleDefinition } from '../engine/types.js';
import { paramProblems } from '../engine/params.js';
import { loadBuiltinRules } from '../engine/rules.js';
import { ConfigError } from './errors.js';
import { validateConfig } from './validate.js';

export { ConfigError } from './errors.js';

export const CONFIG_FILE_NAMES = ['.gitops-lint.yaml', '.gitops-lint.yml'];

export function defaultConfig(): Config {
  return { extends: 'recommended', rules: {}, ignore: [], ignoreObjects: [], entryPoints: [], externalSources: [], customRules: [] };
}

export interface ResolvedConfig {
  config: Config;
  /** The config file read (absolute), if any. */
  file?: string;
}

/**
 * The config for a lint of `root`: defaults, then the config file, then options.config, then options.kubernetesVersion
 * and options.schemaLocations.
 */
export function resolveConfig(root: string, options: LintOptions = {}): ResolvedConfig {
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
  const fileConfig = validateConfig(fromFile, label, { builtinIds, knownRuleIds: known });
  const optionConfig = validateConfig(fromOptions, 'options.config', { builtinIds, knownRuleIds: known });

  const config = { ...defaultConfig(), ...fileConfig, ...optionConfig, rules: { ...fileConfig.rules, ...optionConfig.rules } };
  config.customRules = mergeCustomRules(fileConfig.customRules ?? [], optionConfig.customRules ?? []);
  checkParamOverrides(config, optionConfig.rules ?? {}, label);
  if (options.kubernetesVersion !== undefined) config.kubernetesVersion = options.kubernetesVersion;
  // Folders from the config are relative to the repo root (the config's home); --schema-location ones come first.
  const locations = [...(options.schemaLocations ?? []).map((d) => path.resolve(d)), ...(config.schemaLocations ?? []).map((d) => path.resolve(root, d))];
  if (locations.length > 0) config.schemaLocations = locations;
  return file ? { config, file } : { config };
}

/** options.config custom rules replace file ones with the same id. */
function mergeCustomRules(base: RuleDefinition[], over: RuleDefinition[]): RuleDefinition[] {
  const overIds = new Set(over.map((r) => r.id));
  return [...base.filter((r) => !overIds.has(r.id)), ...over];
}

/** `rules: { id: { params } }` overrides must still suit the rule's check. */
function checkParamOverrides(config: Config, fromOptions: Config['rules'], fileLabel: string): void {
  const byId = new Map([...loadBuiltinRules(), ...config.customRules].map((r) => [r.id, r]));
  for (const [id, setting] of Object.entries(config.rules)) {
    const rule = byId.get(id);
    if (typeof setting !== 'object' || !setting.params || !rule) continue;
    const problem = paramProblems(rule.check, { ...rule.params, ...setting.params })[0];
    if (problem) throw new ConfigError(Object.hasOwn(fromOptions, id) ? 'options.config' : fileLabel, `rules.${id}.params`, problem);
  }
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
