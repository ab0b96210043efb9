/**
 * orphan-manifest: Kubernetes documents nothing applies. Only for repos with real roots (bootstrap, FluxInstance,
 * configured entry points): without them the graph's clusters are guesses, and a library of bases is consumed from
 * elsewhere. A Flux Kustomization no root reaches (an archived or disabled app) is one finding that covers everything
 * it would apply; documents under an unreached kustomization file are reported once, as the top-most such file.
 */
import type { CheckContext } from './types.js';
import { includedKustomizations } from '../graph/built.js';
import { dirOf } from '../graph/kustomize.js';
import { BUILD_FIELDS } from '../graph/kustomize.js';
import type { KustomizeFile, RepoGraph } from '../graph/types.js';
import { groupOf } from '../k8s/api-version.js';
import { objectRef } from '../k8s/object-ref.js';
import type { YamlDocument } from '../load/types.js';
import { inHiddenDir } from '../load/index.js';
import { isTemplated } from './flux-lookup.js';

/** Files a kustomization references directly (resources, patches, generator inputs, crds ...). */
function referencedFiles(graph: RepoGraph): Set<string> {
  const files = new Set<string>();
  for (const k of graph.kustomizeFiles) for (const r of k.refs) if (r.status === 'file' && r.path !== undefined) files.add(r.path);
  return files;
}

function isCandidate(doc: YamlDocument, graph: RepoGraph, ignoredGroups: Set<string>, covered: ReadonlySet<YamlDocument>): boolean {
  if (doc.class !== 'k8s' && !(doc.class === 'sops' && doc.kind)) return false;
  if (covered.has(doc)) return false;
  if (inHiddenDir(doc.file)) return false;
  // A name with `${VAR}` outside any Flux Kustomization is a template for scripts (task runners, restore jobs).
  if (doc.name !== undefined && isTemplated(doc.name)) return false;
  return !graph.reached.has(doc) && !graph.patchDocs.has(doc) && !ignoredGroups.has(groupOf(doc.apiVersion));
}

/** Unreached documents a kustomization covers, following its resources/bases/components and referenced files. */
function coveredDocs(top: KustomizeFile, graph: RepoGraph, ctx: CheckContext, ignoredGroups: Set<string>, covered: ReadonlySet<YamlDocument>): YamlDocument[] {
  const docs: YamlDocument[] = [];
  const seen = new Set<KustomizeFile>([top]);
  const queue = [top];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const ref of file.refs) {
      if (ref.status === 'file' && ref.path !== undefined && BUILD_FIELDS.has(ref.field)) {
        docs.push(...(ctx.repo.fileMap.get(ref.path)?.documents ?? []).filter((d) => isCandidate(d, graph, ignoredGroups, covered)));
      }
    }
    for (const next of includedKustomizations(file, graph.kustomizeByDir)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return docs;
}

/** The closest applied kustomization file in the document's directory or above it, to suggest where to add it. */
function nearestKustomization(file: string, graph: RepoGraph, reached: ReadonlySet<KustomizeFile>): KustomizeFile | undefined {
  let dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  for (;;) {
    const k = graph.kustomizeByDir.get(dir);
    if (k && reached.has(k)) return k;
    if (dir === '') return undefined;
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
}

export function orphanManifest(ctx: CheckContext): void {
  const { graph } = ctx;
  if (graph.clusters.length === 0 || graph.mode !== 'roots') return;
  const ignoredGroups = new Set((ctx.params.ignoreApiGroups as string[] | undefined) ?? []);
  const reached = graph.builtKustomizeFiles;
  const referenced = referencedFiles(graph);

  const covered = new Set<YamlDocument>();
  // A directory holding an orphan Flux Kustomization and nothing any cluster applies is that app, retired (an
  // archived app's `app/` folder, even when the Kustomization's path still points where the app used to be): its
  // files are covered by the Kustomization's finding.
  const liveDirs = new Set<string>();
  for (const doc of graph.reached) for (let d = dirOf(doc.file); d !== ''; d = dirOf(d)) liveDirs.add(d);
  const orphanDirs = graph.orphanKustomizations.map((o) => dirOf(o.doc.file)).filter((d) => d !== '' && !liveDirs.has(d));
  const underOrphan = (file: string): boolean => orphanDirs.some((d) => file.startsWith(`${d}/`));
  for (const file of ctx.repo.files) if (underOrphan(file.path)) for (const d of file.documents) covered.add(d);
  for (const orphan of graph.orphanKustomizations) {
    covered.add(orphan.doc);
    for (const d of orphan.covers) covered.add(d);
    const objects = orphan.covers.filter((d) => d.class === 'k8s' || d.class === 'sops').length;
    ctx.report({
      message:
        `Kustomization "${orphan.name}" in ${orphan.doc.file} is not applied on any cluster: no cluster root reaches it` +
        (objects > 0 ? `, so the ${objects} object${objects > 1 ? 's' : ''} it would apply ${objects > 1 ? 'are' : 'is'} never applied` : '') +
        `; list ${orphan.doc.file} in the resources of an applied kustomization.yaml, or delete it (or move it to a hidden directory such as .archive/) if it is retired`,
      location: ctx.locate(orphan.doc, []),
      object: objectRef({ apiVersion: orphan.doc.apiVersion, kind: orphan.doc.kind, namespace: orphan.namespace, name: orphan.name }),
    });
  }

  const unreached = graph.kustomizeFiles.filter((k) => !reached.has(k));
  const includedByOthers = new Set(unreached.flatMap((k) => includedKustomizations(k, graph.kustomizeByDir)));
  for (const top of unreached) {
    if (includedByOthers.has(top) || underOrphan(top.path)) continue;
    const docs = coveredDocs(top, graph, ctx, ignoredGroups, covered);
    if (docs.length === 0) continue;
    ctx.report({
      message:
        `${top.path} is not applied on any cluster, so its ${docs.length} object${docs.length > 1 ? 's are' : ' is'} never applied; ` +
        `add "${top.dir || '.'}" to the resources of an applied kustomization.yaml or point a Flux Kustomization spec.path at ./${top.dir}`,
      location: ctx.locate(top.doc, []),
    });
  }

  for (const file of ctx.repo.files) {
    if (file.inHelmChart || referenced.has(file.path)) continue;
    const orphans = file.documents.filter((doc) => isCandidate(doc, graph, ignoredGroups, covered));
    if (orphans.length === 0) continue;
    const near = nearestKustomization(file.path, graph, reached);
    const how = near
      ? `add it to the resources of ${near.path}`
      : 'add it to a kustomization.yaml resources list or to a directory a Flux Kustomization spec.path applies';
    // A file none of whose objects is applied (a vendored install manifest, a runbook) is one finding, not one per object.
    const wholeFile = orphans.length > 1 && orphans.length === file.documents.filter((d) => d.class !== 'empty').length;
    for (const doc of wholeFile ? orphans.slice(0, 1) : orphans) {
      const what = wholeFile
        ? `${file.path} holds ${orphans.length} objects and none is applied on any cluster: nothing includes the file`
        : `${doc.kind}${doc.name ? ` "${doc.name}"` : ''} in ${file.path} is not applied on any cluster: nothing includes it`;
      ctx.report({
        message: `${what}; ${how}`,
        location: ctx.locate(doc, []),
        object: objectRef(doc),
      });
    }
  }
}
