/**
 * The transformers of one kustomize build that change what the graph models (identity and the values of custom
 * resources), in kustomize's order (api/internal/target/kusttarget_configplugin.go, configureBuiltinTransformers):
 * patchesStrategicMerge, patches, namespace, namePrefix/nameSuffix, patchesJson6902.
 *
 * A Flux Kustomization adds to the kustomization file at its path (fluxcd/pkg kustomize/kustomize_generator.go,
 * Generator.WriteFile): `spec.targetNamespace` replaces `namespace`, `spec.patches` are appended to `patches`,
 * `spec.patchesStrategicMerge` to `patchesStrategicMerge` and `spec.patchesJson6902` to `patchesJson6902`.
 */
import type { LoadedRepo, PathSegment, YamlDocument } from '../load/types.js';
import { readTarget, toPatch, type Patch, type PatchTarget } from './patch.js';
import type { At, KustomizeFile } from './types.js';
import { isRecord as isObj, nonEmptyString as str } from '../util/values.js';

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A patch and where it is written (the entry in the kustomization file or Flux Kustomization). */
export interface PlacedPatch {
  patch: Patch;
  at: At;
}

/** One kustomize replacement: copy a field of one object into fields of others (api/filters/replacement). */
export interface Replacement {
  source: { selector: PatchTarget; fieldPath: string };
  targets: { select: PatchTarget; reject: PatchTarget[]; fieldPaths: string[]; create: boolean; delimiter?: string; index: number }[];
  at: At;
}

