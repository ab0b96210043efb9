/**
 * Renders a directory the way kustomize (directory with a kustomization file) or Flux (directory without one) builds
 * it: every object with its identity after namespace/namePrefix/nameSuffix and, for custom resources, its value after
 * the patches of each build it goes through. Pure and memoized per directory; cycles are cut (kustomize-cycle reports
 * them).
 *
 * A directory without a kustomization file is what Flux generates for it (fluxcd/pkg kustomize/kustomize_generator.go,
 * generateKustomization): every YAML file below it, except that a sub-directory with a kustomization file is added as
 * one resource and not descended into.
 *
 * Components (kustomize's `components`): their resources join the including build and their transformers run over
 * everything accumulated so far, before the including kustomization's own transformers.
 */
import type { LoadedRepo, SourceFile, YamlDocument } from '../load/types.js';
import { isBuiltinGroup, takesNamePrefix } from '../k8s/identity.js';
import { idOf, type Scopes } from './identity.js';
import { dirOf, type KustomizeIndex } from './kustomize.js';
import { applyPatch, selects, splitApiVersion, type Patch, type PatchSubject } from './patch.js';
import { applyReplacements } from './replacements.js';
import { isEmpty, kustomizeTransforms, NO_TRANSFORMS, withFlux, type PlacedPatch, type Transforms } from './transforms.js';
import type { At, KustomizeFile, ObjectId, UnmatchedPatch } from './types.js';

export interface RenderedDoc {
  doc: YamlDocument;
  /** Dense number of the document (same for every rendering of it): lets callers index arrays instead of maps. */
  seq: number;
  id: ObjectId;
  /** Kustomization files traversed from the rendered directory to the document. */
  via: string[];
  /** The object as the build outputs it: `doc.value` unless a patch changed it (never mutated: patched values are copies). */
  value: unknown;
  /** Name and namespace before a transformer changed them (kustomize still matches patches on them). */
  previous?: { name: string; namespace?: string }[];
  /** Where the patches that changed `value` are written. */
  patchedBy?: At[];
}

export class Renderer {
  private readonly memo = new Map<string, RenderedDoc[]>();
  private readonly accumulated = new Map<string, RenderedDoc[]>();
  private readonly transforms = new Map<KustomizeFile, Transforms>();
  private readonly rendering = new Set<string>();
  private readonly filesByDir = new Map<string, SourceFile[]>();
  private readonly subdirsByDir = new Map<string, string[]>();
  private readonly fileMemo = new Map<string, RenderedDoc[]>();
  private nextSeq = 0;
  /** Upper bound of RenderedDoc.seq: the number of documents in the repo. */
  readonly capacity: number;
  /** Strategic-merge patches without target that matched nothing, once per place they are written and build. */
  readonly unmatched = new Map<string, UnmatchedPatch>();

  constructor(
    private readonly repo: LoadedRepo,
    private readonly kustomize: KustomizeIndex,
    private readonly scopes: Scopes,
  ) {
    this.capacity = repo.files.reduce((n, f) => n + f.documents.length, 0);
    for (const f of repo.files) pushTo(this.filesByDir, dirOf(f.path), f);
    for (const d of repo.allDirs) if (d !== '') pushTo(this.subdirsByDir, dirOf(d), d);
  }

  /** Documents a kustomize build (or a Flux Kustomization without additions) applies from `dir`. */
  renderDir(dir: string): RenderedDoc[] {
    let out = this.memo.get(dir);
    if (out) return out;
    if (this.rendering.has(dir)) return [];
    this.rendering.add(dir);
    const k = this.kustomize.byDir.get(dir);
    out = this.transform(this.accumulate(dir), k ? this.transformsOf(k) : NO_TRANSFORMS, k?.path ?? dir);
    this.rendering.delete(dir);
    this.memo.set(dir, out);
    return out;
  }

  /**
   * What a Flux Kustomization applies from `dir`, with its additions (targetNamespace, patches) to the build.
   * `flux.build` names the Flux Kustomization for unmatched-patch reports.
   */
  renderFlux(dir: string, flux: Transforms, build: string): RenderedDoc[] {
    if (isEmpty(flux)) return this.renderDir(dir);
    if (this.rendering.has(dir)) return [];
    this.rendering.add(dir);
    const k = this.kustomize.byDir.get(dir);
    let acc = this.accumulate(dir);
    for (const path of flux.components ?? []) acc = this.addComponent(path, acc, k?.path ?? dir);
    const out = this.transform(acc, withFlux(k ? this.transformsOf(k) : NO_TRANSFORMS, flux), build);
    this.rendering.delete(dir);
    return out;
  }

  /** A number for a document the repo does not hold as such (an object a ResourceSet creates). */
  nextSequence(): number {
    return this.nextSeq++;
  }

