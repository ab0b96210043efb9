/**
 * Which Flux sources are this repository, decided once for the whole repo: the bootstrap `flux-system` GitRepository,
 * GitRepositories referenced but not defined here (created by bootstrap or declared external), GitRepositories with
 * the same URL as one of those, the source of a Flux Kustomization that applies itself (a sync loop is how a repo
 * manages a cluster), and ArtifactGenerator artifacts copied from any of them.
 */
import { resolveRepoPath } from '../load/index.js';
import type { LoadedRepo, YamlDocument } from '../load/types.js';
import { FLUX_NAMESPACE } from '../k8s/flux.js';
import { artifactToRepoPath, readArtifacts, specOf, type GeneratedArtifact } from './flux.js';
import type { GraphOptions, PathRef } from './types.js';

type Ref = { kind?: unknown; name?: unknown } | undefined;

/** Comparable form of a Git URL: host/path without scheme, user, `.git` or trailing slash. */
export function normalizeGitUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

export class LocalSources {
  private readonly gitNames = new Set<string>([FLUX_NAMESPACE]);
  private readonly artifacts = new Map<string, { artifact: GeneratedArtifact; aliases: Set<string> }>();

  constructor(
    private readonly repo: LoadedRepo,
    options: GraphOptions,
    /** Flux Kustomization, GitRepository and ArtifactGenerator documents of the repo. */
    docs: { kustomizations: YamlDocument[]; gitRepositories: YamlDocument[]; generators: YamlDocument[] },
    /** Flux Kustomization documents applied from a repo directory (for the sync-loop test). */
    renderKustomizationDocs: (dir: string) => Set<YamlDocument>,
  ) {
    for (const s of options.externalSources ?? []) if (s.kind === 'GitRepository') this.gitNames.add(s.name);
    const defined = new Set(docs.gitRepositories.map((d) => d.name ?? ''));
    const referenced = [
      ...docs.kustomizations.map((d) => specOf(d).sourceRef as Ref),
      ...docs.generators.flatMap((d) => (Array.isArray(specOf(d).sources) ? (specOf(d).sources as Ref[]) : [])),
    ];
    for (const ref of referenced) {
      if (ref?.kind === 'GitRepository' && typeof ref.name === 'string' && !defined.has(ref.name)) this.gitNames.add(ref.name);
    }
    for (let changed = true; changed; ) {
      changed = this.addSameUrl(docs.gitRepositories);
      for (const k of docs.kustomizations) {
        const ref = specOf(k).sourceRef as Ref;
        if (ref?.kind !== 'GitRepository' || typeof ref.name !== 'string' || this.gitNames.has(ref.name)) continue;
        // The repo root renders everything, itself included: only a narrower path shows a sync loop.
        const path = this.resolveIn('', specOf(k).path);
        if (path.status === 'dir' && path.path !== '' && renderKustomizationDocs(path.path!).has(k)) {
          this.gitNames.add(ref.name);
          changed = true;
        }
      }
    }
    for (const gen of docs.generators) {
      for (const artifact of readArtifacts(gen)) {
        const aliases = new Set([...artifact.sources].filter(([, s]) => s.kind === 'GitRepository' && this.gitNames.has(s.name)).map(([a]) => a));
        if (aliases.size > 0 && !this.artifacts.has(artifact.name)) this.artifacts.set(artifact.name, { artifact, aliases });
      }
    }
  }

  private addSameUrl(gitRepositories: YamlDocument[]): boolean {
    // Same URL and same ref: another branch of the same repository is other content.
    const urlOf = (d: YamlDocument): string | undefined =>
      typeof specOf(d).url === 'string' ? `${normalizeGitUrl(specOf(d).url as string)} ${JSON.stringify(specOf(d).ref ?? null)}` : undefined;
    const localUrls = new Set(gitRepositories.filter((d) => this.gitNames.has(d.name ?? '')).map(urlOf).filter(Boolean));
    let changed = false;
    for (const d of gitRepositories) {
      const url = urlOf(d);
      if (d.name && url && localUrls.has(url) && !this.gitNames.has(d.name)) {
        this.gitNames.add(d.name);
        changed = true;
      }
    }
    return changed;
  }

  isLocal(ref: { kind: string; name: string } | undefined): boolean {
    if (!ref) return false;
    if (ref.kind === 'GitRepository') return this.gitNames.has(ref.name);
    if (ref.kind === 'ExternalArtifact') return this.artifacts.has(ref.name);
    return false;
  }

  /** spec.path of a Flux Kustomization doc as a repo path, when its source is this repo. */
  fluxPath(doc: YamlDocument, ref: { kind: string; name: string } | undefined): PathRef | undefined {
    if (!ref || !this.isLocal(ref)) return undefined;
    const raw = specOf(doc).path;
    const at = { doc, path: ['spec', 'path'] };
    const rawText = typeof raw === 'string' ? raw : '';
    if (raw !== undefined && typeof raw !== 'string') return { field: 'flux-path', raw: JSON.stringify(raw), status: 'unresolved', at };
    const generated = ref.kind === 'ExternalArtifact' ? this.artifacts.get(ref.name) : undefined;
    if (!generated) return { field: 'flux-path', raw: rawText, at, ...this.resolveIn('', rawText) };
    const inArtifact = resolveRepoPath('', rawText || '.');
    if (inArtifact.status !== 'inside') return { field: 'flux-path', raw: rawText, at, status: inArtifact.status };
    const repoPath = artifactToRepoPath(generated.artifact, inArtifact.path, generated.aliases);
    if (repoPath === undefined) return { field: 'flux-path', raw: rawText, at, status: 'unresolved' };
    return { field: 'flux-path', raw: rawText, at, ...this.statusOf(repoPath) };
  }

  private resolveIn(dir: string, raw: unknown): Pick<PathRef, 'path' | 'status'> {
    const resolved = resolveRepoPath(dir, typeof raw === 'string' && raw !== '' ? raw : '.');
    return resolved.status === 'inside' ? this.statusOf(resolved.path) : { status: resolved.status };
  }

  private statusOf(p: string): Pick<PathRef, 'path' | 'status'> {
    return { path: p, status: this.repo.dirSet.has(p) ? 'dir' : this.repo.fileSet.has(p) ? 'file' : 'missing' };
  }
}
