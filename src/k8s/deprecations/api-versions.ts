/**
 * Judges an apiVersion and kind against the releases a cluster runs, from the deprecation table: Flux kinds against
 * the Flux target, Kubernetes built-ins against the Kubernetes target, companion projects (cert-manager,
 * external-secrets, Gateway API, Kyverno, flagger) against their current releases (the table has no target for them).
 */
import { groupOf } from '../api-version.js';
import { deprecationData, type FluxApiRow } from './data.js';
import { reached, showRelease, type Target } from './releases.js';

export interface Targets {
  flux: Target;
  kubernetes: Target;
}

/** What the table says about an apiVersion and kind for the targets. */
export type ApiVerdict =
  | {
      status: 'removed' | 'deprecated';
      /** Which part of the table judged it. */
      family: 'flux' | 'flux-legacy' | 'kubernetes' | 'companion';
      /** What happened and when: "is no longer served since Flux 2.8 (deprecated since 2.3)". */
      detail: string;
      /** The apiVersion to move to, when there is one. */
      replacement?: string;
      /** Which target judged it ("Flux 2.8"); undefined for companions and Flux v1 (judged against their current state). */
      target?: string;
      row: string;
    }
  | {
      /** A Flux kind's version that no release ever served, or one the target does not serve yet. */
      status: 'unknown';
      detail: string;
      /** apiVersions of the kind the target serves. */
      served: string[];
      target: string;
    };

const fluxGroups = (): Set<string> => new Set(deprecationData().fluxApis.map((r) => groupOf(r.apiVersion)));

/** True when the table knows every version of this group's kinds (Flux groups): any other version never existed. */
export function isFluxGroup(group: string): boolean {
  return fluxGroups().has(group);
}

/** Versions of `kind` the Flux target serves: introduced at or before it and not removed by it. */
function servedFlux(rows: FluxApiRow[], flux: Target): FluxApiRow[] {
  return rows.filter((r) => r.introducedIn !== null && reached(flux.release, r.introducedIn) && !reached(flux.release, r.removedIn));
}

/** The version to move to on the target: the newest served one not deprecated there, else the newest served. */
function fluxReplacement(rows: FluxApiRow[], flux: Target): string | undefined {
  const served = servedFlux(rows, flux);
  const current = served.filter((r) => !reached(flux.release, r.deprecatedIn));
  return (current.at(-1) ?? served.at(-1))?.apiVersion;
}

function judgeFlux(apiVersion: string, kind: string, flux: Target): ApiVerdict | undefined {
  const rows = deprecationData().fluxApis.filter((r) => r.kind === kind && groupOf(r.apiVersion) === groupOf(apiVersion));
  if (rows.length === 0) return undefined; // not a Flux kind of this group: a typo or a newer kind, schema-missing says so
  const row = rows.find((r) => r.apiVersion === apiVersion);
  const served = servedFlux(rows, flux).map((r) => r.apiVersion);
  if (!row) return { status: 'unknown', detail: 'is a version no Flux release ever served', served, target: flux.label };
  const replacement = fluxReplacement(rows, flux);
  const removed = row.removedIn ? showRelease(row.removedIn) : undefined;
  if (reached(flux.release, row.removedIn)) {
    const detail = row.deprecatedIn ? `was deprecated in Flux ${showRelease(row.deprecatedIn)} and removed in ${removed}` : `was removed in Flux ${removed}`;
    return { status: 'removed', family: 'flux', detail, ...(replacement ? { replacement } : {}), target: flux.label, row: row.row };
  }
  if (row.introducedIn !== null && !reached(flux.release, row.introducedIn)) {
    return { status: 'unknown', detail: `is served from Flux ${showRelease(row.introducedIn)} on`, served, target: flux.label };
  }
  const superseded = row.deprecatedIn === null && reached(flux.release, row.supersededIn) && removed !== undefined;
  if (!reached(flux.release, row.deprecatedIn) && !superseded) return undefined;
  const what = row.deprecatedIn !== null ? `is deprecated since Flux ${showRelease(row.deprecatedIn)}` : `is superseded since Flux ${showRelease(row.supersededIn!)}`;
  return { status: 'deprecated', family: 'flux', detail: `${what}${removed ? ` and removed in ${removed}` : ''}`, ...(replacement ? { replacement } : {}), target: flux.label, row: row.row };
}

