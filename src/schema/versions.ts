/** Kubernetes versions of the bundled schemas: ordering them and picking the one a requested version gets. */

/** "v1.34.2" -> 1034, for ordering and distance; undefined when not a version. */
function minorOf(version: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}

/** The newest bundled minor. */
export const LATEST = 'latest';

/** What a Kubernetes version may be written as (kubeconform's forms): `1.34`, `1.34.1`, `v1.34.1`, or `latest`. */
export const KUBERNETES_VERSION_FORMS = '1.34, 1.34.1, v1.34.1 or latest';

/** True when `value` is one of KUBERNETES_VERSION_FORMS. */
export function isKubernetesVersion(value: string): boolean {
  return value === LATEST || /^v?\d+\.\d+(\.\d+)?$/.test(value);
}

/** Bundled minors, oldest first. */
export function sortMinors(minors: Iterable<string>): string[] {
  return [...minors].sort((a, b) => (minorOf(a) ?? 0) - (minorOf(b) ?? 0));
}

/**
 * The bundled minor for a requested version: exact, else the nearest (older or newer), else the newest (also for
 * `latest`; a patch version picks its minor).
 * Undefined when nothing is bundled. `versions` oldest first.
 */
export function nearestMinor(versions: readonly string[], requested?: string): string | undefined {
  const newest = versions[versions.length - 1];
  if (newest === undefined) return undefined;
  const wanted = requested === undefined ? undefined : minorOf(requested);
  if (wanted === undefined) return newest;
  const distance = (v: string) => Math.abs((minorOf(v) ?? 0) - wanted);
  return versions.reduce((best, v) => (distance(v) < distance(best) ? v : best), newest);
}
