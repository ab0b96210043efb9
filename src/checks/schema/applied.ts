/**
 * What the schema and CEL rules judge for an object: the value each cluster gets, not the file.
 *
 * - With clusters, only documents some cluster applies are judged (an archived app, a patch file shipped for others,
 *   a test fixture are not), each as every applying Flux Kustomization leaves it: patched by the builds it went
 *   through (a parent's spec.patches, kustomization patches), then post-build substituted.
 * - A string still holding `${...}` after substitution is judged for structure only: its final value is unknown.
 * - A kind whose CustomResourceDefinition the cluster applies is validated with that CRD as the cluster has it
 *   (patched), never with another cluster's; flux-operator clusters accept the operator's kinds as Alert and Receiver
 *   sources, as the CRDs the operator installs do.
 * - Without any cluster (plain kustomize or plain manifests), every document is judged as written.
 */
import type { Cluster } from '../../graph/types.js';
import { CRD_API_VERSION, crdVersionKeys } from '../../k8s/identity.js';
import { isFluxInstance } from '../../k8s/flux.js';
import { nodeAt } from '../../load/locate.js';
import type { PathSegment } from '../../load/types.js';
import type { SchemaError } from '../../schema/messages.js';
import type { SourceDocument } from '../../schema/resolver.js';
import type { CheckContext, RunData } from '../types.js';
import { substitutedVariants } from './substituted.js';
import type { ObjectTarget } from './targets.js';

export interface AppliedVariant {
  value: unknown;
  /** The value before substitution, when a build's patches changed it (errors a patch brings are the patch's). */
  patched?: unknown;
  /** Strings holding `${...}` are not judged. */
  skipVariables: boolean;
  /** The cluster that gets this value (undefined without clusters). */
  cluster?: Cluster;
  /** Paths substituted with a variable from a Secret: their values must never be printed. */
  secretPaths?: PathSegment[][];
}

interface AppliedIndex {
  clusters: Map<string, Cluster>;
  /** Per cluster: "<apiVersion>/<Kind>" -> the CRD (as applied there) serving it. */
  crds: Map<string, Map<string, SourceDocument>>;
  /** Clusters whose Flux flux-operator installs. */
  operator: Set<string>;
}

const indexOf = ({ graph }: RunData): AppliedIndex => {
  const crds = new Map<string, Map<string, SourceDocument>>();
  const operator = new Set<string>();
  for (const c of graph.clusters) {
    const served = new Map<string, SourceDocument>();
    crds.set(c.name, served);
    if (c.origin === 'instance') operator.add(c.name);
    for (const o of c.objects) {
      if (isFluxInstance(o.doc)) operator.add(c.name);
      if (o.id.kind !== 'CustomResourceDefinition' || o.id.apiVersion !== CRD_API_VERSION) continue;
      for (const key of crdVersionKeys(o.value)) {
        if (!served.has(key)) served.set(key, { apiVersion: o.id.apiVersion, kind: o.id.kind, value: o.value, file: o.doc.file });
      }
    }
  }
  return { clusters: new Map(graph.clusters.map((c) => [c.name, c])), crds, operator };
};

export function appliedIndex(ctx: CheckContext): AppliedIndex {
  return ctx.services.shared(indexOf);
}

/** The values to judge for a target (see the module comment); empty when no cluster applies it but clusters exist. */
export function appliedVariants(t: ObjectTarget, ctx: CheckContext): AppliedVariant[] {
  if (!t.whole) return [{ value: t.value, skipVariables: true }]; // a patch: collected only where it is used
  const applied = t.base.length === 0 ? ctx.graph.appliedByDocument.get(t.doc) : undefined;
  if (!applied) {
    if (ctx.graph.clusters.length > 0 && !ctx.graph.reached.has(t.doc)) return [];
    return [{ value: t.value, skipVariables: true }];
  }
  const substitutions = ctx.services.substitutions();
  const out: AppliedVariant[] = [];
  const seen = new Set<string>();
  const values = new Map<unknown, number>();
  for (const o of applied) {
    const vars = substitutions.variablesFor(o.by);
    let valueId = values.get(o.value);
    if (valueId === undefined) values.set(o.value, (valueId = values.size));
    const key = `${o.cluster} ${valueId} ${vars ? o.by.name + '/' + o.by.namespace : '-'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = t.encrypted ? withoutSops(o.value) : o.value;
    const cluster = appliedIndex(ctx).clusters.get(o.cluster);
    // Without postBuild Flux substitutes nothing: a `${...}` string is applied as written and judged as such.
    for (const v of substitutedVariants(value, () => nodeAt(t.doc.root, t.base), vars ? [{ vars }] : undefined, true)) {
      const secret = v.secretPaths.length > 0 ? { secretPaths: v.secretPaths } : {};
      out.push({ value: v.value, skipVariables: vars !== undefined, ...(o.patchedBy ? { patched: value } : {}), ...(cluster ? { cluster } : {}), ...secret });
    }
  }
  return out;
}

function withoutSops(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { sops: _sops, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** Drops errors at values a build's patch wrote: the patch is validated (and reported) where it is written. */
export function notFromPatches(variant: AppliedVariant, t: ObjectTarget, errors: SchemaError[]): SchemaError[] {
  if (variant.patched === undefined) return errors;
  return errors.filter((e) => JSON.stringify(valueAt(variant.patched, e.path)) === JSON.stringify(valueAt(t.value, e.path)));
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const seg of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** The CRD the variant's cluster applies for apiVersion/kind, if any. */
export function clusterCrd(ctx: CheckContext, variant: AppliedVariant, apiVersion: string, kind: string): SourceDocument | undefined {
  return variant.cluster ? appliedIndex(ctx).crds.get(variant.cluster.name)?.get(`${apiVersion}/${kind}`) : undefined;
}

/** The kinds flux-operator adds to the Alert eventSources and Receiver resources enums of the CRDs it installs. */
const OPERATOR_EVENT_KINDS = new Set(['FluxInstance', 'ResourceSet', 'ResourceSetInputProvider']);

/**
 * Drops errors the cluster's own CRDs would not give: on a flux-operator cluster, an operator kind as an Alert event
 * source or Receiver resource (flux-operator patches those enums when it installs Flux).
 */
export function acceptedOnCluster(ctx: CheckContext, variant: AppliedVariant, t: ObjectTarget, errors: SchemaError[]): SchemaError[] {
  if (!variant.cluster || !appliedIndex(ctx).operator.has(variant.cluster.name)) return errors;
  if (!t.apiVersion.startsWith('notification.toolkit.fluxcd.io/') || (t.kind !== 'Alert' && t.kind !== 'Receiver')) return errors;
  const list = t.kind === 'Alert' ? 'eventSources' : 'resources';
  return errors.filter((e) => {
    const [spec, field, index, leaf] = e.path;
    if (e.keyword !== 'enum' || spec !== 'spec' || field !== list || leaf !== 'kind' || e.path.length !== 4) return true;
    const items = (variant.value as { spec?: Record<string, unknown> }).spec?.[list];
    const kind = Array.isArray(items) && typeof index === 'number' ? (items[index] as { kind?: unknown } | undefined)?.kind : undefined;
    return !(typeof kind === 'string' && OPERATOR_EVENT_KINDS.has(kind));
  });
}