function judgeKubernetes(apiVersion: string, kind: string, kubernetes: Target): ApiVerdict | undefined {
  const row = deprecationData().kubernetes.find((r) => r.apiVersion === apiVersion && r.kind === kind);
  if (!row) return undefined;
  const replacement = row.replacement ? { replacement: row.replacement } : {};
  const removed = row.removedIn ? showRelease(row.removedIn) : undefined;
  if (reached(kubernetes.release, row.removedIn)) {
    const detail = row.deprecatedIn ? `was deprecated in Kubernetes ${showRelease(row.deprecatedIn)} and removed in ${removed}` : `was removed in Kubernetes ${removed}`;
    return { status: 'removed', family: 'kubernetes', detail, ...replacement, target: kubernetes.label, row: row.row };
  }
  if (!reached(kubernetes.release, row.deprecatedIn)) return undefined;
  const detail = `is deprecated since Kubernetes ${showRelease(row.deprecatedIn!)}${removed ? ` and removed in ${removed}` : ''}`;
  return { status: 'deprecated', family: 'kubernetes', detail, ...replacement, target: kubernetes.label, row: row.row };
}

function judgeCompanion(apiVersion: string, kind: string): ApiVerdict | undefined {
  const row = deprecationData().companions.find((r) => r.apiVersion === apiVersion && (r.kind === kind || r.kind === '*'));
  if (!row) return undefined;
  const replacement = row.replacement ? { replacement: row.replacement } : {};
  const project = row.project;
  if (row.status === 'removed') {
    const since = row.notServedFrom ?? (row.removedFromCrdIn ? `v${row.removedFromCrdIn}` : undefined);
    const deprecated = row.deprecatedIn ? `was deprecated in ${project} v${row.deprecatedIn} and ` : '';
    return { status: 'removed', family: 'companion', detail: `${deprecated}is not served by ${project}${since ? ` since ${since}` : ''}`, ...replacement, row: row.row };
  }
  return { status: 'deprecated', family: 'companion', detail: `is deprecated since ${project} v${row.deprecatedIn}`, ...replacement, row: row.row };
}

function judgeLegacy(apiVersion: string, kind: string): ApiVerdict | undefined {
  const row = deprecationData().fluxLegacy.find((r) => r.apiVersion === apiVersion && r.kind === kind);
  if (!row) return undefined;
  return { status: 'removed', family: 'flux-legacy', detail: `belongs to the ${row.project}, archived ${row.removed.replace(/ \(.*\)$/, '')}: no Flux v2 controller serves it`, replacement: row.replacement, row: row.row };
}

/** The table's verdict on apiVersion/kind for the targets; undefined when it is served and not deprecated (or unknown to the table). */
export function judgeApiVersion(apiVersion: string, kind: string, targets: Targets): ApiVerdict | undefined {
  return (
    judgeLegacy(apiVersion, kind) ??
    (isFluxGroup(groupOf(apiVersion)) ? judgeFlux(apiVersion, kind, targets.flux) : undefined) ??
    judgeKubernetes(apiVersion, kind, targets.kubernetes) ??
    judgeCompanion(apiVersion, kind)
  );
}

/** True when the table has a row for apiVersion/kind, or knows every version of its Flux kind: the deprecation rules speak for it. */
export function tableCovers(apiVersion: string, kind: string): boolean {
  const data = deprecationData();
  const group = groupOf(apiVersion);
  return (
    data.fluxApis.some((r) => r.kind === kind && groupOf(r.apiVersion) === group) ||
    data.fluxLegacy.some((r) => r.apiVersion === apiVersion && r.kind === kind) ||
    data.kubernetes.some((r) => r.apiVersion === apiVersion && r.kind === kind) ||
    data.companions.some((r) => r.apiVersion === apiVersion && (r.kind === kind || r.kind === '*'))
  );
}
