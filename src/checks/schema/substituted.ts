/**
 * An object as Flux will apply it: once per Flux Kustomization with postBuild that applies it, with its variables
 * substituted. Shared by the schema and CEL rules, so both judge the value the cluster receives.
 */
import { substituteValue, type Variables } from '../../graph/postbuild.js';
import type { PathSegment, YNode } from '../../load/types.js';

export interface SubstitutedVariant {
  value: unknown;
  /**
   * `${VAR}` strings left in `value` may still get a value (a substituteFrom object not in the repo, a SOPS-encrypted
   * variable, or a Kustomization outside the repo for a document no cluster reaches): don't judge them.
   */
  skipVariables: boolean;
  /** Paths of `value` substituted with a variable from a Secret: their values must never be printed. */
  secretPaths: PathSegment[][];
}

/**
 * `substitutions`: one entry per Flux Kustomization with postBuild applying the value (undefined when none does);
 * `reached`: whether any cluster applies it. `root` gives the value's position tree (quoted scalars stay strings); it is
 * only asked for when there is something to substitute, since building a position tree is the costly part of loading.
 */
export function substitutedVariants(
  value: unknown,
  root: () => YNode | undefined,
  substitutions: { vars: Variables }[] | undefined,
  reached: boolean,
): SubstitutedVariant[] {
  if (!substitutions) return [{ value, skipVariables: !reached, secretPaths: [] }];
  const tree = root();
  return substitutions.map(({ vars }) => {
    const substituted = substituteValue(value, vars, tree);
    const secretPaths = substituted.uses.filter((use) => use.secret).map((use) => use.path);
    if (!vars.incomplete) return { value: substituted.value, skipVariables: true, secretPaths };
    // Flux gives a variable no one defines an empty value, but here it may come from an object not in the repo:
    // keep such strings as written (and unjudged) rather than report what an empty value would break.
    for (const use of substituted.uses) if (!use.defined && !use.hasDefault) restore(substituted.value, value, use.path);
    return { value: substituted.value, skipVariables: true, secretPaths };
  });
}

/** Puts the original value back at `path` (every container on that path is a copy made by substituteValue). */
function restore(into: unknown, from: unknown, path: PathSegment[]): void {
  let target = into as Record<string | number, unknown>;
  let source = from as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) {
    target = target[segment] as Record<string | number, unknown>;
    source = source[segment] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (last !== undefined && target !== source) target[last] = source[last];
}
