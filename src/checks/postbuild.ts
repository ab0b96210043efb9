/** Flux post-build substitution rules. Registered by check name (rules/*.yaml `check:`). */
import { substituteValue } from '../graph/postbuild.js';
import type { FluxKustomization } from '../graph/types.js';
import { objectRef } from '../k8s/object-ref.js';
import type { PathSegment } from '../load/types.js';
import type { Check, CheckContext } from './types.js';

const quote = (s: string) => `"${s}"`;

/** `"apps" (cluster "prod")`, `"apps" (clusters "dev", "prod")`, several Kustomizations joined with commas. */
function describeKustomizations(list: FluxKustomization[]): string {
  const clustersByName = new Map<string, Set<string>>();
  for (const k of list) {
    const clusters = clustersByName.get(k.name) ?? new Set<string>();
    if (k.cluster !== undefined) clusters.add(k.cluster);
    clustersByName.set(k.name, clusters);
  }
  const parts = [...clustersByName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, clusters]) => {
    const names = [...clusters].sort().map(quote);
    if (names.length === 0) return quote(name);
    return `${quote(name)} (${names.length === 1 ? 'cluster' : 'clusters'} ${names.join(', ')})`;
  });
  return `${parts.length === 1 ? 'Kustomization' : 'Kustomizations'} ${parts.join(', ')}`;
}

/**
 * `${var}` without default that no variable source of the applying Flux Kustomization defines: Flux substitutes ''.
 * Skipped when a substituteFrom object is not in the repo (the variable may come from the cluster).
 */
function postbuildVariableUndefined(ctx: CheckContext): void {
  for (const [doc, entries] of ctx.services.substitutions().byDocument()) {
    const missing = new Map<string, { name: string; path: PathSegment[]; by: FluxKustomization[] }>();
    for (const { kustomization, vars } of entries) {
      if (vars.incomplete) continue;
      for (const use of substituteValue(doc.value, vars).uses) {
        if (use.defined || use.hasDefault) continue;
        const key = JSON.stringify([use.path, use.name]);
        const found = missing.get(key) ?? { name: use.name, path: use.path, by: [] };
        if (!found.by.includes(kustomization)) found.by.push(kustomization);
        missing.set(key, found);
      }
    }
    for (const { name, path, by } of missing.values()) {
      ctx.report({
        message:
          `variable \${${name}} is not defined in spec.postBuild of ${describeKustomizations(by)}: ` +
          `Flux replaces it with an empty string; define it in substitute or substituteFrom, or give a default \${${name}:=...}`,
        location: ctx.locate(doc, path, 'value'),
        object: objectRef(doc),
      });
    }
  }
}

export const postbuildChecks: Record<string, Check> = {
  'postbuild-variable-undefined': { run: postbuildVariableUndefined },
};
