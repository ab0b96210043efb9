/** Kubernetes versions of the bundled schemas: ordering them and picking the one a requested version gets. */

/** "v1.34.2" -> 1034, for ordering and distance; undefined when not a version. */
function minorOf(version: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}

/** Bundled minors, oldest first. */
export function sortMinors(minors: Iterable<string>): string[] {
  return [...minors].sort((a, b) => (minorOf(a) ?? 0) - (minorOf(b) ?? 0));
}

/**
 * The bundled minor for a requested version: exact, else the nearest (older or newer), else the newest.
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
