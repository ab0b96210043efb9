/**
 * What the command line asks to lint: the repository root and the paths whose findings are reported.
 *
 * Semantics (ESLint-like, documented in README "Paths and the repository root"):
 * - `gitops-lint [paths...]` takes files and directories, resolved from the working directory (default `.`).
 * - The root is the nearest directory at or above the first path holding `.gitops-lint.yaml`/`.yml` or `.git`
 *   (`--root` overrides). Without any, the first path itself (its folder for a file) is the root.
 * - The whole root is always loaded (clusters, kustomize builds and references need every file); findings are
 *   reported for the given paths only: a directory selects every file under it, a file itself. Findings about the
 *   repository as a whole (no file) are reported when the root itself is selected.
 * - A path outside the root is a usage error, as is a path that does not exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/index.js';
import type { LintResult } from '../engine/types.js';
import { UsageError } from '../engine/errors.js';

/** Files that mark the root of a repository, looked for from the first path upwards. */
export const ROOT_MARKERS = [...CONFIG_FILE_NAMES, '.git'];

export interface Targets {
  /** Absolute, real path of the repository root. */
  root: string;
  /** The given paths, repo-relative with forward slashes ('' = the root). */
  paths: TargetPath[];
}

export interface TargetPath {
  /** As typed on the command line (for messages). */
  arg: string;
  /** Repo-relative, forward slashes; '' for the root itself. */
  rel: string;
  directory: boolean;
}

/** The nearest directory at or above `start` holding a root marker, or undefined. */
export function findRoot(start: string): string | undefined {
  for (let dir = start; ; ) {
    if (ROOT_MARKERS.some((marker) => fs.existsSync(path.join(dir, marker)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Resolve the command line's paths and --root from `cwd`; throws UsageError for a missing path or one outside the root. */
export function resolveTargets(args: readonly string[], cwd: string, rootOption?: string): Targets {
  const given = (args.length > 0 ? args : ['.']).map((arg) => {
    const abs = realPath(path.resolve(cwd, arg), arg);
    return { arg, abs, directory: fs.statSync(abs).isDirectory() };
  });
  const first = given[0]!;
  const firstDir = first.directory ? first.abs : path.dirname(first.abs);
  let root: string;
  if (rootOption !== undefined) {
    root = realPath(path.resolve(cwd, rootOption), rootOption);
    if (!fs.statSync(root).isDirectory()) throw new UsageError(`--root is not a directory: ${rootOption}`);
  } else {
    root = findRoot(firstDir) ?? firstDir;
  }
  const paths = given.map(({ arg, abs, directory }) => {
    const rel = path.relative(root, abs);
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      const how = rootOption !== undefined ? 'given with --root' : `found from ${first.arg} (nearest ${ROOT_MARKERS.join(' or ')})`;
      throw new UsageError(`${arg} is outside the repository root ${root} ${how}; lint it in a run of its own, or give --root`);
    }
    return { arg, rel: rel.split(path.sep).join('/'), directory };
  });
  return { root, paths };
}

/** Whether a repo-relative file (a finding's, '' for the repository) is selected by the targets. */
export function isSelected(targets: Targets, file: string): boolean {
  return targets.paths.some((p) => p.rel === '' || file === p.rel || (p.directory && file.startsWith(`${p.rel}/`)));
}

/** The result with only the findings of the selected paths (stats and rules stay those of the whole run). */
export function selectFindings(result: LintResult, targets: Targets): LintResult {
  if (targets.paths.some((p) => p.rel === '')) return result;
  return { ...result, findings: result.findings.filter((f) => isSelected(targets, f.file)), files: result.files.filter((f) => isSelected(targets, f)) };
}

/**
 * Why the run has nothing to lint, or undefined: a directory with no YAML file read under it (an empty folder, a
 * typo in a CI path), or a root with none at all. A given file that is not read as YAML (README.md, an ignored
 * file) is not an error of its own, as ESLint's explicit non-matching files, as long as another path selects YAML.
 */
export function nothingToLint(result: LintResult, targets: Targets): string | undefined {
  const selects = (p: TargetPath) => {
    const only: Targets = { root: targets.root, paths: [p] };
    return result.files.some((f) => isSelected(only, f)) || result.findings.some((f) => isSelected(only, f.file));
  };
  if (result.files.length === 0 && result.findings.length === 0) return `no YAML files found in ${targets.root}`;
  const empty = targets.paths.filter((p) => !selects(p));
  const emptyDirs = empty.filter((p) => p.directory);
  if (emptyDirs.length > 0) return `no YAML files found under ${emptyDirs.map((p) => p.arg).join(', ')}${whyExcluded(result, emptyDirs)}`;
  if (empty.length === targets.paths.length) return `no YAML files to lint in ${empty.map((p) => p.arg).join(', ')} (not YAML, or ignored)`;
  return undefined;
}

/**
 * A folder of the repository that .gitignore or the config's `ignore` leaves out is not part of what Flux reads, so
 * the run skips it; say so, and how to lint it as a repository of its own.
 */
function whyExcluded(result: LintResult, dirs: TargetPath[]): string {
  const overlaps = (d: TargetPath, skipped: string) => d.rel === skipped || d.rel.startsWith(`${skipped}/`) || skipped.startsWith(`${d.rel}/`);
  for (const reason of ['gitignored', 'ignored'] as const) {
    const dir = dirs.find((d) => result.skipped.some((s) => s.reason === reason && overlaps(d, s.path)));
    if (dir === undefined) continue;
    const by = reason === 'gitignored' ? '.gitignore' : "the config's ignore";
    return ` (${by} leaves it out of the repository at ${result.root}; to lint it as a repository of its own: --root ${dir.arg})`;
  }
  return '';
}

function realPath(abs: string, arg: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    throw new UsageError(`path not found: ${arg === abs ? abs : `${arg} (${abs})`}`);
  }
}
