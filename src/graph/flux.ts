/** Flux objects read from documents: Kustomizations, HelmReleases, sources, ArtifactGenerator artifacts. */
import { FLUX_NAMESPACE } from '../k8s/flux.js';
import type { PathSegment, YamlDocument } from '../load/types.js';
import type { At, FluxHelmRelease, FluxKustomization, NamespacedName, ObjectId, SourceRef } from './types.js';
import { isRecord as isObj, nonEmptyString as str } from '../util/values.js';

type Obj = Record<string, unknown>;
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function specOf(doc: YamlDocument): Obj {
  return specOfValue(doc.value);
}

export function specOfValue(value: unknown): Obj {
  const spec = isObj(value) ? value.spec : undefined;
  return isObj(spec) ? spec : {};
}

function kubeConfigOf(doc: YamlDocument, spec: Obj): FluxKustomization['kubeConfig'] {
  const kc = spec.kubeConfig;
  if (!isObj(kc) || !isObj(kc.secretRef) || !str(kc.secretRef.name)) return undefined;
  return { secretName: str(kc.secretRef.name)!, at: { doc, path: ['spec', 'kubeConfig', 'secretRef', 'name'] } };
}

/** Name and namespace of a Flux object on the cluster: a Flux object without a namespace lands in flux-system. */
export function placement(id: ObjectId): { name: string; namespace: string } {
  return { name: id.name, namespace: id.namespace ?? FLUX_NAMESPACE };
}

function sourceRefAt(doc: YamlDocument, value: unknown, path: PathSegment[], ownerNamespace: string): SourceRef | undefined {
  if (!isObj(value) || !str(value.name)) return undefined;
  return {
    kind: str(value.kind) ?? '',
    name: str(value.name)!,
    namespace: str(value.namespace) ?? ownerNamespace,
    apiVersion: str(value.apiVersion),
    at: { doc, path },
  };
}

function dependsOnOf(doc: YamlDocument, spec: Obj, namespace: string): NamespacedName[] {
  const out: NamespacedName[] = [];
  asList(spec.dependsOn).forEach((d, i) => {
    if (isObj(d) && str(d.name)) out.push({ name: str(d.name)!, namespace: str(d.namespace) ?? namespace, at: { doc, path: ['spec', 'dependsOn', i] } });
  });
  return out;
}

function namedRefs(doc: YamlDocument, list: unknown, field: string): { kind: string; name: string; optional: boolean; at: At }[] {
  const out: { kind: string; name: string; optional: boolean; at: At }[] = [];
  asList(list).forEach((v, i) => {
    if (isObj(v) && str(v.name)) {
      out.push({ kind: str(v.kind) ?? '', name: str(v.name)!, optional: v.optional === true, at: { doc, path: [...field.split('.'), i] } });
    }
  });
  return out;
}

/** Everything of a Flux Kustomization but its path and whether its source is this repo (those need the cluster). */
export function readKustomization(
  doc: YamlDocument,
  id: ObjectId,
  cluster: string | undefined,
  value: unknown = doc.value,
): Omit<FluxKustomization, 'path' | 'sourceIsThisRepo'> {
  const { name, namespace } = placement(id);
  const spec = specOfValue(value);
  const postBuild = isObj(spec.postBuild) ? spec.postBuild : undefined;
  const substitute: Record<string, string> = {};
  if (postBuild && isObj(postBuild.substitute)) {
    for (const [k, v] of Object.entries(postBuild.substitute)) if (typeof v !== 'object') substitute[k] = String(v);
  }
  const kubeConfig = kubeConfigOf(doc, spec);
  return {
    doc,
    name,
    namespace,
    cluster,
    value,
    ...(kubeConfig ? { kubeConfig } : {}),
    sourceRef: sourceRefAt(doc, spec.sourceRef, ['spec', 'sourceRef'], namespace),
    dependsOn: dependsOnOf(doc, spec, namespace),
    prune: typeof spec.prune === 'boolean' ? spec.prune : undefined,
    targetNamespace: str(spec.targetNamespace),
    postBuild: postBuild ? { substitute, substituteFrom: namedRefs(doc, postBuild.substituteFrom, 'spec.postBuild.substituteFrom') } : undefined,
    patches: asList(spec.patches).map((_, i) => ({ doc, path: ['spec', 'patches', i] })),
  };
}

