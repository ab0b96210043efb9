/**
 * Which Flux sources are this repository, decided once for the whole repo: the bootstrap `flux-system` GitRepository,
 * GitRepositories referenced but not defined here (created by bootstrap or declared external), GitRepositories with
 * the same URL as one of those, the source of a Flux Kustomization that applies itself (a sync loop is how a repo
 * manages a cluster), and ArtifactGenerator artifacts copied from any of them.
 */
import { resolveRepoPath } from '../load/index.js';
import type { LoadedRepo, YamlDocument } from '../load/types.js';
import { FLUX_NAMESPACE } from '../k8s/flux.js';
import { artifactToRepoPath, readArtifacts, specOf, specOfValue, type GeneratedArtifact } from './flux.js';
import { bareOciUrl, type PushedArtifact } from './ci-artifacts.js';
import type { InstanceSync } from './instance.js';
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
  /** `Kind/name` of OCIRepositories and Buckets whose content is a directory of this repo -> that directory. */
  private readonly contentRoots = new Map<string, string>();

  constructor(
    private readonly repo: LoadedRepo,
    options: GraphOptions,
    /** Flux Kustomization, GitRepository, OCIRepository and ArtifactGenerator documents of the repo, and FluxInstance syncs. */
    docs: {
      kustomizations: YamlDocument[];
      gitRepositories: YamlDocument[];
      ociRepositories: YamlDocument[];
      generators: YamlDocument[];
      syncs: InstanceSync[];
      pushed: PushedArtifact[];
      /** AKS / Azure Arc Flux configurations whose source is this repo (see localAzureConfigurations). */
      azure?: readonly { sourceKind: string; name: { value: string } }[];
    },
    /** Flux Kustomization documents applied from a repo directory (for the sync-loop test). */
    renderKustomizationDocs: (dir: string) => Set<YamlDocument>,
  ) {
    for (const s of options.externalSources ?? []) if (s.kind === 'GitRepository') this.gitNames.add(s.name);
    for (const s of options.localSources ?? []) {
      const dir = resolveRepoPath('', s.path || '.');
      if (s.kind === 'GitRepository') this.gitNames.add(s.name);
      else if (dir.status === 'inside') this.contentRoots.set(`${s.kind}/${s.name}`, dir.path);
    }
    // A FluxInstance syncing a Git repository at a path of this repo syncs this repo, as `flux bootstrap` does.
    for (const sync of docs.syncs) if (sync.kind === 'GitRepository') this.gitNames.add(sync.name);
    for (const config of docs.azure ?? []) if (config.sourceKind === 'GitRepository') this.gitNames.add(config.name.value);
    const pushedRoot = (url: string | undefined): string | undefined => {
      if (!url) return undefined;
      const bare = bareOciUrl(url);
      const hit = docs.pushed.find((p) => p.url.test(bare));
      if (!hit) return undefined;
      const dir = resolveRepoPath('', hit.path);
      return dir.status === 'inside' ? dir.path : undefined;
    };
    for (const sync of docs.syncs) {
      const root = sync.kind === 'OCIRepository' ? pushedRoot(sync.url) : undefined;
      if (root !== undefined && !this.contentRoots.has(`${sync.kind}/${sync.name}`)) this.contentRoots.set(`${sync.kind}/${sync.name}`, root);
    }
    for (const d of docs.ociRepositories) {
      const root = pushedRoot(typeof specOf(d).url === 'string' ? (specOf(d).url as string) : undefined);
      if (root !== undefined && d.name && !this.contentRoots.has(`OCIRepository/${d.name}`)) this.contentRoots.set(`OCIRepository/${d.name}`, root);
    }
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
    return this.contentRoots.has(`${ref.kind}/${ref.name}`);
  }

  /** spec.sync.path of a FluxInstance as a repo path, when its source is this repo. */
  syncPath(sync: InstanceSync): PathRef | undefined {
    if (!this.isLocal(sync)) return undefined;
    const root = this.contentRoots.get(`${sync.kind}/${sync.name}`) ?? '';
    return { field: 'flux-path', raw: sync.path, at: { doc: sync.at.doc, path: [...sync.at.path, 'path'] }, ...this.resolveIn(root, sync.path) };
  }

  /** spec.path of a Flux Kustomization (its value on the cluster) as a repo path, when its source is this repo. */
  fluxPath(doc: YamlDocument, ref: { kind: string; name: string } | undefined, value: unknown = doc.value): PathRef | undefined {
    if (!ref || !this.isLocal(ref)) return undefined;
    const spec = typeof value === 'object' && value !== null ? (value as { spec?: unknown }).spec : undefined;
    const raw = typeof spec === 'object' && spec !== null ? (spec as { path?: unknown }).path : undefined;
    const at = { doc, path: ['spec', 'path'] };
    const rawText = typeof raw === 'string' ? raw : '';
    if (raw !== undefined && typeof raw !== 'string') return { field: 'flux-path', raw: JSON.stringify(raw), status: 'unresolved', at };
    const generated = ref.kind === 'ExternalArtifact' ? this.artifacts.get(ref.name) : undefined;
    const contentRoot = this.contentRoots.get(`${ref.kind}/${ref.name}`);
    if (contentRoot !== undefined) return { field: 'flux-path', raw: rawText, at, ...this.resolveIn(contentRoot, rawText) };
    if (!generated) return { field: 'flux-path', raw: rawText, at, ...this.resolveIn('', rawText) };
    const inArtifact = resolveRepoPath('', rawText || '.');
    if (inArtifact.status !== 'inside') return { field: 'flux-path', raw: rawText, at, status: inArtifact.status };
    const repoPath = artifactToRepoPath(generated.artifact, inArtifact.path, generated.aliases);
    if (repoPath === undefined) return { field: 'flux-path', raw: rawText, at, status: 'unresolved' };
    return { field: 'flux-path', raw: rawText, at, ...this.statusOf(repoPath) };
  }

  /**
   * spec.chart.spec.chart of a HelmRelease (its value on the cluster) as a repo path, when its chart source is this
   * repo: source-controller builds the chart from that directory of the GitRepository or Bucket artifact.
   */
  chartPath(doc: YamlDocument, ref: { kind: string; name: string } | undefined, value: unknown): PathRef | undefined {
    if (!ref || (ref.kind !== 'GitRepository' && ref.kind !== 'Bucket') || !this.isLocal(ref)) return undefined;
    const chart = (specOfValue(value).chart as { spec?: { chart?: unknown } } | undefined)?.spec?.chart;
    if (typeof chart !== 'string' || chart === '') return undefined;
    const root = this.contentRoots.get(`${ref.kind}/${ref.name}`) ?? '';
    return { field: 'helm-chart', raw: chart, at: { doc, path: ['spec', 'chart', 'spec', 'chart'] }, ...this.resolveIn(root, chart) };
  }

  private resolveIn(dir: string, raw: unknown): Pick<PathRef, 'path' | 'status'> {
    const resolved = resolveRepoPath(dir, typeof raw === 'string' && raw !== '' ? raw : '.');
    return resolved.status === 'inside' ? this.statusOf(resolved.path) : { status: resolved.status };
  }

  private statusOf(p: string): Pick<PathRef, 'path' | 'status'> {
    return { path: p, status: this.repo.dirSet.has(p) ? 'dir' : this.repo.fileSet.has(p) ? 'file' : 'missing' };
  }
}