export interface Transforms {
  strategicMerge: PlacedPatch[];
  patches: PlacedPatch[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  json6902: PlacedPatch[];
  replacements: Replacement[];
  /** Component directories (repo paths) a Flux Kustomization adds (spec.components), after the build's own. */
  components?: string[];
}

export const NO_TRANSFORMS: Transforms = { strategicMerge: [], patches: [], json6902: [], replacements: [] };

export function isEmpty(t: Transforms): boolean {
  return (
    t.strategicMerge.length + t.patches.length + t.json6902.length + t.replacements.length + (t.components?.length ?? 0) === 0 &&
    !t.namespace &&
    !t.namePrefix &&
    !t.nameSuffix
  );
}

/** The transformers a kustomization file declares. `resolve` maps a path written in it to a repo path. */
export function kustomizeTransforms(repo: LoadedRepo, k: KustomizeFile, resolve: (raw: string) => string | undefined): Transforms {
  const value = isObj(k.doc.value) ? k.doc.value : {};
  const at = (path: PathSegment[]): At => ({ doc: k.doc, path });
  const fileValues = (raw: unknown): unknown[] => {
    const path = typeof raw === 'string' ? resolve(raw) : undefined;
    const file = path === undefined ? undefined : repo.fileMap.get(path);
    return (file?.documents ?? []).filter((d) => d.value !== null && d.value !== undefined).map((d) => d.value);
  };
  const placed = (body: unknown, target: unknown, path: PathSegment[]): PlacedPatch[] => {
    const patch = toPatch(body, target);
    return patch ? [{ patch, at: at(path) }] : [];
  };

  const strategicMerge: PlacedPatch[] = [];
  asList(value.patchesStrategicMerge).forEach((entry, i) => {
    // A string with a newline is an inline patch; otherwise a file, whose documents are patches each.
    if (typeof entry === 'string' && !entry.includes('\n')) for (const v of fileValues(entry)) strategicMerge.push(...placed(v, undefined, ['patchesStrategicMerge', i]));
    else strategicMerge.push(...placed(entry, undefined, ['patchesStrategicMerge', i]));
  });
  const patches: PlacedPatch[] = [];
  asList(value.patches).forEach((entry, i) => {
    if (!isObj(entry)) return;
    if (entry.patch !== undefined) patches.push(...placed(entry.patch, entry.target, ['patches', i]));
    else for (const v of fileValues(entry.path)) patches.push(...placed(v, entry.target, ['patches', i]));
  });
  const json6902: PlacedPatch[] = [];
  asList(value.patchesJson6902).forEach((entry, i) => {
    if (!isObj(entry)) return;
    const bodies = entry.patch !== undefined ? [entry.patch] : fileValues(entry.path);
    for (const body of bodies) json6902.push(...placed(body, entry.target, ['patchesJson6902', i]));
  });
  const replacements: Replacement[] = [];
  asList(value.replacements).forEach((entry, i) => {
    if (!isObj(entry)) return;
    const list = entry.path !== undefined ? fileValues(entry.path).flatMap((v) => (Array.isArray(v) ? v : [v])) : [entry];
    for (const r of list) {
      const replacement = readReplacement(r, at(['replacements', i]));
      if (replacement) replacements.push(replacement);
    }
  });
  return { strategicMerge, patches, namespace: k.namespace, namePrefix: k.namePrefix, nameSuffix: k.nameSuffix, json6902, replacements };
}

function readReplacement(r: unknown, at: At): Replacement | undefined {
  if (!isObj(r) || !isObj(r.source) || !Array.isArray(r.targets)) return undefined;
  const targets: Replacement['targets'] = [];
  for (const t of r.targets) {
    if (!isObj(t) || !isObj(t.select)) continue;
    const options = isObj(t.options) ? t.options : {};
    targets.push({
      select: readTarget(t.select) ?? {},
      reject: asList(t.reject).map(readTarget).filter((x): x is PatchTarget => x !== undefined),
      fieldPaths: asList(t.fieldPaths).filter((p): p is string => typeof p === 'string'),
      create: options.create === true,
      delimiter: str(options.delimiter),
      index: typeof options.index === 'number' ? options.index : 0,
    });
  }
  const source = readTarget(r.source) ?? {};
  return { source: { selector: source, fieldPath: str(r.source.fieldPath) ?? 'metadata.name' }, targets, at };
}

/** What a Flux Kustomization (its value on the cluster) adds to the build of its path. */
export function fluxTransforms(doc: YamlDocument, value: unknown, componentDir?: (raw: string) => string | undefined): Transforms {
  const spec = isObj(value) && isObj(value.spec) ? value.spec : {};
  const at = (path: PathSegment[]): At => ({ doc, path });
  const patches: PlacedPatch[] = [];
  asList(spec.patches).forEach((entry, i) => {
    const patch = isObj(entry) ? toPatch(entry.patch, entry.target) : undefined;
    if (patch) patches.push({ patch, at: at(['spec', 'patches', i]) });
  });
  const strategicMerge: PlacedPatch[] = [];
  asList(spec.patchesStrategicMerge).forEach((entry, i) => {
    const patch = toPatch(entry, undefined);
    if (patch) strategicMerge.push({ patch, at: at(['spec', 'patchesStrategicMerge', i]) });
  });
  const json6902: PlacedPatch[] = [];
  asList(spec.patchesJson6902).forEach((entry, i) => {
    const patch = isObj(entry) ? toPatch(entry.patch, entry.target) : undefined;
    if (patch) json6902.push({ patch, at: at(['spec', 'patchesJson6902', i]) });
  });
  // spec.components: paths relative to spec.path, appended to the build's components (kustomize-controller generator).
  const components = componentDir ? asList(spec.components).filter((c): c is string => typeof c === 'string').map(componentDir).filter((c): c is string => c !== undefined) : [];
  return { strategicMerge, patches, namespace: str(spec.targetNamespace), json6902, replacements: [], ...(components.length > 0 ? { components } : {}) };
}

/** A kustomization file's transformers with a Flux Kustomization's additions. */
export function withFlux(own: Transforms, flux: Transforms): Transforms {
  if (isEmpty(flux)) return own;
  return {
    strategicMerge: [...own.strategicMerge, ...flux.strategicMerge],
    patches: [...own.patches, ...flux.patches],
    namespace: flux.namespace ?? own.namespace,
    namePrefix: own.namePrefix,
    nameSuffix: own.nameSuffix,
    json6902: [...own.json6902, ...flux.json6902],
    replacements: own.replacements,
    ...(flux.components ? { components: flux.components } : {}),
  };
}
