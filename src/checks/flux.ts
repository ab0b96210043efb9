/** Flux rules: Kustomization paths, dependsOn, sources, prune. Registered by check name (rules/*.yaml `check:`). */
import type { Check, CheckContext } from './types.js';
import type { FluxKustomization } from '../graph/types.js';
import { objectRef } from '../k8s/object-ref.js';
import type { YamlDocument } from '../load/types.js';
import { fluxDependsOnCycle, fluxDependsOnMissing } from './depends.js';
import { dependsOnRequiredParams, fluxDependsOnRequired } from './depends-required.js';
import { fluxSourceMissing, helmReleaseSourceMissing } from './sources.js';
import { isTemplated } from './flux-lookup.js';
import { closestName } from '../util/suggest.js';

/**
 * The Flux Kustomizations clusters apply, grouped by document: one document can be applied by several clusters, each
 * with its own value (patched by its parents, substituted). A Kustomization no cluster applies (an archived app)
 * reconciles nowhere and gets none of these findings.
 */
function appliedByDoc(ctx: CheckContext): Map<YamlDocument, FluxKustomization[]> {
  const byDoc = new Map<YamlDocument, FluxKustomization[]>();
  for (const k of ctx.graph.fluxKustomizations) {
    if (k.cluster === undefined) continue;
    const list = byDoc.get(k.doc);
    if (list) list.push(k);
    else byDoc.set(k.doc, [k]);
  }
  return byDoc;
}

function fluxPathMissing(ctx: CheckContext): void {
  const seen = new Set<string>();
  for (const k of [...appliedByDoc(ctx).values()].flat()) {
    const ref = k.path;
    if (!k.sourceIsThisRepo || !ref || ref.status !== 'missing' || ref.path === undefined || isTemplated(ref.raw)) continue;
    const key = `${k.doc.file}#${k.doc.index} ${ref.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const slash = ref.path.lastIndexOf('/');
    const parent = ref.path.slice(0, Math.max(slash, 0));
    const siblings = ctx.repo.allDirs.filter((d) => d !== '' && d.slice(0, Math.max(d.lastIndexOf('/'), 0)) === parent);
    const close = closestName(
      ref.path.slice(slash + 1),
      siblings.map((d) => d.slice(d.lastIndexOf('/') + 1)),
    );
    ctx.report({
      message:
        `Kustomization "${k.name}" spec.path "${ref.raw}" does not exist in the repository (resolved to "${ref.path}")` +
        (close ? `; did you mean "./${parent ? `${parent}/` : ''}${close}"?` : '; fix the path or add the directory'),
      location: ctx.locate(ref.at.doc, ref.at.path, 'value'),
      object: kustomizationRef(k),
    });
  }
}

function kustomizationRef(k: FluxKustomization) {
  return objectRef({ apiVersion: k.doc.apiVersion, kind: 'Kustomization', namespace: k.namespace, name: k.name });
}

function fluxKustomizationPrune(ctx: CheckContext): void {
  for (const instances of appliedByDoc(ctx).values()) {
    // The value each cluster gets: a parent's spec.patches often sets prune for every child.
    const k = instances.find((i) => i.prune === false) ?? instances.find((i) => i.prune === undefined);
    if (!k) continue;
    const object = kustomizationRef(k);
    if (k.prune === false) {
      // No fix on purpose: `prune: false` is often deliberate (CRDs, whose deletion deletes every custom resource;
      // stateful infrastructure), and turning it on makes Flux delete objects. --fix only makes edits that keep what
      // the cluster does.
      ctx.report({
        message: `Kustomization "${k.name}" sets prune: false: objects removed from Git stay on the cluster; set prune: true`,
        location: ctx.locate(k.doc, ['spec', 'prune'], 'value'),
        object,
      });
    } else {
      ctx.report({
        message:
          `Kustomization "${k.name}" does not set spec.prune (default false): ` +
          'objects removed from Git stay on the cluster; add prune: true',
        location: ctx.locate(k.doc, ['spec']),
        object,
      });
    }
  }
}

export const fluxChecks: Record<string, Check> = {
  'flux-path-missing': { run: fluxPathMissing },
  'flux-dependson-missing': { run: fluxDependsOnMissing },
  'flux-dependson-cycle': { run: fluxDependsOnCycle },
  'flux-source-missing': { run: fluxSourceMissing },
  'helmrelease-source-missing': { run: helmReleaseSourceMissing },
  'flux-kustomization-prune': { run: fluxKustomizationPrune },
  'flux-dependson-required': { run: fluxDependsOnRequired, params: dependsOnRequiredParams },
};
