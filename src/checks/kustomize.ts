/** Checks on kustomization files and the paths they (and Flux Kustomizations) reference. */
import type { Check, CheckContext } from './types.js';
import { specOf } from '../graph/flux.js';
import { BUILD_FIELDS } from '../graph/kustomize.js';
import type { KustomizeFile, PathRef, RepoGraph } from '../graph/types.js';
import { isFluxKustomization } from '../k8s/flux.js';
import { objectRef } from '../k8s/object-ref.js';
import { resolveRepoPath } from '../load/index.js';
import type { LoadedRepo, YamlDocument } from '../load/types.js';
import { closestName } from '../util/suggest.js';
import { isGeneratedRef } from './generated-file.js';

const FILE_FIELDS = new Set<PathRef['field']>([
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'configMapGenerator',
  'secretGenerator',
  'helmCharts',
  'crds',
  'generators',
  'transformers',
  'replacements',
  'configurations',
  'openapi',
]);

const parentOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** A sibling of `path` with a close name, as the reference would have to be written (same prefix as `raw`). */
function suggestion(repo: LoadedRepo, path: string, raw: string): string | undefined {
  const parent = parentOf(path);
  if (!repo.dirSet.has(parent)) return undefined;
  const siblings = [...repo.allFiles, ...repo.allDirs].filter((p) => p !== '' && parentOf(p) === parent).map(baseOf);
  const best = closestName(baseOf(path), siblings);
  if (!best) return undefined;
  const trimmed = raw.replace(/\/+$/, '');
  return `${trimmed.slice(0, trimmed.length - baseOf(trimmed).length)}${best}`;
}

/**
 * The kustomization files whose references matter: with real roots, those some cluster builds (an archived app's
 * broken reference breaks nothing); without them, every one (a plain kustomize repo is built from anywhere).
 */
export function checkedKustomizeFiles(graph: RepoGraph): KustomizeFile[] {
  return graph.mode === 'roots' ? graph.kustomizeFiles.filter((k) => graph.builtKustomizeFiles.has(k)) : graph.kustomizeFiles;
}

/**
 * For a missing `x.enc.yaml` / `x.sops.yaml` (SOPS's naming convention) whose plaintext `x.yaml` is in the repo: the
 * plaintext path. Suggesting it as a typo fix would tell the user to apply an unencrypted secret.
 */
function unencryptedTwin(repo: LoadedRepo, path: string): string | undefined {
  const m = /^(.*)\.(?:enc|sops)\.(ya?ml|json)$/.exec(path);
  const plain = m ? `${m[1]}.${m[2]}` : undefined;
  return plain && repo.fileSet.has(plain) ? plain : undefined;
}

function kustomizeMissingFile(ctx: CheckContext): void {
  for (const k of checkedKustomizeFiles(ctx.graph)) {
    for (const ref of k.refs) {
      const location = ctx.locate(ref.at.doc, ref.at.path, 'value');
      const what = `${ref.field} entry "${ref.raw}"`;
      if (ref.status === 'missing') {
        if (isGeneratedRef(ctx.repo, ref)) continue; // kustomize-generated-file
        const plain = unencryptedTwin(ctx.repo, ref.path!);
        const hint = plain ? undefined : suggestion(ctx.repo, ref.path!, ref.raw);
        const advice = plain
          ? `; it is the SOPS-encrypted form of ${plain}: create it with \`sops --encrypt ${plain} > ${ref.path}\`, and keep the plaintext out of Git`
          : hint
            ? `; did you mean "${hint}"?`
            : '';
        ctx.report({ location, message: `${what} does not exist (resolved to "${ref.path}")${advice}` });
      } else if (ref.status === 'dir' && BUILD_FIELDS.has(ref.field) && !ctx.graph.kustomizeByDir.has(ref.path!)) {
        ctx.report({ location, message: `${what} is a directory without a kustomization.yaml (resolved to "${ref.path || '.'}"); kustomize cannot build it` });
      } else if (ref.status === 'dir' && FILE_FIELDS.has(ref.field)) {
        ctx.report({ location, message: `${what} is a directory, not a file (resolved to "${ref.path || '.'}")` });
      }
    }
  }
}

function kustomizeCycle(ctx: CheckContext): void {
  for (const cycle of ctx.graph.kustomizeCycles) {
    ctx.report({
      location: ctx.locate(cycle.ref.at.doc, cycle.ref.at.path, 'value'),
      message: `kustomization cycle: ${cycle.files.join(' -> ')}`,
    });
  }
}

function outsideMessage(subject: string, status: string): string {
  return status === 'absolute'
    ? `${subject} is an absolute path; references must be relative and inside the repository, so it is never read`
    : `${subject} climbs above the repository root; it is never read`;
}

function pathOutsideRepo(ctx: CheckContext): void {
  for (const k of checkedKustomizeFiles(ctx.graph)) {
    for (const ref of k.refs) {
      if (ref.status !== 'outside-repo' && ref.status !== 'absolute') continue;
      ctx.report({ location: ctx.locate(ref.at.doc, ref.at.path, 'value'), message: outsideMessage(`${ref.field} entry "${ref.raw}"`, ref.status) });
    }
  }
  const seen = new Set<YamlDocument>();
  for (const k of ctx.graph.fluxKustomizations) {
    if (k.synthetic || seen.has(k.doc) || !isFluxKustomization(k.doc)) continue;
    if (ctx.graph.mode === 'roots' && k.cluster === undefined) continue; // no cluster applies it
    seen.add(k.doc);
    const raw = specOf(k.doc).path;
    if (typeof raw !== 'string') continue;
    const resolved = resolveRepoPath('', raw);
    if (resolved.status === 'inside') continue;
    ctx.report({
      location: ctx.locate(k.doc, ['spec', 'path'], 'value'),
      message: outsideMessage(`Kustomization "${k.name}" spec.path "${raw}"`, resolved.status),
      object: objectRef({ apiVersion: k.doc.apiVersion, kind: k.doc.kind, namespace: k.namespace, name: k.name }),
    });
  }
}

export const kustomizeChecks: Record<string, Check> = {
  'kustomize-missing-file': { run: kustomizeMissingFile },
  'kustomize-cycle': { run: kustomizeCycle },
  'path-outside-repo': { run: pathOutsideRepo },
};
