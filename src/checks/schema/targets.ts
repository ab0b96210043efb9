/**
 * What schema validation looks at in a repo: every Kubernetes object (whole documents, SOPS ones without their
 * `sops` block), patches as partial objects (patch files, inline patch strings and embedded patch objects of
 * kustomize files, Flux Kustomizations and HelmRelease post-renderers), and JSON 6902 operation lists.
 */
import type { PathRef, RepoGraph } from '../../graph/types.js';
import { checkedKustomizeFiles } from '../kustomize.js';
import { isFluxKustomization, isHelmRelease } from '../../k8s/flux.js';
import { apiVersionOf } from '../../k8s/api-version.js';
import { parseInlineYaml } from '../../load/inline.js';
import type { LoadedRepo, PathSegment, YamlDocument, YNode } from '../../load/types.js';
import { isRecord as isObj, nonEmptyString as str } from '../../util/values.js';

/** An object (or patch) to validate against the schema of its apiVersion/kind. */
export interface ObjectTarget {
  doc: YamlDocument;
  value: unknown;
  apiVersion: string;
  kind: string;
  /** Path in `doc` of the validated value: an error at path p is at [...base, ...p]. */
  base: PathSegment[];
  /** Set for patches written as a string: the label that names the patch in messages. */
  inline?: string;
  /** For patches written as a string: the string and the position tree of this document in it. */
  source?: InlineSource;
  /** A whole document (counted by schema-missing), not a patch. */
  whole: boolean;
  partial: boolean;
  encrypted: boolean;
}

/** A JSON 6902 operation list. */
export interface OpsTarget {
  doc: YamlDocument;
  ops: unknown;
  base: PathSegment[];
  inline?: string;
  source?: InlineSource;
}

export interface InlineSource {
  text: string;
  root: YNode;
}

/** A patch string that does not parse. */
export interface BrokenPatch {
  doc: YamlDocument;
  base: PathSegment[];
  message: string;
  /** The patch string and the offset of the error in it, when known. */
  text: string;
  offset?: number;
}

export interface SchemaTargets {
  objects: ObjectTarget[];
  ops: OpsTarget[];
  broken: BrokenPatch[];
}

type Obj = Record<string, unknown>;

/** kustomize fields whose files configure kustomize itself (transformer configs, openapi), not cluster objects. */
const KUSTOMIZE_CONFIG_FIELDS = new Set<PathRef['field']>(['generators', 'transformers', 'configurations', 'openapi', 'replacements']);

/**
 * Strategic-merge directives ($patch, $retainKeys, $setElementOrder/..., $deleteFromPrimitiveList/...) are not
 * fields of the object: drop them before validating. Sequence indexes stay the same, so paths still match the YAML.
 */
function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isObj(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, withoutDirectives(v)]));
}

/** apiVersion/kind of a patch: its own, else its target's (group/version/kind). */
function patchType(value: unknown, target: unknown): { apiVersion: string; kind: string } | undefined {
  if (isObj(value) && str(value.apiVersion) && str(value.kind)) return { apiVersion: value.apiVersion as string, kind: value.kind as string };
  if (!isObj(target) || !str(target.kind) || !str(target.version)) return undefined;
  return { apiVersion: apiVersionOf(str(target.group) ?? '', target.version as string), kind: target.kind as string };
}

class Collector {
  readonly out: SchemaTargets = { objects: [], ops: [], broken: [] };

  /** One strategic-merge patch object or JSON 6902 list, embedded in `doc` at `base` (or parsed from a string there). */
  addPatchValue(doc: YamlDocument, base: PathSegment[], value: unknown, target: unknown, inline?: string, source?: InlineSource): void {
    const from = source ? { source } : {};
    if (Array.isArray(value)) {
      this.out.ops.push({ doc, ops: value, base, ...(inline ? { inline } : {}), ...from });
      return;
    }
    const type = patchType(value, target);
    if (!type || !isObj(value)) return;
    const label = inline ? { inline: `${inline} (${type.apiVersion} ${type.kind})` } : {};
    this.out.objects.push({ doc, value: withoutDirectives(value), ...type, base, ...label, ...from, whole: false, partial: true, encrypted: false });
  }

  /** A patch written as a YAML (or JSON) string: one or more documents. */
  addPatchString(doc: YamlDocument, base: PathSegment[], text: string, target: unknown, label: string): void {
    const parsed = parseInlineYaml(text, { positions: true });
    if ('error' in parsed) {
      const { message, offset } = parsed.error;
      this.out.broken.push({ doc, base, message: `${label} is not valid YAML: ${message}`, text, ...(offset === undefined ? {} : { offset }) });
      return;
    }
    for (const { value, root } of parsed.documents) {
      if (value !== null && value !== undefined) this.addPatchValue(doc, base, value, target, label, root ? { text, root } : undefined);
    }
  }

