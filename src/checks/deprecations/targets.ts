/**
 * The releases each document is judged against: the Flux and Kubernetes versions of every cluster that applies it
 * (config `clusters.<name>` over the run's `fluxVersion`/`kubernetesVersion`), or the run's own when no cluster does.
 * Clusters sharing a target are judged once, so an object several clusters apply gets one finding per distinct target.
 */
import type { YamlDocument } from '../../load/types.js';
import type { Targets } from '../../k8s/deprecations/api-versions.js';
import { fluxTarget, kubernetesTarget, type Target } from '../../k8s/deprecations/releases.js';
import type { CheckContext, RunData } from '../types.js';

export interface DocumentTarget {
  targets: Targets;
  /** The clusters judged with these targets (sorted); empty when no cluster applies the document. */
  clusters: string[];
}

interface RunTargets {
  run: Targets;
  byCluster: Map<string, Targets>;
  /** True when the config gives some cluster its own versions: messages then name the target's clusters. */
  perCluster: boolean;
}

/** Config versions were validated when the config was read: a problem here would be a bug, so the default applies. */
function flux(text: string | undefined): Target {
  const t = fluxTarget(text);
  return 'problem' in t ? (fluxTarget(undefined) as Target) : t;
}

const runTargetsOf = ({ graph, services }: RunData): RunTargets => {
  const config = services.versionTargets();
  const newest = () => services.schemas().kubernetesVersion;
  const kube = (text: string | undefined) => kubernetesTarget(text, newest);
  const run: Targets = { flux: flux(config.fluxVersion), kubernetes: kube(config.kubernetesVersion) };
  const byCluster = new Map<string, Targets>();
  for (const c of graph.clusters) {
    const own = config.clusters?.[c.name];
    byCluster.set(c.name, {
      flux: own?.fluxVersion === undefined ? run.flux : flux(own.fluxVersion),
      kubernetes: own?.kubernetesVersion === undefined ? run.kubernetes : kube(own.kubernetesVersion),
    });
  }
  return { run, byCluster, perCluster: Object.keys(config.clusters ?? {}).length > 0 };
};

/** The run's targets, and whether clusters have their own. */
export function runTargets(ctx: CheckContext): RunTargets {
  return ctx.services.shared(runTargetsOf);
}

/** The distinct targets `doc` is judged against, each with the clusters that have it. */
export function documentTargets(ctx: CheckContext, doc: YamlDocument): DocumentTarget[] {
  const { run, byCluster } = runTargets(ctx);
  const clusters = [...new Set((ctx.graph.appliedByDocument.get(doc) ?? []).map((o) => o.cluster))].sort();
  if (clusters.length === 0) return [{ targets: run, clusters: [] }];
  const groups = new Map<string, DocumentTarget>();
  for (const name of clusters) {
    const targets = byCluster.get(name) ?? run;
    const key = `${targets.flux.label}\u0000${targets.kubernetes.label}`;
    const group = groups.get(key);
    if (group) group.clusters.push(name);
    else groups.set(key, { targets, clusters: [name] });
  }
  return [...groups.values()];
}

/** " (target Flux 2.8)", naming the clusters when the config gives clusters their own versions. */
export function targetNote(ctx: CheckContext, label: string | undefined, clusters: string[]): string {
  if (label === undefined) return '';
  const named = runTargets(ctx).perCluster && clusters.length > 0;
  return named ? ` (target ${label} on ${clusters.length === 1 ? 'cluster' : 'clusters'} ${clusters.join(', ')})` : ` (target ${label})`;
}

/**
 * Whether the deprecation rules judge `doc`: with real cluster roots, only what a cluster applies and the patches
 * builds use (an archived app in `.archive/` is deployed nowhere); without them, everything, as written.
 */
function judged(ctx: CheckContext, doc: YamlDocument): boolean {
  return ctx.graph.mode !== 'roots' || ctx.graph.reached.has(doc) || ctx.graph.patchDocs.has(doc);
}

/**
 * Documents that name an object and that a cluster gets (see `judged`): Kubernetes objects, patches (they must move
 * with their object: kustomize matches a patch by apiVersion) and SOPS-encrypted objects. A `$patch: delete` patch
 * removes its object from a build: no cluster gets it, so its apiVersion does not matter.
 */
export function* objectDocuments(ctx: CheckContext): Generator<YamlDocument & { apiVersion: string; kind: string }> {
  for (const file of ctx.repo.files) {
    for (const doc of file.documents) {
      if ((doc.value as Record<string, unknown> | null)?.['$patch'] === 'delete' || !judged(ctx, doc)) continue;
      if ((doc.class === 'k8s' || doc.class === 'sops') && typeof doc.apiVersion === 'string' && typeof doc.kind === 'string') {
        yield doc as YamlDocument & { apiVersion: string; kind: string };
      }
    }
  }
}
