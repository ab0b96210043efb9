/**
 * Renders a directory the way kustomize (directory with a kustomization file) or Flux (directory without one:
 * every manifest below it) would, giving each document its identity after namespace/namePrefix/nameSuffix.
 * Pure and memoized per directory; cycles are cut (they are reported by kustomize-cycle).
 */
import type { LoadedRepo, SourceFile, YamlDocument } from '../load/types.js';
import { takesNamePrefix } from '../k8s/identity.js';
import { idOf, type Scopes } from './identity.js';
import { BUILD_FIELDS, dirOf, type KustomizeIndex } from './kustomize.js';
import type { KustomizeFile, ObjectId } from './types.js';

export interface RenderedDoc {
  doc: YamlDocument;
  /** Dense number of the document (same for every rendering of it): lets callers index arrays instead of maps. */
  seq: number;
  id: ObjectId;
  /** Kustomization files traversed from the rendered directory to the document. */
  via: string[];
}

export class Renderer {
  private readonly memo = new Map<string, RenderedDoc[]>();
  private readonly rendering = new Set<string>();
  private readonly filesByDir = new Map<string, SourceFile[]>();
  private readonly subdirsByDir = new Map<string, string[]>();
  private readonly fileMemo = new Map<string, RenderedDoc[]>();
  private nextSeq = 0;
  /** Upper bound of RenderedDoc.seq: the number of documents in the repo. */
  readonly capacity: number;

  constructor(
    private readonly repo: LoadedRepo,
    private readonly kustomize: KustomizeIndex,
    private readonly scopes: Scopes,
  ) {
    this.capacity = repo.files.reduce((n, f) => n + f.documents.length, 0);
    for (const f of repo.files) pushTo(this.filesByDir, dirOf(f.path), f);
    for (const d of repo.allDirs) if (d !== '') pushTo(this.subdirsByDir, dirOf(d), d);
  }

  /** Documents a Flux Kustomization (or kustomize build) applies from `dir`. */
  renderDir(dir: string): RenderedDoc[] {
    let out = this.memo.get(dir);
    if (out) return out;
    if (this.rendering.has(dir)) return [];
    this.rendering.add(dir);
    const k = this.kustomize.byDir.get(dir);
    out = k ? this.renderKustomization(k) : this.renderGenerated(dir);
    this.rendering.delete(dir);
    this.memo.set(dir, out);
    return out;
  }

  /** Manifests of one file (as a resources entry or a Flux-generated kustomization sees them). */
  renderFile(path: string): RenderedDoc[] {
    let out = this.fileMemo.get(path);
    if (out) return out;
    const file = this.repo.fileMap.get(path);
    out = !file || file.inHelmChart ? [] : file.documents.filter((d) => this.isManifest(d)).map((doc) => ({ doc, seq: this.nextSeq++, id: idOf(doc, this.scopes), via: [] }));
    this.fileMemo.set(path, out);
    return out;
  }

  private isManifest(doc: YamlDocument): boolean {
    return (doc.class === 'k8s' || doc.class === 'sops') && !!doc.kind && !this.kustomize.patchDocs.has(doc);
  }

  private renderKustomization(k: KustomizeFile): RenderedDoc[] {
    const out: RenderedDoc[] = [];
    for (const ref of k.refs) {
      if (!BUILD_FIELDS.has(ref.field) || ref.path === undefined) continue;
      if (ref.status === 'file') out.push(...this.renderFile(ref.path));
      // kustomize only builds directories that have a kustomization file.
      else if (ref.status === 'dir' && this.kustomize.byDir.has(ref.path)) out.push(...this.renderDir(ref.path));
    }
    return out.map((r) => ({ doc: r.doc, seq: r.seq, id: this.transform(k, r.id), via: [k.path, ...r.via] }));
  }

  /** What Flux generates for a directory without a kustomization file. */
  private renderGenerated(dir: string): RenderedDoc[] {
    const out: RenderedDoc[] = [];
    for (const f of this.filesByDir.get(dir) ?? []) out.push(...this.renderFile(f.path));
    for (const sub of this.subdirsByDir.get(dir) ?? []) out.push(...this.renderDir(sub));
    return out;
  }

  private transform(k: KustomizeFile, id: ObjectId): ObjectId {
    if (!k.namespace && !k.namePrefix && !k.nameSuffix) return id;
    const clusterScoped = this.scopes.isClusterScoped(id.group, id.kind);
    const name = takesNamePrefix(id.kind) ? `${k.namePrefix ?? ''}${id.name}${k.nameSuffix ?? ''}` : id.name;
    return { ...id, name, namespace: k.namespace && !clusterScoped ? k.namespace : id.namespace };
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
