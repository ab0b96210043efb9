/**
 * Where a finding's object lands: the cluster(s) that apply it and the Flux Kustomization that applies it there, read
 * from the graph for the document holding the finding. Filled in by the engine for every finding about an object,
 * so checks do not each have to (the fingerprint does not include them: moving an app between clusters keeps it).
 */
import type { Finding } from '../finding.js';
import type { RepoGraph } from '../graph/types.js';
import type { LoadedRepo, YamlDocument } from '../load/types.js';
import { positionIn } from '../load/positions.js';

export function placeFindings(findings: Finding[], repo: LoadedRepo, graph: RepoGraph): void {
  if (graph.clusters.length === 0) return;
  const byDoc = graph.appliedByDocument;
  for (const f of findings) {
    if (!f.object) continue;
    const doc = docAt(repo, f.file, f.line);
    const applied = doc ? byDoc.get(doc) : undefined;
    if (!applied) continue;
    const named = applied.filter((o) => (!f.object!.kind || o.id.kind === f.object!.kind) && (!f.object!.name || o.id.name === f.object!.name));
    const matches = named.length > 0 ? named : applied;
    const clusters = [...new Set(matches.map((o) => o.cluster))].sort();
    f.object = { ...f.object, cluster: clusters.join(', ') };
    const by = matches.find((o) => !o.by.synthetic)?.by;
    if (by) f.object.appliedBy = `${by.namespace}/${by.name}`;
  }
}

/** The document of `file` whose text holds `line`. */
export function docAt(repo: LoadedRepo, file: string, line: number): YamlDocument | undefined {
  const source = repo.fileMap.get(file);
  if (!source) return undefined;
  for (const d of source.documents) {
    const start = positionIn(source.lineStarts, d.start).line;
    const end = positionIn(source.lineStarts, Math.max(d.start, d.end - 1)).line;
    if (line >= start && line <= end) return d;
  }
  return undefined;
}
