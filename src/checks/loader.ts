/**
 * Checks over what the loader recorded: problems (syntax, duplicate keys, unreadable files)
 * and suppression comments that cannot be honoured.
 */
import type { LoadProblem } from '../load/types.js';
import type { Check } from './types.js';

const PROBLEM_KINDS: readonly LoadProblem['kind'][] = [
  'syntax',
  'duplicate-key',
  'unreadable',
  'binary',
  'too-large',
  'helm-template-syntax',
];

export const loaderChecks: Record<string, Check> = {
  /** Loader problems of params.kinds become findings. */
  'loader-problem': {
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['kinds'],
      properties: {
        kinds: {
          type: 'array',
          minItems: 1,
          description: `a non-empty list of ${PROBLEM_KINDS.join(', ')}`,
          items: { title: 'problem kind', enum: PROBLEM_KINDS },
        },
      },
    },
    run: (ctx) => {
      const kinds = new Set(ctx.params.kinds as string[]);
      for (const problem of ctx.repo.problems) {
        if (kinds.has(problem.kind)) ctx.report({ message: problem.message, location: problem.location });
      }
    },
  },
  /** Suppression comments without a reason or naming an unknown rule: they suppress nothing, say so. */
  'suppression-comments': {
    run: (ctx) => {
      for (const problem of ctx.services.suppressionProblems()) ctx.report(problem);
    },
  },
  /** Suppression comments and annotations that suppressed no finding: stale, or naming the wrong rule or line. */
  'suppression-unused': {
    afterSuppressions: true,
    run: (ctx) => {
      for (const problem of ctx.services.unusedSuppressions()) ctx.report(problem);
    },
  },
};
