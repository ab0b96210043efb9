/** Kustomize build reachability: which kustomization files some cluster builds. */
import { BUILD_FIELDS, type KustomizeIndex } from './kustomize.js';
import type { Cluster, KustomizeFile } from './types.js';

/** Kustomization files some cluster builds: on an applied document's way, at a Flux path, or included by one. */
export function builtKustomizeFiles(index: Pick<KustomizeIndex, 'files' | 'byDir'>, clusters: Cluster[]): Set<KustomizeFile> {
  const built = new Set<KustomizeFile>();
  const byPath = new Map(index.files.map((k) => [k.path, k]));
  for (const cluster of clusters) {
    for (const object of cluster.objects) for (const path of object.via) if (byPath.has(path)) built.add(byPath.get(path)!);
    for (const k of [...cluster.roots, ...cluster.kustomizations]) {
      if (!k.sourceIsThisRepo || k.path?.status !== 'dir' || k.path.path === undefined) continue;
      const dir = k.path.path;
      const own = index.byDir.get(dir);
      // A directory without kustomization file: Flux generates one that includes each sub-directory with a
      // kustomization file and does not descend into it (fluxcd/pkg kustomize/kustomize_generator.go).
      const below = own ? [own] : index.files.filter((f) => (dir === '' || f.dir.startsWith(`${dir}/`)) && !nestedUnderAnother(f.dir, dir, index.byDir));
      for (const f of below) built.add(f);
    }
  }
  const queue = [...built];
  while (queue.length > 0) {
    for (const next of includedKustomizations(queue.pop()!, index.byDir)) {
      if (built.has(next)) continue;
      built.add(next);
      queue.push(next);
    }
  }
  return built;
}

/** Whether a directory strictly between `top` and `dir` has a kustomization file (which Flux includes instead). */
function nestedUnderAnother(dir: string, top: string, byDir: ReadonlyMap<string, KustomizeFile>): boolean {
  for (let d = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : ''; d !== top && d.length > top.length; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
    if (byDir.has(d)) return true;
  }
  return false;
}

/** The kustomization files a kustomization builds through its resources/bases/components directories. */
export function includedKustomizations(file: KustomizeFile, byDir: ReadonlyMap<string, KustomizeFile>): KustomizeFile[] {
  return file.refs
    .filter((r) => BUILD_FIELDS.has(r.field) && r.status === 'dir' && r.path !== undefined)
    .map((r) => byDir.get(r.path!))
    .filter((k): k is KustomizeFile => k !== undefined);
}
