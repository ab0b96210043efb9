/** Validation of a rule's params by check name, so a bad custom rule or params override fails as a config error, not mid-run. */
import { objectFieldParamProblems } from '../checks/custom.js';
import { loaderProblemParamProblems } from '../checks/loader.js';

const validators: Record<string, (params: Record<string, unknown>) => string[]> = {
  'object-field': objectFieldParamProblems,
  'loader-problem': loaderProblemParamProblems,
};

/** Problems with `params` for `check` (empty when valid or when the check declares no validator). */
export function paramProblems(check: string, params: Record<string, unknown>): string[] {
  return validators[check]?.(params) ?? [];
}
