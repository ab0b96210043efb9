/** Facts about gitops-lint itself that reports carry (SARIF tool.driver, --version). */
import fs from 'node:fs';

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
