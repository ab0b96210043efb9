/**
 * `gitops-lint hook install [path]`, `hook uninstall`, and `hook pre-push` (what the installed hook runs).
 * Exit codes as the main command: 0 fine, 1 the push adds errors, 2 usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { worktreeTop } from '../baseline/git.js';
import { builtinChecks } from '../checks/index.js';
import { ConfigError } from '../config/errors.js';
import { UsageError } from '../engine/errors.js';
import { installHook, uninstallHook } from '../hook/install.js';
import { checkPush } from '../hook/pre-push.js';
import { formatters } from '../report/index.js';
import type { CliIO } from './io.js';
import { severityCounts } from '../report/counts.js';
import { TOOL_NAME } from '../report/tool.js';
import { defaultCacheDir } from '../schema/cache.js';

/** Defined (true) only in the bundled bin, by scripts/build-cli.mjs. */
declare const GITOPS_LINT_BUNDLE: boolean | undefined;
/**
 * The bin that is running, the hook's last resort: the bundle's entry (dist/bin/gitops-lint.js, the package's bin,
 * beside the chunk this code may be in), or dist/cli.js next to dist/cli/ when running from the tsc build.
 */
const SELF = fileURLToPath(
  typeof GITOPS_LINT_BUNDLE !== 'undefined' && GITOPS_LINT_BUNDLE ? new URL('./gitops-lint.js', import.meta.url) : new URL('../cli.js', import.meta.url),
);

export async function runHookCommand(argv: string[], io: CliIO): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  let code = 0;
  const program = new Command(`${TOOL_NAME} hook`)
    .description('Install or remove the git pre-push hook that lints what each push adds.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${TOOL_NAME}: ${text.replace(/^error: /, '')}`),
    });
  program
    .command('install')
    .description('write .git/hooks/pre-push (or in core.hooksPath); an existing hook is kept and run first')
    .argument('[path]', 'root of the GitOps repository to lint, inside the git repository', '.')
    .option('-c, --config <file>', 'config file (default: <path>/.gitops-lint.yaml when present)')
    .action((root: string, opts: { config?: string }) => {
      const top = worktreeTop(cwd, 'hook install');
      const args = ['--root', relativeTo(top, path.resolve(cwd, root), 'path')];
      if (opts.config !== undefined) args.push('--config', relativeTo(top, path.resolve(cwd, opts.config), '--config'));
      const report = installHook(cwd, { installer: [process.execPath, SELF], args });
      io.stdout.write(`${report.updated ? 'updated' : 'installed'} the pre-push hook ${report.hook}\n`);
      if (report.chained) io.stdout.write(`the hook that was there runs first: ${report.chained}\n`);
    });
  program
    .command('uninstall')
    .description('remove the hook and put back the one it chained')
    .action(() => {
      const report = uninstallHook(cwd);
      io.stdout.write(`removed the pre-push hook ${report.hook}\n`);
      if (report.restored) io.stdout.write(`restored the hook that was there before: ${report.restored}\n`);
    });
  program
    .command('pre-push')
    .description('what the installed hook runs (and lefthook can): lint the refs git is pushing, read from stdin, and exit 1 when they add errors')
    .argument('<remote>', 'name of the remote (git passes it)')
    .argument('[url]', 'its URL (git passes it)')
    .option('--root <path>', 'lint root, relative to the top of the worktree', '.')
    .option('-c, --config <file>', 'config file, relative to the top of the worktree')
    .action(async (remote: string, _url: string | undefined, opts: { root: string; config?: string }) => {
      code = await prePush(remote, opts, io, cwd);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const known = err instanceof UsageError || err instanceof ConfigError;
    io.stderr.write(`${TOOL_NAME}: ${known ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`}\n`);
    return 2;
  }
}

/** A path inside the worktree, relative to its top with forward slashes (the hook runs from the top). */
function relativeTo(top: string, file: string, what: string): string {
  const real = fs.existsSync(file) ? fs.realpathSync(file) : file;
  const rel = path.relative(top, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${what} ${file} is outside the git repository ${top}`);
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}

async function prePush(remote: string, opts: { root: string; config?: string }, io: CliIO, cwd: string): Promise<number> {
  const top = worktreeTop(cwd, 'the pre-push hook');
  const input = await (io.stdin ?? readStdin)();
  const env = io.env ?? process.env;
  // The same compiled-schema cache as a plain run: most of a warm lint's time is otherwise compiling validators.
  const options = { root: opts.root, schemaCacheDir: defaultCacheDir(env), ...(opts.config !== undefined ? { configPath: path.resolve(top, opts.config) } : {}) };
  const pushed = await checkPush(top, remote, input, options, builtinChecks);
  let errors = 0;
  for (const { ref, base, result } of pushed) {
    const counts = severityCounts(result.findings);
    errors += counts.error;
    if (result.findings.length === 0) continue;
    const since = base ? `new since ${base.slice(0, 12)}` : 'all (the remote has none of it)';
    io.stdout.write(`${TOOL_NAME}: ${ref.localRef} -> ${remote} ${ref.remoteRef}: findings ${since}\n`);
    io.stdout.write(formatters.stylish(result, { color: io.isTTY && !env.NO_COLOR, verbose: false, pathPrefix: opts.root === '.' ? '' : opts.root, failOn: 'error' }));
  }
  if (errors > 0) {
    io.stderr.write(`${TOOL_NAME}: push blocked: it adds ${errors} error(s). Fix them, or push once without the hook: git push --no-verify\n`);
    return 1;
  }
  return 0;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}
