/**
 * What a kustomize build takes in that the graph does not see: objects from remote bases, Helm charts, generator
 * plugins, files that were not read or do not parse, and the ConfigMaps and Secrets of configMapGenerator and
 * secretGenerator. A rule that claims "nothing in this build is X" must not claim it over such a build.
 */
import { dirOf } from '../graph/kustomize.js';
import type { KustomizeFile, RepoGraph } from '../graph/types.js';
import { isYamlFileName } from '../load/walk.js';
import type { LoadedRepo } from '../load/types.js';

/** `any`: objects of any kind may be missing; `generated`: generated ConfigMaps and Secrets may be; undefined: none. */
export type Unseen = 'any' | 'generated' | undefined;

const nonEmpty = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
const worse = (a: Unseen, b: Unseen): Unseen => (a === 'any' || b === 'any' ? 'any' : (a ?? b));

/** Memoised per check run: what the builds of kustomization files and Flux-generated directories do not show. */
export class BuildInputs {
  private readonly byFile = new Map<KustomizeFile, Unseen>();
  private readonly byDir = new Map<string, Unseen>();

  constructor(
    private readonly repo: LoadedRepo,
    private readonly graph: RepoGraph,
  ) {}

  /** The build of `dir`: its kustomization file's, or the one Flux generates for a directory without one. */
  ofDir(dir: string): Unseen {
    const k = this.graph.kustomizeByDir.get(dir);
    if (k) return this.ofKustomization(k);
    let out = this.byDir.get(dir);
    if (this.byDir.has(dir)) return out;
    this.byDir.set(dir, undefined); // cycles through symlinked directories end here
    const prefix = dir === '' ? '' : `${dir}/`;
    // Flux's generated kustomization includes every YAML file below; a sub-directory with a kustomization file is built as one.
    if (this.repo.skipped.some((s) => s.path.startsWith(prefix) && isYamlFileName(s.path.slice(s.path.lastIndexOf('/') + 1)))) out = 'any';
    for (const f of this.repo.files) if (f.path.startsWith(prefix) && f.documents.some((d) => d.class === 'invalid')) out = 'any';
    for (const sub of this.repo.allDirs) {
      if (out === 'any') break;
      const k = sub !== dir && sub.startsWith(prefix) ? this.graph.kustomizeByDir.get(sub) : undefined;
      if (k && !this.underKustomization(sub, dir)) out = worse(out, this.ofKustomization(k));
    }
    this.byDir.set(dir, out);
    return out;
  }

  /** Whether a directory between `top` (excluded) and `dir` (excluded) has a kustomization file: Flux stops there. */
  private underKustomization(dir: string, top: string): boolean {
    for (let d = dirOf(dir); d !== top && d.length > top.length; d = dirOf(d)) if (this.graph.kustomizeByDir.has(d)) return true;
    return false;
  }

  ofKustomization(k: KustomizeFile): Unseen {
    if (this.byFile.has(k)) return this.byFile.get(k);
    this.byFile.set(k, undefined); // a cycle adds nothing (kustomize-cycle reports it)
    const value = (typeof k.doc.value === 'object' && k.doc.value !== null ? k.doc.value : {}) as Record<string, unknown>;
    let out: Unseen = nonEmpty(value.helmCharts) || nonEmpty(value.generators) || value.helmChartInflationGenerator !== undefined ? 'any' : undefined;
    if (nonEmpty(value.configMapGenerator) || nonEmpty(value.secretGenerator)) out = worse(out, 'generated');
    for (const ref of k.refs) {
      if (out === 'any') break;
      if (ref.field !== 'resources' && ref.field !== 'bases' && ref.field !== 'components') continue;
      if (ref.status === 'file') {
        const file = this.repo.fileMap.get(ref.path!);
        if (!file || file.documents.some((d) => d.class === 'invalid')) out = 'any';
      } else if (ref.status === 'dir' && this.graph.kustomizeByDir.has(ref.path!)) {
        out = worse(out, this.ofKustomization(this.graph.kustomizeByDir.get(ref.path!)!));
      } else {
        out = 'any'; // remote, missing, outside the repo, unresolved: its objects are not known
      }
    }
    this.byFile.set(k, out);
    return out;
  }
}
