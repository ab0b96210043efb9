/**
 * Rule params, checked once and the same way for every check: each check declares a JSON schema of its params
 * (Check.params, like ESLint's meta.schema), validated with ajv, then the check's own checkParams for what a schema
 * cannot say. Messages are `key: problem`.
 */
import type { Check } from '../checks/types.js';
import { settingProblems, type JsonSchema } from '../schema/settings.js';
import type { ValidSettings } from '../schema/valid-settings.js';

/** A check without a params schema takes no params. */
const NO_PARAMS: JsonSchema = { type: 'object', additionalProperties: false, properties: {} };

/** Problems with `params` for `check` (empty when valid), each `key: problem` or a sentence about the whole. */
export function paramProblems(check: Check, params: Record<string, unknown>, remembered?: ValidSettings): string[] {
  const problems = settingProblems(check.params ?? NO_PARAMS, params, remembered);
  if (problems.length > 0) return problems.map(({ key, message }) => (key ? `${key}: ${message}` : message));
  return check.checkParams?.(params) ?? [];
}
