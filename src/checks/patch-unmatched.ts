/**
 * kustomize-patch-unmatched: a strategic-merge patch without `target` (a kustomization's `patches` entry without
 * target, `patchesStrategicMerge`, a Flux Kustomization's `spec.patches` entry without target) that matches no object
 * of its build. kustomize then fails the whole build: "no matches for Id ...; failed to find unique target for patch".
 * It matches on group, version, kind, name and namespace (checked with `kubectl kustomize`), so a `v2beta1` patch
 * over a `v2` HelmRelease matches nothing. A patch with a target that selects nothing is not an error for kustomize.
 *
 * Only builds some cluster builds are judged (a Flux Kustomization nothing applies is never built), or every
 * kustomization when the repo has no real root (a plain kustomize repo, or one whose roots are guesses). A build with
 * inputs the graph does not see (remote bases, Helm charts, generated ConfigMaps and Secrets...) is not judged.
 */
import type { CheckContext } from './types.js';
import type { KustomizeFile, RepoGraph, UnmatchedPatch } from '../graph/types.js';
import { isFluxKustomization } from '../k8s/flux.js';
import { BuildInputs } from './build-inputs.js';
import { isRecord as isObj, nonEmptyString as str } from '../util/values.js';


/** What a strategic-merge patch names: its object's identity. */
interface Named {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

function namedBy(record: UnmatchedPatch): Named | undefined {
  const body = record.patch.body;
  if (!isObj(body)) return undefined;
  const meta = isObj(body.metadata) ? body.metadata : {};
  const kind = str(body.kind);
  const name = str(meta.name);
  // Without kind or name kustomize fails for another reason; nothing to say about matching.
  if (!kind || !name) return undefined;
  return { apiVersion: str(body.apiVersion), kind, name, namespace: str(meta.namespace) };
}

/** kustomize compares namespaces with an empty one meaning `default`. */
const ns = (namespace: string | undefined): string => namespace || 'default';

/** Why the object of the same kind and name was not selected, when there is one. */
function nearHint(named: Named, record: UnmatchedPatch): string {
  const near = record.near;
  const otherVersion = near.find((n) => n.apiVersion !== (named.apiVersion ?? ''));
  if (otherVersion) {
    const where = ns(otherVersion.namespace) === ns(named.namespace) ? '' : ` in namespace "${ns(otherVersion.namespace)}"`;
    return `; the build has ${named.kind} ${named.name}${where} as ${otherVersion.apiVersion || '(no apiVersion)'}; a patch's apiVersion must match`;
  }
  const otherNamespace = near.find((n) => ns(n.namespace) !== ns(named.namespace));
  if (otherNamespace) {
    const patchNs = named.namespace ? `namespace "${named.namespace}"` : 'no namespace (meaning "default")';
    return (
      `; the build has ${named.kind} ${named.name} in namespace "${ns(otherNamespace.namespace)}" when the patch is applied, and the patch names ${patchNs}: ` +
      'the namespaces must match (a kustomization\'s namespace: is set after its patches run)'
    );
  }
  return '';
}

/** Whether `record` is the failure of a build some cluster builds (every build when the repo has no real root). */
function reportable(record: UnmatchedPatch, graph: RepoGraph, byPath: Map<string, KustomizeFile>, noRoots: boolean): boolean {
  if (noRoots) return true;
  const k = byPath.get(record.build);
  // Not a kustomization file: a Flux Kustomization's build, which only a cluster renders.
  return k ? graph.builtKustomizeFiles.has(k) : true;
}

function buildName(record: UnmatchedPatch, byPath: Map<string, KustomizeFile>): string {
  if (byPath.has(record.build)) return record.build;
  const flux = isFluxKustomization(record.at.doc) ? record.at.doc.name : undefined;
  return flux ? `Flux Kustomization "${flux}" (${record.build})` : record.build;
}

/** The directory a build starts from: the kustomization file's, or the Flux Kustomization's spec.path. */
function buildDirs(record: UnmatchedPatch, graph: RepoGraph, byPath: Map<string, KustomizeFile>): string[] {
  const k = byPath.get(record.build);
  if (k) return [k.dir];
  return graph.fluxKustomizations.filter((f) => f.doc === record.at.doc && f.path?.status === 'dir').map((f) => f.path!.path!);
}

export function kustomizePatchUnmatched(ctx: CheckContext): void {
  const { graph } = ctx;
  const noRoots = graph.mode === 'fallback' || graph.clusters.length === 0;
  const byPath = new Map(graph.kustomizeFiles.map((k) => [k.path, k]));
  const inputs = new BuildInputs(ctx.repo, graph);
  const records = noRoots ? graph.unmatchedPatchesInAnyBuild() : graph.unmatchedPatches;
  const reported = new Set<string>();
  // Failures in a kustomization file's own build first: its message names that file.
  const ordered = [...records].sort((a, b) => Number(!byPath.has(a.build)) - Number(!byPath.has(b.build)));
  for (const record of ordered) {
    const place = `${record.at.doc.file}#${record.at.doc.index}#${record.at.path.join('/')}`;
    if (reported.has(place) || !reportable(record, graph, byPath, noRoots)) continue;
    const named = namedBy(record);
    if (!named) continue;
    const dirs = buildDirs(record, graph, byPath);
    const generatedKind = named.kind === 'ConfigMap' || named.kind === 'Secret';
    const unseen = dirs.map((d) => inputs.ofDir(d));
    if (dirs.length === 0 || unseen.includes('any') || (generatedKind && unseen.includes('generated'))) continue;
    reported.add(place);
    const what = `${named.kind} ${named.name}${named.namespace ? ` in namespace "${named.namespace}"` : ''} (${named.apiVersion ?? 'no apiVersion'})`;
    ctx.report({
      location: ctx.locate(record.at.doc, record.at.path),
      message:
        `strategic-merge patch of ${what} matches no object in the build of ${buildName(record, byPath)}: ` +
        `kustomize fails with "failed to find unique target for patch"${nearHint(named, record)}`,
    });
  }
}
