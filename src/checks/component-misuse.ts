/**
 * kustomize-component-misuse: a `kind: Component` directory listed under `resources`/`bases`, or a plain
 * kustomization (kind Kustomization, or no kind) listed under `components`. kustomize refuses both (checked with
 * `kubectl kustomize`, kustomize v5.5): "expected kind != 'Component' for path ..." and "expected kind 'Component' for
 * path ... but got 'Kustomization'".
 */
import type { CheckContext } from './types.js';
import type { KustomizeFile, PathRef } from '../graph/types.js';

/** The kustomization file `ref` builds when its kind is the wrong one for the field it is listed under. */
function misplaced(ref: PathRef, byDir: ReadonlyMap<string, KustomizeFile>): KustomizeFile | undefined {
  if (ref.status !== 'dir' || ref.path === undefined) return undefined;
  const target = byDir.get(ref.path);
  if (!target) return undefined;
  if ((ref.field === 'resources' || ref.field === 'bases') && target.kind === 'Component') return target;
  if (ref.field === 'components' && target.kind === 'Kustomization') return target;
  return undefined;
}

export function kustomizeComponentMisuse(ctx: CheckContext): void {
  for (const k of ctx.graph.kustomizeFiles) {
    for (const ref of k.refs) {
      const target = misplaced(ref, ctx.graph.kustomizeByDir);
      if (!target) continue;
      const entry = `${ref.field} entry "${ref.raw}"`;
      const message =
        target.kind === 'Component'
          ? `${entry} is a kustomize Component (${target.path} has kind: Component); list it under components: ` +
            `kustomize fails with "expected kind != 'Component'"`
          : `${entry} is a plain kustomization, not a Component (${target.path} has kind: Kustomization); list it under ` +
            `resources, or make it kind: Component: kustomize fails with "expected kind 'Component' ... but got 'Kustomization'"`;
      ctx.report({ location: ctx.locate(ref.at.doc, ref.at.path, 'value'), message });
    }
  }
}