  /** Manifests of one file (as a resources entry or a Flux-generated kustomization sees them). */
  renderFile(path: string): RenderedDoc[] {
    let out = this.fileMemo.get(path);
    if (out) return out;
    const file = this.repo.fileMap.get(path);
    out =
      !file || file.inHelmChart
        ? []
        : file.documents.filter((d) => this.isManifest(d)).map((doc) => ({ doc, seq: this.nextSeq++, id: idOf(doc, this.scopes), via: [], value: doc.value }));
    this.fileMemo.set(path, out);
    return out;
  }

  private isManifest(doc: YamlDocument): boolean {
    return (doc.class === 'k8s' || doc.class === 'sops') && !!doc.kind && !this.kustomize.patchDocs.has(doc);
  }

  private transformsOf(k: KustomizeFile): Transforms {
    let t = this.transforms.get(k);
    if (!t) {
      const byRaw = new Map(k.refs.map((r) => [r.raw, r.status === 'file' ? r.path : undefined]));
      this.transforms.set(k, (t = kustomizeTransforms(this.repo, k, (raw) => byRaw.get(raw) ?? byRaw.get(raw.trim()))));
    }
    return t;
  }

  /** The resources of `dir` (and its components, transformed by them) before its own transformers. */
  private accumulate(dir: string): RenderedDoc[] {
    let out = this.accumulated.get(dir);
    if (out) return out;
    const k = this.kustomize.byDir.get(dir);
    out = k ? this.accumulateInto(k, []) : this.generated(dir);
    this.accumulated.set(dir, out);
    return out;
  }

  private accumulateInto(k: KustomizeFile, acc: RenderedDoc[]): RenderedDoc[] {
    let out = acc;
    for (const ref of k.refs) {
      if (ref.field !== 'resources' && ref.field !== 'bases') continue;
      if (ref.path === undefined) continue;
      if (ref.status === 'file') out = out.concat(this.renderFile(ref.path).map((r) => via(r, k.path)));
      // kustomize only builds directories that have a kustomization file.
      else if (ref.status === 'dir' && this.kustomize.byDir.has(ref.path)) out = out.concat(this.renderDir(ref.path).map((r) => via(r, k.path)));
    }
    for (const ref of k.refs) {
      if (ref.field === 'components' && ref.status === 'dir' && ref.path !== undefined) out = this.addComponent(ref.path, out, k.path);
    }
    return out;
  }

  /** A component's resources join `acc`, then its transformers run over all of it. */
  private addComponent(dir: string, acc: RenderedDoc[], includedBy: string): RenderedDoc[] {
    const component = this.kustomize.byDir.get(dir);
    if (!component || this.rendering.has(dir)) return acc;
    this.rendering.add(dir);
    const before = acc.length;
    let out = this.accumulateInto(component, [...acc]);
    for (let i = before; i < out.length; i++) out[i] = via(out[i]!, includedBy);
    // A component's patches fail the build of the kustomization including it.
    out = this.transform(out, this.transformsOf(component), includedBy);
    this.rendering.delete(dir);
    return out;
  }

  /** What Flux generates for a directory without a kustomization file. */
  private generated(dir: string): RenderedDoc[] {
    const out: RenderedDoc[] = [];
    for (const f of this.filesByDir.get(dir) ?? []) out.push(...this.renderFile(f.path));
    for (const sub of this.subdirsByDir.get(dir) ?? []) out.push(...(this.kustomize.byDir.has(sub) ? this.renderDir(sub) : this.generated(sub)));
    return out;
  }

  /** Runs the transformers in kustomize's order over the accumulated resources of one build. */
  private transform(input: RenderedDoc[], t: Transforms, build: string): RenderedDoc[] {
    if (isEmpty(t) || input.length === 0) {
      for (const p of [...t.strategicMerge, ...t.patches]) if (!p.patch.target) this.noteUnmatched(p, build, input);
      return input;
    }
    let out = input;
    out = this.patch(out, t.strategicMerge, build);
    out = this.patch(out, t.patches, build);
    if (t.namespace || t.namePrefix || t.nameSuffix) out = out.map((r) => this.rename(r, t));
    out = this.patch(out, t.json6902, build);
    if (t.replacements.length > 0) out = this.replace(out, t);
    return out;
  }

  /** kustomize replacements; a replaced metadata.name or metadata.namespace changes the identity too. */
  private replace(input: RenderedDoc[], t: Transforms): RenderedDoc[] {
    const values = applyReplacements(input.map(subjectOf), t.replacements);
    return input.map((r, i) => {
      const value = values[i];
      if (value === r.value) return r;
      const before = metadataOf(r.value);
      const after = metadataOf(value);
      const name = typeof after.name === 'string' && after.name !== before.name ? after.name : r.id.name;
      const namespace =
        typeof after.namespace === 'string' && after.namespace !== before.namespace && !this.scopes.isClusterScoped(r.id.group, r.id.kind) ? after.namespace : r.id.namespace;
      const at = t.replacements.map((x) => x.at);
      return { ...r, value, id: { ...r.id, name, namespace }, patchedBy: [...(r.patchedBy ?? []), ...at] };
    });
  }

