/** Facts from gitops-lint's own package.json, read once: the same relative path from src/util and dist/util. */
import fs from 'node:fs';

/** Where the project lives: rule documentation links and SARIF's informationUri point here. */
export const REPOSITORY_URL = 'https://github.com/gitops-lint/gitops-lint';

let cachedVersion: string | undefined;

export function packageVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cachedVersion;
}

/**
 * Base URL of the rule pages of this version: the release tag `v<version>`, so an installed gitops-lint links to the
 * documentation of the rules it runs, not to whatever main says later.
 */
export function ruleDocsBaseUrl(): string {
  return `${REPOSITORY_URL}/blob/v${packageVersion()}/docs/rules/`;
}
