/**
 * The lines a change adds, from git: `git diff --unified=0 <base>...<head>` (three dots: against the merge base, as a
 * pull request's diff is). Annotations and review comments go on these lines; GitHub refuses review comments on lines
 * outside the diff. Paths are relative to the linted root (findings' paths), not to the repository.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Repo-relative file (relative to the linted root) -> its added or changed line numbers (new side). */
export type ChangedLines = Map<string, Set<number>>;

/**
 * Lines added between the merge base of `base` and `head` (a commit or the working tree when head is undefined).
 * Undefined when git cannot tell (no repository, the base commit not fetched): callers then treat every line alike.
 */
export function changedLines(root: string, base: string, head?: string): ChangedLines | undefined {
  let top: string;
  let diff: string;
  try {
    top = git(root, ['rev-parse', '--show-toplevel']).trim();
    const range = head ? [`${base}...${head}`] : [base];
    diff = git(root, ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-renames', '--unified=0', ...range, '--', '.']);
  } catch {
    return undefined;
  }
  const prefix = path.relative(realpath(top), realpath(root)).split(path.sep).join('/');
  return parseUnifiedDiff(diff, prefix);
}

/** Parse a zero-context unified diff into added lines per file, keeping files under `prefix`, made relative to it. */
export function parseUnifiedDiff(diff: string, prefix = ''): ChangedLines {
  const changed: ChangedLines = new Map();
  let lines: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const file = diffPath(line.slice(4));
      const relative = file === undefined ? undefined : underPrefix(file, prefix);
      lines = relative === undefined ? undefined : (changed.get(relative) ?? new Set());
      if (relative !== undefined && lines) changed.set(relative, lines);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && lines) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) lines.add(n);
    }
  }
  return changed;
}

/** `b/path` of a `+++` line (git quotes names with unusual characters); undefined for /dev/null (a deleted file). */
function diffPath(text: string): string | undefined {
  const name = text.startsWith('"') ? unquote(text) : text.replace(/\t.*$/, '');
  if (name === '/dev/null') return undefined;
  return name.startsWith('b/') ? name.slice(2) : name;
}

/** C-style quoted path as git writes it (core.quotePath=false leaves UTF-8 alone; quotes and controls are escaped). */
function unquote(text: string): string {
  const body = text.slice(1, text.lastIndexOf('"'));
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function underPrefix(file: string, prefix: string): string | undefined {
  if (prefix === '') return file;
  return file.startsWith(`${prefix}/`) ? file.slice(prefix.length + 1) : undefined;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 512 * 1024 * 1024 });
}

function realpath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** Is the finding's line one the change adds? */
export function isChanged(changed: ChangedLines, file: string, line: number): boolean {
  return changed.get(file)?.has(line) === true;
}
