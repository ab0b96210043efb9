/**
 * kustomize-generated-file: a resource or patch file a kustomization lists that is not in the repository, but that a
 * .gitignore on its path ignores: a file git never commits, made by a build step (a CI job rendering CRDs, a
 * generator script) before kustomize runs. Not an error like a missing file: it is reported once, as information, so
 * the reader knows that part of the build is not checked. kustomize-missing-file leaves these to this rule.
 */
import type { CheckContext } from './types.js';
import type { PathRef, RefField } from '../graph/types.js';
import type { LoadedRepo } from '../load/types.js';

/** Fields whose entries are manifests or patches (the files a build step can generate for kustomize). */
const GENERATED_FIELDS: ReadonlySet<RefField> = new Set<RefField>(['resources', 'bases', 'patches', 'patchesStrategicMerge', 'patchesJson6902']);

/** A missing resource or patch entry that .gitignore ignores (as a file, or as a directory for resources). */
export function isGeneratedRef(repo: LoadedRepo, ref: PathRef): boolean {
  if (ref.status !== 'missing' || ref.path === undefined || !GENERATED_FIELDS.has(ref.field)) return false;
  return repo.gitIgnored(ref.path) || repo.gitIgnored(`${ref.path}/`);
}

export function kustomizeGeneratedFile(ctx: CheckContext): void {
  for (const k of ctx.graph.kustomizeFiles) {
    for (const ref of k.refs) {
      if (!isGeneratedRef(ctx.repo, ref)) continue;
      ctx.report({
        location: ctx.locate(ref.at.doc, ref.at.path, 'value'),
        message:
          `${ref.field} entry "${ref.raw}" is not in the repository and .gitignore ignores it (resolved to "${ref.path}"): ` +
          'it is generated at build time, so what it holds is not checked; the build fails wherever it is not generated first',
      });
    }
  }
}
