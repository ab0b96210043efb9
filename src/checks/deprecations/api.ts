/**
 * api-deprecated and api-version-unknown: every object's apiVersion judged against the releases its clusters run
 * (see targets.ts): deprecated or removed Flux, Kubernetes and companion APIs from the shipped table, and versions
 * of a known group that the target does not serve (a Flux version no release had, a built-in version another
 * Kubernetes minor serves or none does).
 */
import { groupOf, parseApiVersion } from '../../k8s/api-version.js';
import { judgeApiVersion, tableCovers, type ApiVerdict, type Targets } from '../../k8s/deprecations/api-versions.js';
import type { Target } from '../../k8s/deprecations/releases.js';
import { objectRef } from '../../k8s/object-ref.js';
import type { YamlDocument } from '../../load/types.js';
import type { SchemaStore } from '../../schema/store.js';
import { appliedIndex } from '../schema/applied.js';
import type { Check, CheckContext } from '../types.js';
import { fixParts, migrationFor } from './fix.js';
import { documentTargets, objectDocuments, targetNote } from './targets.js';

/** True when a CustomResourceDefinition that one of `clusters` applies serves apiVersion/kind. */
function servedByClusterCrd(ctx: CheckContext, clusters: string[], apiVersion: string, kind: string): boolean {
  const { crds } = appliedIndex(ctx);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return clusters.some((c) => {
    const crd = crds.get(c)?.get(`${apiVersion}/${kind}`);
    const versions = (crd?.value as { spec?: { versions?: { name?: unknown; served?: unknown }[] } } | undefined)?.spec?.versions;
    return Array.isArray(versions) && versions.some((v) => v?.name === version && v.served !== false);
  });
}

function apiDeprecated(ctx: CheckContext): void {
  for (const doc of objectDocuments(ctx)) {
    for (const { targets, clusters } of documentTargets(ctx, doc)) {
      let verdict = judgeApiVersion(doc.apiVersion, doc.kind, targets);
      if (!verdict || verdict.status === 'unknown') continue;
      // A companion's version its cluster still serves through a committed CRD (an older release): say so.
      if (verdict.status === 'removed' && verdict.target === undefined && servedByClusterCrd(ctx, clusters, doc.apiVersion, doc.kind)) {
        verdict = { ...verdict, detail: `${verdict.detail}; the CustomResourceDefinition this cluster applies still serves it` };
      }
      report(ctx, doc, verdict, clusters);
    }
    for (const { targets, clusters } of documentTargets(ctx, doc)) reportReferences(ctx, doc, targets, clusters);
  }
}

/**
 * References a controller follows at the apiVersion written: notification-controller asks for each Receiver
 * spec.resources[] object at its group and version (src/checks/migrate/reference.ts), so a version the target does
 * not serve fails every webhook. (kustomize-controller health checks and the sourceRefs use the group and kind only.)
 */
function reportReferences(ctx: CheckContext, doc: YamlDocument & { apiVersion: string; kind: string }, targets: Targets, clusters: string[]): void {
  if (doc.kind !== 'Receiver' || groupOf(doc.apiVersion) !== 'notification.toolkit.fluxcd.io') return;
  const resources = (doc.value as { spec?: { resources?: unknown } } | null)?.spec?.resources;
  if (!Array.isArray(resources)) return;
  resources.forEach((ref: unknown, i) => {
    const { apiVersion, kind } = (ref ?? {}) as { apiVersion?: unknown; kind?: unknown };
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return;
    const verdict = judgeApiVersion(apiVersion, kind, targets);
    if (!verdict || verdict.status === 'unknown' || verdict.family !== 'flux' || !verdict.replacement) return;
    const path = ['spec', 'resources', i, 'apiVersion'];
    const { note, fix } = fixParts(migrationFor(ctx, { kind: 'reference', doc, path, to: verdict.replacement }));
    ctx.report({
      message: `spec.resources[${i}] of Receiver ${doc.name ?? ''} names ${apiVersion} ${kind}, which ${verdict.detail}${targetNote(ctx, verdict.target, clusters)}: notification-controller asks for the object at that version; use ${verdict.replacement}; ${note}`,
      severity: verdict.status === 'removed' ? 'error' : 'warning',
      location: ctx.locate(doc, path, 'value'),
      object: objectRef(doc),
      ...(fix ? { fix } : {}),
    });
  });
}

function report(ctx: CheckContext, doc: YamlDocument & { apiVersion: string; kind: string }, verdict: Exclude<ApiVerdict, { status: 'unknown' }>, clusters: string[]): void {
  const { note, fix } = fixParts(verdict.replacement ? migrationFor(ctx, { kind: 'apiVersion', family: verdict.family, doc, to: verdict.replacement }) : { refused: '' });
  const use = verdict.replacement ? `: use ${verdict.replacement}` : '';
  ctx.report({
    message: `${doc.apiVersion} ${doc.kind} ${verdict.detail}${targetNote(ctx, verdict.target, clusters)}${use}; ${note}`,
    // No option names the release of a companion a cluster runs (bjw-s pins external-secrets 0.10, which serves
    // v1beta1): its removals are warnings; Flux and Kubernetes ones are errors for the target that removed them.
    severity: verdict.status === 'removed' && verdict.target !== undefined ? 'error' : 'warning',
    location: ctx.locate(doc, ['apiVersion'], 'value'),
    object: objectRef(doc),
    ...(fix ? { fix } : {}),
  });
}

