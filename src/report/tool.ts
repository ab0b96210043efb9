/** Facts about gitops-lint itself that reports carry (SARIF tool.driver, --version). */
import fs from 'node:fs';
import path from 'node:path';

export const TOOL_NAME = 'gitops-lint';
export const TOOL_INFORMATION_URI = 'https://github.com/gitops-lint/gitops-lint';

let cachedVersion: string | undefined;

/** The version from package.json: the same relative path from src/report and dist/report. */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cachedVersion;
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
