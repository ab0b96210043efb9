/** Facts about gitops-lint itself that reports carry (SARIF tool.driver, --version). */
import path from 'node:path';
import { packageVersion, REPOSITORY_URL } from '../util/package-info.js';

export const TOOL_NAME = 'gitops-lint';
export const TOOL_INFORMATION_URI = REPOSITORY_URL;

/** The version from package.json. */
export function toolVersion(): string {
  return packageVersion();
}

/** Join a repo-relative path onto the reporting prefix (see FormatOptions.pathPrefix). */
export function prefixedPath(file: string, prefix: string | undefined): string {
  if (!prefix) return file;
  return file === '' ? prefix : `${prefix.replace(/\/+$/, '')}/${file}`;
}

/**
 * A finding's repo-relative file as seen from the working directory (FormatOptions.cwd), forward slashes: `apps/a.yaml`
 * from the root, `a.yaml` from `apps`, `../apps/a.yaml` from a sibling. '' (the repository) is the root itself.
 */
export function cwdPath(file: string, root: string, cwd: string | undefined): string {
  if (cwd === undefined) return file;
  const relative = path.relative(cwd, path.join(root, file)).split(path.sep).join('/');
  return relative === '' ? '.' : relative;
}
