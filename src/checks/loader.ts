/**
 * Checks over what the loader recorded: problems (syntax, duplicate keys, ambiguous scalars, unreadable files)
 * and suppression comments that cannot be honoured.
 */
import type { CheckFunction } from '../engine/types.js';
import type { LoadProblem } from '../load/types.js';
import { scanSuppressions } from '../engine/suppressions.js';

const PROBLEM_KINDS: readonly LoadProblem['kind'][] = [
  'syntax',
  'duplicate-key',
  'ambiguous-scalar',
  'unreadable',
  'binary',
  'too-large',
  'helm-template-syntax',
];

export function loaderProblemParamProblems(params: Record<string, unknown>): string[] {
  const kinds = params.kinds;
  if (!Array.isArray(kinds) || kinds.length === 0) return [`kinds: must be a non-empty list of ${PROBLEM_KINDS.join(', ')}`];
  return kinds
    .filter((k) => !PROBLEM_KINDS.includes(k as LoadProblem['kind']))
    .map((k) => `kinds: unknown problem kind ${JSON.stringify(k)} (known: ${PROBLEM_KINDS.join(', ')})`);
}

export const loaderChecks: Record<string, CheckFunction> = {
  /** Loader problems of params.kinds become findings, with the loader's fix when it has one. */
  'loader-problem': (ctx) => {
    const kinds = new Set(ctx.params.kinds as string[]);
    for (const problem of ctx.repo.problems) {
      if (!kinds.has(problem.kind)) continue;
      ctx.report(problem.fix ? { message: problem.message, location: problem.location, fix: problem.fix } : { message: problem.message, location: problem.location });
    }
  },
  /** Suppression comments without a reason or naming an unknown rule: they suppress nothing, say so. */
  'suppression-comments': (ctx) => {
    for (const problem of scanSuppressions(ctx.repo, ctx.knownRuleIds ?? new Set()).problems) ctx.report(problem);
  },
};
