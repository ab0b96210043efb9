/**
 * The pre-push hook script `gitops-lint hook install` writes: POSIX sh (git runs hooks with sh on every platform,
 * Git for Windows included). It keeps git's stdin (the pushed refs) to give it to a chained hook and to gitops-lint,
 * and finds gitops-lint the way a user would expect: the repository's node_modules, then PATH, then the copy that
 * installed the hook. When none is there it says so and blocks the push (a hook that passes silently is no check).
 */

/** First line after the shebang: how install and uninstall recognise a hook they wrote. */
export const HOOK_MARKER = '# gitops-lint pre-push hook';

/** Where an existing hook is moved to be run first (and restored from by uninstall). */
export const CHAINED_SUFFIX = '.gitops-lint-chained';

export interface HookSettings {
  /** The command that installed the hook ([node, cli.js]), tried last. */
  installer: readonly string[];
  /** Arguments for `gitops-lint hook pre-push` (the lint root, a config file), relative to the top of the worktree. */
  args: readonly string[];
}

/** A word quoted for sh: single quotes, with ' written as '\''. */
export function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function hookScript(settings: HookSettings): string {
  const args = ['hook', 'pre-push', ...settings.args].map(shQuote).join(' ');
  const installer = settings.installer.map(shQuote).join(' ');
  const installerFiles = settings.installer.map((f) => `[ -f ${shQuote(f)} ]`).join(' && ');
  return `#!/bin/sh
${HOOK_MARKER}: installed by \`gitops-lint hook install\`, removed by \`gitops-lint hook uninstall\`.
# Lints what each push adds and blocks it on new errors. Skip it once with: git push --no-verify
# (git runs hooks from the top of the worktree, so ./node_modules is the repository's.)
input=$(cat)
feed() { if [ -n "$input" ]; then printf '%s\\n' "$input"; fi; }
chained="$(dirname "$0")/pre-push${CHAINED_SUFFIX}"
if [ -x "$chained" ]; then
  feed | "$chained" "$@" || exit $?
fi
if [ -x ./node_modules/.bin/gitops-lint ]; then
  feed | ./node_modules/.bin/gitops-lint ${args} -- "$@"
elif command -v gitops-lint >/dev/null 2>&1; then
  feed | gitops-lint ${args} -- "$@"
elif ${installerFiles}; then
  feed | ${installer} ${args} -- "$@"
else
  echo "gitops-lint pre-push hook: cannot find gitops-lint: not in ./node_modules/.bin, not on PATH, and ${settings.installer.at(-1)?.replace(/[`"$\\]/g, '') ?? ''} (which installed this hook) is gone." >&2
  echo "Install it (npm install --save-dev gitops-lint), remove the hook (gitops-lint hook uninstall), or push once without it: git push --no-verify" >&2
  exit 1
fi
`;
}