export function readHelmRelease(doc: YamlDocument, id: ObjectId, cluster: string | undefined, value: unknown = doc.value): FluxHelmRelease {
  const { name, namespace } = placement(id);
  const spec = specOfValue(value);
  const kubeConfig = kubeConfigOf(doc, spec);
  const chart = isObj(spec.chart) && isObj(spec.chart.spec) ? spec.chart.spec : undefined;
  return {
    doc,
    name,
    namespace,
    cluster,
    value,
    chartSourceRef: chart ? sourceRefAt(doc, chart.sourceRef, ['spec', 'chart', 'spec', 'sourceRef'], namespace) : undefined,
    chartRef: sourceRefAt(doc, spec.chartRef, ['spec', 'chartRef'], namespace),
    dependsOn: dependsOnOf(doc, spec, namespace),
    valuesFrom: namedRefs(doc, spec.valuesFrom, 'spec.valuesFrom'),
    targetNamespace: str(spec.targetNamespace),
    ...(kubeConfig ? { kubeConfig } : {}),
  };
}

/** One copy rule of an ArtifactGenerator artifact, in repo terms when its origin is this repo. */
export interface CopyRule {
  /** Source alias (`@alias/...`). */
  alias: string;
  /** Path inside the source, without the glob (e.g. `apps/base`). */
  fromPath: string;
  glob: boolean;
  /** Path inside the artifact (e.g. `base`; '' = artifact root). */
  toPath: string;
  /** `to` ends with a slash: a non-glob `from` is copied into it under its own name. */
  toDir: boolean;
}

export interface GeneratedArtifact {
  doc: YamlDocument;
  name: string;
  /** Alias -> the source it names. */
  sources: Map<string, { kind: string; name: string }>;
  copy: CopyRule[];
  index: number;
}

const trimSlashes = (p: string): string => p.replace(/^\.?\/+/, '').replace(/\/+$/, '');

function parseCopy(v: unknown): CopyRule | undefined {
  if (!isObj(v) || !str(v.from) || !str(v.to)) return undefined;
  const from = /^@([^/]+)\/?(.*)$/.exec(str(v.from)!);
  const to = /^@artifact\/?(.*)$/.exec(str(v.to)!);
  if (!from || !to) return undefined;
  const glob = /\/?\*\*?$/.test(from[2]!);
  return {
    alias: from[1]!,
    fromPath: trimSlashes(from[2]!.replace(/\/?\*\*?$/, '')),
    glob,
    toPath: trimSlashes(to[1]!),
    toDir: to[1]!.endsWith('/') || to[1] === '',
  };
}

export function readArtifacts(doc: YamlDocument): GeneratedArtifact[] {
  const spec = specOf(doc);
  const sources = new Map<string, { kind: string; name: string }>();
  for (const s of asList(spec.sources)) {
    if (isObj(s) && str(s.alias) && str(s.name)) sources.set(str(s.alias)!, { kind: str(s.kind) ?? '', name: str(s.name)! });
  }
  const out: GeneratedArtifact[] = [];
  asList(spec.artifacts).forEach((a, index) => {
    if (!isObj(a) || !str(a.name)) return;
    const copy = asList(a.copy).map(parseCopy).filter((c): c is CopyRule => !!c);
    out.push({ doc, name: str(a.name)!, sources, copy, index });
  });
  return out;
}

/**
 * Maps a path inside an artifact (e.g. `./staging`) back to the repo path it was copied from, using the most specific
 * copy rule from a source in `localAliases`. Undefined when no single repo directory backs it.
 */
export function artifactToRepoPath(artifact: GeneratedArtifact, artifactPath: string, localAliases: Set<string>): string | undefined {
  const p = trimSlashes(artifactPath);
  let best: { rule: CopyRule; target: string } | undefined;
  for (const rule of artifact.copy) {
    if (!localAliases.has(rule.alias)) continue;
    const fromName = rule.fromPath.split('/').pop() ?? '';
    // Where the copied content lands in the artifact.
    const target = rule.glob || !rule.toDir ? rule.toPath : [rule.toPath, fromName].filter(Boolean).join('/');
    if (!(target === '' || p === target || p.startsWith(`${target}/`))) continue;
    if (!best || target.length > best.target.length) best = { rule, target };
  }
  if (!best) return undefined;
  const rest = best.target === '' ? p : p.slice(best.target.length).replace(/^\//, '');
  return [best.rule.fromPath, rest].filter(Boolean).join('/');
}
