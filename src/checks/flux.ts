/** Flux rules: Kustomization paths, dependsOn, sources, prune. Registered by check name (rules/*.yaml `check:`). */
import type { Check, CheckContext } from './types.js';
import type { FluxKustomization } from '../graph/types.js';
import { objectRef } from '../k8s/object-ref.js';
import { nodeAt } from '../load/locate.js';
import type { YamlDocument } from '../load/types.js';
import { fluxDependsOnCycle, fluxDependsOnMissing } from './depends.js';
import { fluxDependsOnRequired } from './depends-required.js';
import { fluxSourceMissing, helmReleaseSourceMissing } from './sources.js';
import { isTemplated } from './flux-lookup.js';
import { closestName } from '../util/suggest.js';

/** One instance per document: the graph has one per cluster, these rules are about what is written. */
function kustomizationDocs(ctx: CheckContext): FluxKustomization[] {
  const byDoc = new Map<YamlDocument, FluxKustomization>();
  for (const k of ctx.graph.fluxKustomizations) if (!byDoc.has(k.doc)) byDoc.set(k.doc, k);
  return [...byDoc.values()];
}

function fluxPathMissing(ctx: CheckContext): void {
  for (const k of kustomizationDocs(ctx)) {
    // A Kustomization no cluster applies (kept in `.archive/`, say) reconciles nowhere: its path cannot break anything.
    if (k.cluster === undefined) continue;
    const ref = k.path;
    if (!k.sourceIsThisRepo || !ref || ref.status !== 'missing' || ref.path === undefined || isTemplated(ref.raw)) continue;
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
  for (const k of kustomizationDocs(ctx)) {
    if (k.prune === true) continue;
    const object = kustomizationRef(k);
    if (k.prune === false) {
      const scalar = nodeAt(k.doc.root, ['spec', 'prune']);
      ctx.report({
        message: `Kustomization "${k.name}" sets prune: false: objects removed from Git stay on the cluster; set prune: true`,
        location: ctx.locate(k.doc, ['spec', 'prune'], 'value'),
        object,
        ...(scalar?.kind === 'scalar' ? { fix: { range: [scalar.start, scalar.end] as [number, number], text: 'true' } } : {}),
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
  'flux-dependson-required': { run: fluxDependsOnRequired },
};
