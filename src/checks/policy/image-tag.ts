/**
 * image-tag-mutable: a container image on `:latest` or with no tag (which the container runtime reads as `:latest`),
 * without a digest. The image then changes under the cluster whenever a node pulls it again (a reschedule, a new
 * node): two Pods of one Deployment can run different code, and Git no longer says what runs.
 *
 * Judged on workloads as their cluster gets them (after the `images:` of every kustomization the document goes through,
 * innermost first, then the Flux Kustomization's own `spec.images`), and in HelmRelease `values` where the
 * chart convention makes an image recognisable: `tag: latest` next to `repository`, or an `image: name:latest`
 * string. A values image without a tag is not judged: charts default it to their appVersion.
 */
import type { AppliedObject } from '../../graph/types.js';
import type { PathSegment } from '../../load/types.js';
import type { CheckContext } from '../types.js';
import { appliedDocuments, appliedRef, describe, isObj, str } from './applied.js';

/** Path from the object to its pod spec, by workload kind. */
const POD_SPEC: Record<string, PathSegment[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The tag of an image reference, '' when none; undefined when it is pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 ? '' : image.slice(colon + 1);
}

function at(value: unknown, path: PathSegment[]): unknown {
  let v = value;
  for (const p of path) v = isObj(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

interface Hit {
  path: PathSegment[];
  image: string;
  tag: string;
}

interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

function overridesOf(value: unknown): ImageOverride[] {
  const list = isObj(value) && Array.isArray(value.images) ? value.images : [];
  return list.filter(isObj).flatMap((i) => {
    const name = str(i.name);
    if (!name) return [];
    const tag = i.newTag === undefined || i.newTag === null ? undefined : String(i.newTag);
    return [{ name, newName: str(i.newName), newTag: tag, digest: str(i.digest) }];
  });
}

/** kustomize's image transformer on one reference: `name`, `name:tag` and `name@digest` match an entry's name. */
function override(image: string, o: ImageOverride): string {
  const lastSlash = image.lastIndexOf('/');
  const at = image.indexOf('@');
  const colon = image.indexOf(':', lastSlash + 1);
  const end = at >= 0 ? at : colon >= 0 ? colon : image.length;
  if (image.slice(0, end) !== o.name) return image;
  const name = o.newName ?? o.name;
  if (o.digest) return `${name}@${o.digest}`;
  if (o.newTag !== undefined) return `${name}:${o.newTag}`;
  return `${name}${image.slice(end)}`;
}

/** The image a container runs once the builds' image transformers have run. */
function transformedImage(ctx: CheckContext, a: AppliedObject, image: string): string {
  const layers: ImageOverride[][] = [];
  for (const dir of [...a.via].reverse()) {
    const k = ctx.graph.kustomizeByDir.get(dir) ?? ctx.graph.kustomizeFiles.find((f) => f.path === dir);
    if (k) layers.push(overridesOf(k.doc.value));
  }
  layers.push(overridesOf(isObj(a.by.value) ? a.by.value.spec : undefined));
  let out = image;
  for (const layer of layers) {
    const o = layer.find((x) => override(out, x) !== out);
    if (o) out = override(out, o);
  }
  return out;
}

function workloadHits(ctx: CheckContext, a: AppliedObject): Hit[] {
  const podPath = POD_SPEC[a.id.kind];
  if (!podPath) return [];
  const podSpec = at(a.value, podPath);
  if (!isObj(podSpec)) return [];
  const hits: Hit[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = podSpec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      const written = isObj(c) ? str(c.image) : undefined;
      if (!written || written.includes('${')) return;
      const image = transformedImage(ctx, a, written);
      const tag = imageTag(image);
      if (tag === '' || tag === 'latest') hits.push({ path: [...podPath, field, i, 'image'], image, tag });
    });
  }
  return hits;
}

/**
 * `tag: latest` beside `repository`, or `image: x:latest`, anywhere in HelmRelease values. A value shared by YAML
 * aliases is visited once (`seen`): expanding them could be exponential, or endless for an alias to its own ancestor.
 */
function valuesHits(value: unknown, path: PathSegment[], out: Hit[], seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((v, i) => valuesHits(v, [...path, i], out, seen));
    return;
  }
  if (!isObj(value)) return;
  if (str(value.repository) && value.tag === 'latest') out.push({ path: [...path, 'tag'], image: `${value.repository as string}:latest`, tag: 'latest' });
  for (const [k, v] of Object.entries(value)) {
    if (k === 'image' && typeof v === 'string' && imageTag(v) === 'latest') out.push({ path: [...path, k], image: v, tag: 'latest' });
    else valuesHits(v, [...path, k], out, seen);
  }
}

function hitsOf(ctx: CheckContext, a: AppliedObject): Hit[] {
  if (a.id.kind === 'HelmRelease') {
    const out: Hit[] = [];
    const values = isObj(a.value) && isObj(a.value.spec) ? a.value.spec.values : undefined;
    valuesHits(values, ['spec', 'values'], out);
    return out;
  }
  return workloadHits(ctx, a);
}

export function imageTagMutable(ctx: CheckContext): void {
  for (const instances of appliedDocuments(ctx)) {
    const seen = new Set<string>();
    for (const a of instances) {
      for (const hit of hitsOf(ctx, a)) {
        const key = hit.path.join('.');
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          message:
            `${describe(a)} runs image "${hit.image}" ${hit.tag === '' ? 'without a tag (read as :latest)' : 'on :latest'}: ` +
            'it changes whenever a node pulls it again and Git no longer says what runs; pin a version tag or a digest',
          location: ctx.locate(a.doc, hit.path, 'value'),
          object: appliedRef(a),
        });
      }
    }
  }
}
