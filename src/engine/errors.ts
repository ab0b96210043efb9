/** Errors the CLI turns into exit code 2 with their message (never a stack trace for these). */

/** A bad invocation: missing root directory, unreadable config path, ... */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A check threw: a bug in gitops-lint (or a custom rule), reported with the rule id so it can be turned off. */
export class InternalError extends Error {
  override name = 'InternalError';
  constructor(
    readonly ruleId: string,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`internal error in rule '${ruleId}': ${detail} (turn the rule off with rules: { ${ruleId}: off } to continue)`, { cause });
  }
}
