/** buildGraph: the repo as kustomize and Flux see it (see types.ts). Synchronous and pure: reads only the LoadedRepo. */
import { FLUX_NAMESPACE, isArtifactGenerator, isFluxInstance, isFluxKustomization, isHelmRelease, isSource } from '../k8s/flux.js';
import { sourceKey } from '../k8s/identity.js';
import { inHiddenDir } from '../load/index.js';
import type { LoadedRepo, YamlDocument } from '../load/types.js';
import { builtKustomizeFiles } from './built.js';
import { pushedArtifacts } from './ci-artifacts.js';
import { ClusterSet, makeKustomization, planRoots, type GraphParts } from './clusters.js';
import { placement, readArtifacts, readHelmRelease } from './flux.js';
import { idOf, Scopes } from './identity.js';
import { readInstanceSync, type InstanceSync } from './instance.js';
import { dirOf, findKustomizeCycles, indexKustomizeFiles } from './kustomize.js';
import { Renderer } from './render.js';
import { LocalSources } from './sources.js';
import { isThisRepo, readFluxConfigurations, sourceDocument } from './azure/index.js';
import type { AppliedObject, Cluster, FluxSource, GraphOptions, ObjectId, RepoGraph } from './types.js';

export type * from './types.js';

/** `options`: the config's entryPoints, externalSources and localSources (a whole Config will do). */
export function buildGraph(repo: LoadedRepo, options: GraphOptions = {}): RepoGraph {
  const kustomize = indexKustomizeFiles(repo);
  const manifests: YamlDocument[] = repo.files.flatMap((f) =>
    f.documents.filter((d) => (d.class === 'k8s' || d.class === 'sops') && d.kind && !kustomize.patchDocs.has(d) && !f.inHelmChart),
  );
  const scopes = new Scopes(manifests);
  const renderer = new Renderer(repo, kustomize, scopes);
  const kustomizationDocs = manifests.filter(isFluxKustomization);
  const syncs = manifests
    .filter((d) => isFluxInstance(d) || isHelmRelease(d))
    .map(readInstanceSync)
    .filter((s): s is InstanceSync => s !== undefined);
  const azure = readFluxConfigurations(repo, options.fluxConfigurations);
  const azureLocal = azure.filter((c) => isThisRepo(c, repo.gitRemotes ?? []));
  const sources = new LocalSources(
    repo,
    options,
    {
      kustomizations: kustomizationDocs,
      // An in-repo GitRepository with the URL of a configuration syncing this repo is this repo too.
      gitRepositories: [...manifests.filter((d) => isSource(d) && d.kind === 'GitRepository'), ...azureLocal.filter((c) => c.sourceKind === 'GitRepository').map(sourceDocument)],
      ociRepositories: manifests.filter((d) => isSource(d) && d.kind === 'OCIRepository'),
      generators: manifests.filter(isArtifactGenerator),
      syncs,
      pushed: pushedArtifacts(repo),
      azure: azureLocal,
    },
    (dir) => new Set(renderer.renderDir(dir).map((r) => r.doc)),
  );
  const parts: GraphParts = { renderer, scopes, sources };

  const reached = new Set<YamlDocument>();
  const set = new ClusterSet(parts, reached);
  const plans = planRoots(parts, options, kustomizationDocs, syncs, repo.fileSet, azure);
  const mode = plans.some((p) => p.type !== 'fallback') ? 'roots' : 'fallback';
  for (const plan of plans) {
    if (plan.type === 'config') set.builder(plan.cluster, 'config').addDirectoryRoot(plan.dir, [], plan);
    else if (plan.type === 'layout') set.builder(set.freshName(plan.cluster), 'bootstrap').addDirectoryRoot(plan.dir, []);
    else if (plan.type === 'bootstrap') set.builder(set.freshName(plan.cluster), 'bootstrap').addRoot(plan.doc);
    else if (plan.type === 'instance') set.builder(set.freshName(plan.cluster), 'instance').addInstanceRoot(plan.sync);
    else if (plan.type === 'azure') set.builder(set.freshName(plan.cluster), 'azure').addAzureRoot(plan.configs);
    else {
      // A directory whose kustomization.yaml does not list the Kustomizations nothing applies still applies their files.
      const rendered = new Set(renderer.renderDir(plan.dir).map((r) => r.doc));
      const missing = [...new Set(plan.docs.filter((d) => !rendered.has(d)).map((d) => d.file))].flatMap((f) => renderer.renderFile(f));
      set.builder(plan.cluster, 'fallback').addDirectoryRoot(plan.dir, missing);
    }
  }
  const clusters = set.clusters;

  // Flux objects no cluster reaches: once each, cluster undefined, namespace from their own directory's kustomization.
  const unreachedId = (doc: YamlDocument): ObjectId => {
    const id = idOf(doc, scopes);
    return id.namespace ? id : { ...id, namespace: kustomize.byDir.get(dirOf(doc.file))?.namespace };
  };
  const unreached = manifests.filter((d) => !reached.has(d));
  return {
    kustomizeFiles: kustomize.files,
    kustomizeByDir: kustomize.byDir,
    kustomizeCycles: findKustomizeCycles(kustomize),
    builtKustomizeFiles: builtKustomizeFiles(kustomize, clusters),
    patchDocs: kustomize.patchDocs,
    fluxKustomizations: [
      ...clusters.flatMap((c) => c.kustomizations),
      ...unreached.filter(isFluxKustomization).map((d) => makeKustomization(parts, d, unreachedId(d), undefined)),
    ],
    helmReleases: [...clusters.flatMap((c) => c.helmReleases), ...unreached.filter(isHelmRelease).map((d) => readHelmRelease(d, unreachedId(d), undefined))],
    sources: [...clusters.flatMap((c) => c.sources), ...unreached.flatMap((d) => unreachedSources(d, unreachedId(d)))],
    clusters,
    reached,
    appliedByDocument: byDocument(clusters),
    mode,
    orphanKustomizations: mode === 'roots' ? orphanKustomizations(parts, unreached.filter(isFluxKustomization), reached, unreachedId) : [],
    unmatchedPatches: [...renderer.unmatched.values()],
    unmatchedPatchesInAnyBuild: () => {
      for (const k of kustomize.files) if (k.kind === 'Kustomization') renderer.renderDir(k.dir);
      return [...renderer.unmatched.values()];
    },
    externalSources: externalSources(options, clusters),
    // The microsoft.flux extension runs in flux-system and puts each configuration's objects in its namespace.
    externalNamespaces: new Set([...(options.namespaces ?? []), ...(azure.length > 0 ? [FLUX_NAMESPACE, ...azure.map((c) => c.namespace)] : [])]),
  };
}

