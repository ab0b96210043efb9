/**
 * Release numbers of Flux, Kubernetes and kustomize as the deprecation table writes them, and the target versions a
 * user names: `--flux-version` (x.y, x.y.z, vx.y.z, latest, or the AKS/Arc extension as microsoft.flux@x.y.z) and
 * `--kubernetes-version`.
 */
import { deprecationData } from './data.js';

/** [major, minor, patch]. */
export type Release = readonly [number, number, number];

/** "2.7", "2.7.5", "v2.7.5" -> [2, 7, 5] (patch 0 when absent); undefined when not a release number. */
export function parseRelease(text: string): Release | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

export function compareReleases(a: Release, b: Release): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True when `version` (as the table writes it; null = never) is at or before `target`. */
export function reached(target: Release, version: string | null): boolean {
  const v = version === null ? undefined : parseRelease(version);
  return v !== undefined && compareReleases(v, target) <= 0;
}

/** "2.8.0" -> "2.8", "2.7.5" -> "2.7.5": how messages write a table release. */
export function showRelease(version: string): string {
  return version.replace(/^(\d+\.\d+)\.0$/, '$1');
}

/** What `--flux-version` and config `fluxVersion` accept. */
export const FLUX_VERSION_FORMS = '2.7, 2.7.5, v2.7.5, latest, or an AKS/Arc extension version such as microsoft.flux@1.24.1';

const AKS_PREFIX = 'microsoft.flux@';

/** A release a cluster runs (Flux or Kubernetes), as the rules judge it. */
export interface Target {
  release: Release;
  /** How messages name it: "Flux 2.7", "Flux 2.7.5 (microsoft.flux 1.24.1)". */
  label: string;
}

/** The newest Flux release the table knows. */
export function newestFlux(): Release {
  const data = deprecationData();
  const versions = [
    ...data.fluxApis.flatMap((r) => [r.introducedIn, r.deprecatedIn, r.removedIn]),
    ...data.aksExtension.versions.map((v) => v.flux),
  ];
  return versions
    .map((v) => (v === null ? undefined : parseRelease(v)))
    .filter((v): v is Release => v !== undefined)
    .reduce((a, b) => (compareReleases(a, b) >= 0 ? a : b));
}

/**
 * The Flux target `text` names (undefined or `latest`: the newest in the table), or a problem saying what is accepted.
 * An AKS/Arc extension version maps to the Flux release its row in the table says it runs.
 */
export function fluxTarget(text: string | undefined): Target | { problem: string } {
  if (text === undefined || text === 'latest') {
    const release = newestFlux();
    return { release, label: `Flux ${release[0]}.${release[1]}` };
  }
  if (text.startsWith(AKS_PREFIX)) {
    const extension = text.slice(AKS_PREFIX.length).replace(/^v/, '');
    const row = deprecationData().aksExtension.versions.find((v) => v.extension === extension);
    if (!row) {
      const known = deprecationData().aksExtension.versions.map((v) => v.extension);
      return { problem: `unknown microsoft.flux extension version ${extension} (known: ${known.join(', ')})` };
    }
    return { release: parseRelease(row.flux)!, label: `Flux ${row.flux} (microsoft.flux ${extension})` };
  }
  const release = parseRelease(text);
  if (!release) return { problem: `must be a Flux version: ${FLUX_VERSION_FORMS}` };
  return { release, label: `Flux ${text.replace(/^v/, '')}` };
}

/** The Kubernetes target: `text` (x.y, x.y.z, vx.y.z), else `newest` (the newest bundled minor, for `latest` too). */
export function kubernetesTarget(text: string | undefined, newest: () => string): Target {
  const release = (text === undefined || text === 'latest' ? undefined : parseRelease(text)) ?? parseRelease(newest())!;
  return { release, label: `Kubernetes ${release[0]}.${release[1]}` };
}
