/**
 * .gitignore files of the repo, with git's semantics (gitignore(5)): a pattern in `dir/.gitignore` is relative to
 * `dir`; one with a slash at its start or in its middle is anchored there, one without may match at any depth below
 * it; deeper files take precedence over shallower ones; a file whose parent directory is excluded cannot be
 * re-included.
 *
 * The `ignore` package implements one .gitignore (the spec 2.22.1, negations, parent-directory exclusion) against
 * paths relative to it, not nested files. So every pattern is rewritten relative to the repo root (`dir/pattern` when
 * anchored, `dir/**\/pattern` otherwise) and all files are added to one matcher, shallowest first: within one matcher
 * the last matching pattern wins, which is git's "deeper files take precedence".
 */
import ignore from 'ignore';

export interface GitIgnoreFile {
  /** Directory of the .gitignore ('' = the repo root). */
  dir: string;
  text: string;
}

/** Whether a repo-relative path is ignored by the repo's .gitignore files (a directory may be given with a trailing slash). */
export type GitIgnored = (path: string) => boolean;

export const NOTHING_IGNORED: GitIgnored = () => false;

/** Escapes glob characters (and a leading `#` or `!`) in a directory prefix so it matches only itself. */
function literal(dir: string): string {
  return dir.replace(/[\\*?[\]]/g, '\\$&').replace(/^[#!]/, '\\$&');
}

/** One line of `dir/.gitignore` as a pattern relative to the repo root; undefined for blank lines and comments. */
export function rootRelativePattern(dir: string, line: string): string | undefined {
  const text = line.replace(/\r$/, '');
  if (text.trim() === '' || text.startsWith('#')) return undefined;
  if (dir === '') return text;
  const negated = text.startsWith('!');
  const body = negated ? text.slice(1) : text;
  // A trailing slash only says "directories"; a slash anywhere else anchors the pattern to `dir`.
  const anchored = body.replace(/\/+$/, '').includes('/');
  const rooted = anchored ? `${literal(dir)}/${body.replace(/^\//, '')}` : `${literal(dir)}/**/${body}`;
  return `${negated ? '!' : ''}${rooted}`;
}

export function gitIgnoreMatcher(files: readonly GitIgnoreFile[]): GitIgnored {
  if (files.length === 0) return NOTHING_IGNORED;
  const depth = (dir: string): number => (dir === '' ? 0 : dir.split('/').length);
  const set = new GitIgnoreSet();
  for (const file of [...files].sort((a, b) => depth(a.dir) - depth(b.dir))) set.add(file);
  return set.ignores;
}

/**
 * The .gitignore files met so far by a walk that enters a directory before its subdirectories: each is added when
 * the walk enters its directory, before that directory's entries are judged. Equivalent to gitIgnoreMatcher over all
 * of them: a file's patterns only match below its own directory, so only the ancestor-before-descendant order matters.
 */
export class GitIgnoreSet {
  private readonly matcher = ignore();
  private empty = true;

  add(file: GitIgnoreFile): void {
    for (const line of file.text.split('\n')) {
      const pattern = rootRelativePattern(file.dir, line);
      if (pattern === undefined) continue;
      this.matcher.add(pattern);
      this.empty = false;
    }
  }

  readonly ignores: GitIgnored = (path) => !this.empty && path !== '' && ignore.isPathValid(path) && this.matcher.ignores(path);
}