/**
 * Flux Kustomizations no root reaches, with what each would apply that nothing else does; one reached through another
 * such Kustomization's path is covered by it. Hidden directories (`.archive/`) are left out: nothing there is deployed.
 */
function orphanKustomizations(
  parts: GraphParts,
  docs: YamlDocument[],
  reached: ReadonlySet<YamlDocument>,
  idFor: (doc: YamlDocument) => ObjectId,
): RepoGraph['orphanKustomizations'] {
  const found = docs
    .filter((d) => !inHiddenDir(d.file))
    .map((doc) => {
      const k = makeKustomization(parts, doc, idFor(doc), undefined);
      const covers = new Set<YamlDocument>();
      const queue = [k];
      const seen = new Set<YamlDocument>([doc]);
      while (queue.length > 0) {
        const next = queue.pop()!;
        if (!next.sourceIsThisRepo || next.path?.status !== 'dir') continue;
        for (const r of parts.renderer.renderDir(next.path.path!)) {
          if (reached.has(r.doc) || seen.has(r.doc)) continue;
          seen.add(r.doc);
          covers.add(r.doc);
          if (isFluxKustomization(r.doc)) queue.push(makeKustomization(parts, r.doc, r.id, undefined, r.value));
        }
      }
      return { doc, name: k.name, namespace: k.namespace, covers: [...covers] };
    });
  const covered = new Set(found.flatMap((f) => f.covers));
  return found.filter((f) => !covered.has(f.doc));
}

function byDocument(clusters: Cluster[]): Map<YamlDocument, AppliedObject[]> {
  const out = new Map<YamlDocument, AppliedObject[]>();
  for (const c of clusters) {
    for (const o of c.objects) {
      const list = out.get(o.doc);
      if (list) list.push(o);
      else out.set(o.doc, [o]);
    }
  }
  return out;
}

function unreachedSources(doc: YamlDocument, id: ObjectId): FluxSource[] {
  const { name, namespace } = placement(id);
  if (isSource(doc)) return [{ doc, kind: id.kind, name, namespace }];
  if (isArtifactGenerator(doc)) return readArtifacts(doc).map((a) => ({ doc, kind: 'ExternalArtifact', name: a.name, namespace }));
  return [];
}

const BOOTSTRAP_SOURCE = sourceKey('GitRepository', FLUX_NAMESPACE, FLUX_NAMESPACE);
const isBootstrapSource = (s: { kind: string; name: string }): boolean => s.kind === 'GitRepository' && s.name === FLUX_NAMESPACE;

/** Declared external sources, plus the bootstrap GitRepository wherever a cluster uses it without committing it. */
function externalSources(options: GraphOptions, clusters: Cluster[]): Set<string> {
  const keys = new Set((options.externalSources ?? []).map((s) => sourceKey(s.kind, s.namespace ?? FLUX_NAMESPACE, s.name)));
  for (const c of clusters) {
    const defined = c.sources.some((s) => `${s.kind}/${s.namespace}/${s.name}` === BOOTSTRAP_SOURCE);
    const used =
      c.origin === 'bootstrap' ||
      c.kustomizations.some((k) => k.sourceRef && `${k.sourceRef.kind}/${k.sourceRef.namespace}/${k.sourceRef.name}` === BOOTSTRAP_SOURCE) ||
      c.objects.some((o) => isArtifactGenerator(o.doc) && readArtifacts(o.doc).some((a) => [...a.sources.values()].some(isBootstrapSource)));
    if (!defined && used) keys.add(BOOTSTRAP_SOURCE);
    // A root that applies itself from a source the repo does not define was bootstrapped with it: the source is created
    // outside the repo, whatever its name (flux bootstrap's flux-system, or a name of the user's).
    for (const root of c.origin === 'bootstrap' ? c.roots : []) {
      const ref = root.synthetic ? undefined : root.sourceRef;
      if (!ref?.kind) continue;
      const key = sourceKey(ref.kind, ref.namespace, ref.name);
      if (!c.sources.some((s) => sourceKey(s.kind, s.namespace, s.name) === key)) keys.add(key);
    }
  }
  return keys;
}