  private noteUnmatched(p: PlacedPatch, build: string, input: RenderedDoc[]): void {
    const key = `${p.at.doc.file}#${p.at.doc.index}#${p.at.path.join('/')}#${build}`;
    if (!this.unmatched.has(key)) this.unmatched.set(key, { at: p.at, build, patch: p.patch, near: nearMisses(p.patch, input) });
  }

  private patch(input: RenderedDoc[], patches: PlacedPatch[], build: string): RenderedDoc[] {
    let out = input;
    for (const p of patches) {
      let matched = false;
      const next: RenderedDoc[] = [];
      for (const r of out) {
        const subject = subjectOf(r);
        if (!selects(p.patch, subject)) {
          next.push(r);
          continue;
        }
        matched = true;
        if (!exactOn(r, p)) {
          next.push(r);
          continue;
        }
        const value = applyPatch(p.patch, r.value);
        if (value === undefined) continue; // `$patch: delete`
        next.push({ ...r, value, patchedBy: [...(r.patchedBy ?? []), p.at] });
      }
      if (!matched && !p.patch.target && p.patch.type === 'merge') this.noteUnmatched(p, build, out);
      out = next;
    }
    return out;
  }

  /** The namespace and namePrefix/nameSuffix transformers. kustomize names a Namespace object after `namespace:`. */
  private rename(r: RenderedDoc, t: Transforms): RenderedDoc {
    const { id } = r;
    const clusterScoped = this.scopes.isClusterScoped(id.group, id.kind);
    let name = id.name;
    let namespace = id.namespace;
    if (t.namespace && !clusterScoped) namespace = t.namespace;
    // kustomize's namespace field specs include metadata.name of Namespace objects (checked with kubectl kustomize).
    if (t.namespace && id.kind === 'Namespace' && id.group === '') name = t.namespace;
    if (takesNamePrefix(id.kind) && (t.namePrefix || t.nameSuffix)) name = `${t.namePrefix ?? ''}${name}${t.nameSuffix ?? ''}`;
    if (name === id.name && namespace === id.namespace) return r;
    return {
      ...r,
      id: { ...id, name, namespace },
      value: withMetadata(r.value, name, namespace),
      previous: [...(r.previous ?? []), { name: id.name, namespace: id.namespace }],
    };
  }
}

function metadataOf(value: unknown): { name?: unknown; namespace?: unknown } {
  const meta = (value as { metadata?: unknown } | null)?.metadata;
  return typeof meta === 'object' && meta !== null ? (meta as { name?: unknown; namespace?: unknown }) : {};
}

/** The value with metadata.name/namespace as the transformers left them (a shallow copy). */
function withMetadata(value: unknown, name: string, namespace: string | undefined): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const meta = metadataOf(value);
  const next: Record<string, unknown> = { ...meta, name };
  if (namespace !== undefined) next.namespace = namespace;
  return { ...value, metadata: next };
}

/** Objects with the kind and name (now or before a rename) a strategic-merge patch without target names. */
function nearMisses(patch: Patch, input: RenderedDoc[]): UnmatchedPatch['near'] {
  const body = patch.body as { kind?: unknown; metadata?: { name?: unknown } };
  const name = typeof body.metadata === 'object' && body.metadata !== null ? body.metadata.name : undefined;
  const out: UnmatchedPatch['near'] = [];
  for (const { id, previous } of input) {
    if (id.kind !== body.kind) continue;
    for (const was of [{ name: id.name, namespace: id.namespace }, ...(previous ?? [])]) {
      if (was.name === name) out.push({ apiVersion: id.apiVersion, kind: id.kind, name: was.name, namespace: was.namespace });
    }
  }
  return out;
}

function via(r: RenderedDoc, path: string): RenderedDoc {
  return { ...r, via: [path, ...r.via] };
}

function subjectOf(r: RenderedDoc): PatchSubject {
  const [, version] = splitApiVersion(r.id.apiVersion);
  return { group: r.id.group, version, kind: r.id.kind, name: r.id.name, namespace: r.id.namespace, previous: r.previous ?? [], value: r.value };
}

/**
 * Whether applying the patch here gives what kustomize gives. Built-in kinds merge some lists by key (containers by
 * name...): a strategic-merge patch with a list is left out for them; custom resources have no such keys.
 */
function exactOn(r: RenderedDoc, p: PlacedPatch): boolean {
  return p.patch.type === 'json6902' || !isBuiltinGroup(r.id.group) || r.id.kind === 'CustomResourceDefinition' || !hasList(p.patch.body);
}

/** Whether a list appears anywhere in `v` (objects shared through YAML aliases are looked at once). */
function hasList(v: unknown, seen = new Set<object>()): boolean {
  if (Array.isArray(v)) return true;
  if (typeof v !== 'object' || v === null || seen.has(v)) return false;
  seen.add(v);
  return Object.values(v).some((child) => hasList(child, seen));
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