/**
 * Built-in kinds by group across the bundled Kubernetes minors: "<group>/<Kind>" -> minor -> apiVersions serving it.
 * CRD groups never appear: only what Kubernetes itself serves.
 */
function builtinIndex(store: SchemaStore): Map<string, Map<string, string[]>> {
  const index = new Map<string, Map<string, string[]>>();
  for (const minor of store.kubernetesVersions()) {
    for (const key of store.builtinKinds(minor)) {
      const kind = key.slice(key.lastIndexOf('/') + 1);
      const apiVersion = key.slice(0, key.lastIndexOf('/'));
      const groupKind = `${groupOf(apiVersion)}/${kind}`;
      let byMinor = index.get(groupKind);
      if (!byMinor) index.set(groupKind, (byMinor = new Map()));
      byMinor.set(minor, [...(byMinor.get(minor) ?? []), apiVersion]);
    }
  }
  return index;
}

const builtinIndexOf = ({ services }: { services: CheckContext['services'] }) => builtinIndex(services.schemas().store);

/** Kubernetes' version priority: GA above beta above alpha, then by number ("v1" > "v2beta1" > "v1beta2" > "v1alpha1"). */
function versionPriority(apiVersion: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(parseApiVersion(apiVersion).version);
  if (!m) return -1;
  const level = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return level * 1_000_000 + Number(m[1]) * 1000 + Number(m[3] ?? 0);
}

export interface UnservedBuiltin {
  detail: string;
  /** apiVersions of the kind the target serves. */
  served: string[];
  /** No bundled minor serves it and it ranks above every version they serve: a newer Kubernetes may (a warning). */
  newer: boolean;
}

/**
 * A built-in kind at a version the target Kubernetes does not serve and the table does not list, judged only when the
 * target minor is bundled (its schemas say what it serves). Undefined when served, or not a built-in kind.
 */
export function unservedBuiltin(ctx: CheckContext, apiVersion: string, kind: string, kubernetes: Target): UnservedBuiltin | undefined {
  const byMinor = ctx.services.shared(builtinIndexOf).get(`${groupOf(apiVersion)}/${kind}`);
  const minor = `${kubernetes.release[0]}.${kubernetes.release[1]}`;
  const store = ctx.services.schemas().store;
  const bundled = store.kubernetesVersions();
  if (!byMinor || !bundled.includes(minor)) return undefined;
  const served = byMinor.get(minor) ?? [];
  if (served.includes(apiVersion)) return undefined;
  const others = [...byMinor].filter(([, versions]) => versions.includes(apiVersion)).map(([m]) => m);
  if (others.length > 0) return { detail: `is not served by Kubernetes ${minor} (Kubernetes ${others.join(', ')} serve${others.length === 1 ? 's' : ''} it)`, served, newer: false };
  const newer = [...byMinor.values()].flat().every((v) => versionPriority(v) < versionPriority(apiVersion));
  const range = `${bundled[0]} to ${bundled.at(-1)}`;
  const detail = newer ? `is newer than every version Kubernetes ${range} serves` : `is not served by any Kubernetes release from ${range}`;
  return { detail, served, newer };
}

function apiVersionUnknown(ctx: CheckContext): void {
  for (const doc of objectDocuments(ctx)) {
    for (const { targets, clusters } of documentTargets(ctx, doc)) {
      const verdict = judgeApiVersion(doc.apiVersion, doc.kind, targets);
      if (verdict?.status === 'unknown') {
        const serves = verdict.served.length > 0 ? `; ${verdict.target} serves ${verdict.served.join(', ')}` : `; ${verdict.target} serves no version of it`;
        ctx.report({ message: `${doc.apiVersion} ${doc.kind} ${verdict.detail}${targetNote(ctx, verdict.target, clusters)}${serves}`, location: ctx.locate(doc, ['apiVersion'], 'value'), object: objectRef(doc) });
        continue;
      }
      if (verdict) continue;
      const builtin = unservedBuiltin(ctx, doc.apiVersion, doc.kind, targets.kubernetes);
      if (!builtin) continue;
      const serves = builtin.served.length > 0 ? `; ${targets.kubernetes.label} serves ${builtin.served.join(', ')}` : '';
      const newer = builtin.newer ? ' (if the cluster runs a newer Kubernetes, say so with --kubernetes-version)' : '';
      ctx.report({
        message: `${doc.apiVersion} ${doc.kind} ${builtin.detail}${targetNote(ctx, targets.kubernetes.label, clusters)}${serves}${newer}`,
        ...(builtin.newer ? { severity: 'warning' as const } : {}),
        location: ctx.locate(doc, ['apiVersion'], 'value'),
        object: objectRef(doc),
      });
    }
  }
}

/**
 * True when api-deprecated or api-version-unknown speak for apiVersion/kind wherever it lacks a schema: a row of the
 * deprecation table, any version of a Flux kind (the table knows them all), or a Kubernetes built-in kind (the bundled
 * minors know its versions). schema-missing stays quiet about those: committing a CRD is not the fix.
 */
export function deprecationRulesCover(ctx: CheckContext, apiVersion: string, kind: string): boolean {
  return tableCovers(apiVersion, kind) || ctx.services.shared(builtinIndexOf).has(`${groupOf(apiVersion)}/${kind}`);
}

export const apiChecks: Record<string, Check> = {
  'api-deprecated': { run: apiDeprecated },
  'api-version-unknown': { run: apiVersionUnknown },
};

