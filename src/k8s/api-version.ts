/** apiVersion strings: `group/version` for named groups, `version` alone for the core group (`v1`). */

export interface GroupVersion {
  /** '' for the core group. */
  group: string;
  version: string;
}

export function parseApiVersion(apiVersion: string | undefined): GroupVersion {
  const value = apiVersion ?? '';
  const slash = value.indexOf('/');
  return slash < 0 ? { group: '', version: value } : { group: value.slice(0, slash), version: value.slice(slash + 1) };
}

/** API group of an apiVersion ('' for core and for a missing apiVersion). */
export function groupOf(apiVersion: string | undefined): string {
  return parseApiVersion(apiVersion).group;
}

/** `group/version`, or `version` alone for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