  /**
   * The patch lists of a kustomization file, a Flux Kustomization spec or a HelmRelease post-renderer:
   * `patches` (inline `patch`), `patchesStrategicMerge` (inline strings or objects), `patchesJson6902` (inline `patch`).
   */
  addPatchLists(doc: YamlDocument, base: PathSegment[], holder: Obj): void {
    asList(holder.patches).forEach((entry, i) => {
      if (!isObj(entry)) return;
      const at = [...base, 'patches', i, 'patch'];
      if (typeof entry.patch === 'string') this.addPatchString(doc, at, entry.patch, entry.target, `inline patch patches[${i}]`);
      else if (isObj(entry.patch) || Array.isArray(entry.patch)) this.addPatchValue(doc, at, entry.patch, entry.target, undefined);
    });
    asList(holder.patchesStrategicMerge).forEach((entry, i) => {
      const at = [...base, 'patchesStrategicMerge', i];
      // A one-line string is a file path (checked by the kustomize rules); a multi-line one is an inline patch.
      if (typeof entry === 'string' && entry.includes('\n')) this.addPatchString(doc, at, entry, undefined, `inline patch patchesStrategicMerge[${i}]`);
      else if (isObj(entry)) this.addPatchValue(doc, at, entry, undefined, undefined);
    });
    asList(holder.patchesJson6902).forEach((entry, i) => {
      if (!isObj(entry)) return;
      const at = [...base, 'patchesJson6902', i, 'patch'];
      const label = `inline patch patchesJson6902[${i}]`;
      if (typeof entry.patch === 'string') {
        this.addPatchString(doc, at, entry.patch, entry.target, label);
      } else if (entry.patch !== undefined && doc.class === 'kustomization') {
        // In Flux objects the CRD schema already checks an operation list written as YAML.
        this.out.ops.push({ doc, ops: entry.patch, base: at });
      }
    });
  }
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const SOPS_CIPHERTEXT = /^ENC\[/;

export function collectTargets(repo: LoadedRepo, graph: RepoGraph): SchemaTargets {
  const c = new Collector();
  const configDocs = new Set<YamlDocument>();
  /** Patch files referenced with a target, for patches that leave apiVersion/kind to it. */
  const patchTargets = new Map<string, unknown>();
  const checked = checkedKustomizeFiles(graph);
  /** Patch files a checked kustomization uses: a patch file of an archived app is not judged. */
  const usedPatchFiles = new Set(checked.flatMap((k) => k.refs.filter((r) => r.status === 'file' && r.path !== undefined).map((r) => r.path!)));
  for (const k of checked) {
    c.addPatchLists(k.doc, [], isObj(k.doc.value) ? k.doc.value : {});
    for (const ref of k.refs) {
      if (ref.status !== 'file' || ref.path === undefined) continue;
      if (KUSTOMIZE_CONFIG_FIELDS.has(ref.field)) for (const d of repo.fileMap.get(ref.path)?.documents ?? []) configDocs.add(d);
      if (ref.field === 'patches' || ref.field === 'patchesJson6902') {
        const entry = (k.doc.value as Obj)[ref.field];
        const index = ref.at.path[1];
        const target = Array.isArray(entry) && typeof index === 'number' && isObj(entry[index]) ? entry[index].target : undefined;
        if (target !== undefined && !patchTargets.has(ref.path)) patchTargets.set(ref.path, target);
      }
    }
  }

  for (const file of repo.files) {
    for (const doc of file.documents) {
      if (graph.patchDocs.has(doc)) {
        if (doc.value !== null && doc.value !== undefined && usedPatchFiles.has(doc.file)) c.addPatchValue(doc, [], doc.value, patchTargets.get(doc.file), undefined);
        continue;
      }
      if ((doc.class !== 'k8s' && doc.class !== 'sops') || !doc.apiVersion || !doc.kind || configDocs.has(doc) || !isObj(doc.value)) continue;
      if (doc.apiVersion === 'builtin' || doc.apiVersion.startsWith('kustomize.config.k8s.io/')) continue;
      const encrypted = doc.class === 'sops';
      // A fully encrypted document has ciphertext for apiVersion and kind: nothing to pick a schema by.
      if (encrypted && (SOPS_CIPHERTEXT.test(doc.apiVersion) || SOPS_CIPHERTEXT.test(doc.kind))) continue;
      let value: Obj = doc.value;
      if (encrypted) {
        const { sops: _sops, ...rest } = value;
        value = rest;
      }
      if (doc.apiVersion === 'v1' && doc.kind === 'List') {
        // kubectl and kustomize unwrap a v1 List: its items are the objects (the List itself has no schema).
        asList(value.items).forEach((item, i) => {
          if (isObj(item) && str(item.apiVersion) && str(item.kind)) {
            const type = { apiVersion: item.apiVersion as string, kind: item.kind as string };
            c.out.objects.push({ doc, value: item, ...type, base: ['items', i], whole: true, partial: false, encrypted });
          }
        });
        continue;
      }
      c.out.objects.push({ doc, value, apiVersion: doc.apiVersion, kind: doc.kind, base: [], whole: true, partial: false, encrypted });
      // With clusters, the patches inside a Flux object matter only where a cluster applies it.
      if (graph.clusters.length === 0 || graph.reached.has(doc)) addEmbeddedPatches(c, doc, value);
    }
  }
  return c.out;
}

/** Patches inside Flux objects: Kustomization spec.patches (and v1beta2 lists), HelmRelease post-renderers. */
function addEmbeddedPatches(c: Collector, doc: YamlDocument, value: Obj): void {
  const spec = isObj(value.spec) ? value.spec : undefined;
  if (!spec) return;
  if (isFluxKustomization(doc)) c.addPatchLists(doc, ['spec'], spec);
  if (isHelmRelease(doc)) {
    asList(spec.postRenderers).forEach((renderer, i) => {
      if (isObj(renderer) && isObj(renderer.kustomize)) c.addPatchLists(doc, ['spec', 'postRenderers', i, 'kustomize'], renderer.kustomize);
    });
  }
}
