/**
 * Command line options that become config: `--rule` (ESLint's: `'id: severity'`, `'id: [severity, {params}]'`,
 * several rules in one value separated by commas), `--skip` (kubeconform's: `Kind[,Kind]`, `apps/v1/Deployment`)
 * and `--report-unused-disable-directives`. Values are only parsed here; the config validates them (config/validate.ts)
 * so a typo gets the same message as in the file.
 */
import { InvalidArgumentError } from 'commander';
import { parse as parseYaml } from 'yaml';
import { isRecord } from '../util/values.js';


/** One `--rule` value, merged over the previous ones (a later one wins for the same id). */
export function parseRuleOption(value: string, previous: Record<string, unknown>): Record<string, unknown> {
  const text = value.trim();
  let parsed: unknown;
  try {
    // YAML flow mapping: `id: error, other: [warn, {max: 3}]` (braces optional, as with ESLint's levn syntax).
    // `id:off` (no space, as levn accepts it) is one plain scalar in YAML: give every `key:` a space first.
    const spaced = text.replace(/(^|[{,]\s*)([A-Za-z0-9@/_.-]+):(?=[^\s/])/g, '$1$2: ');
    parsed = parseYaml(spaced.startsWith('{') ? spaced : `{${spaced}}`);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed) || Object.keys(parsed).length === 0) {
    throw new InvalidArgumentError("expected 'rule-id: severity' or 'rule-id: [severity, {param: value}]'.");
  }
  return { ...previous, ...parsed };
}

/** One `--skip` value: kinds or `<apiVersion>/<Kind>`, comma-separated; appended to the previous ones. */
export function parseSkipOption(value: string, previous: string[]): string[] {
  const kinds = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = kinds.find((k) => !/^([a-z0-9.-]+\/)?(v[0-9a-z]+\/)?[A-Za-z][A-Za-z0-9]*$/.test(k));
  if (kinds.length === 0 || bad !== undefined) {
    throw new InvalidArgumentError(`expected kinds or <apiVersion>/<Kind>, comma-separated (e.g. Secret,apps/v1/Deployment)${bad ? `, not '${bad}'` : ''}.`);
  }
  return [...previous, ...kinds];
}

/** The rule `--report-unused-disable-directives` turns on, as an error (ESLint's flag), unless --rule sets it. */
export const UNUSED_DIRECTIVES_RULE = 'suppression-unused';

export function withUnusedDirectives(rules: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(rules, UNUSED_DIRECTIVES_RULE) ? rules : { ...rules, [UNUSED_DIRECTIVES_RULE]: 'error' };
}
