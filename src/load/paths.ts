/** Repo-relative path arithmetic. Pure string work: never touches the disk. */

export type ResolvedRepoPath = { status: 'inside'; path: string } | { status: 'outside-repo' | 'absolute' };

/**
 * Resolve `ref` against repo-relative directory `fromDir` ('' = root) with POSIX rules.
 * Backslashes are not separators (kustomize and Flux run on Linux); a leading '/' or a drive letter is absolute.
 */
export function resolveRepoPath(fromDir: string, ref: string): ResolvedRepoPath {
  if (ref.startsWith('/') || /^[A-Za-z]:[\\/]/.test(ref)) return { status: 'absolute' };
  const parts: string[] = [];
  for (const segment of [...fromDir.split('/'), ...ref.split('/')]) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return { status: 'outside-repo' };
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return { status: 'inside', path: parts.join('/') };
}

export function baseName(relPath: string): string {
  return relPath.slice(relPath.lastIndexOf('/') + 1);
}

/**
 * True when a directory on the path starts with a dot (`.archive/`, `.github/`): by convention not deployed,
 * so it holds no cluster entry points and no orphans.
 */
export function inHiddenDir(relPath: string): boolean {
  return relPath.split('/').slice(0, -1).some((segment) => segment.startsWith('.'));
}
