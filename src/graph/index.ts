/** buildGraph: the repo as kustomize and Flux see it (see types.ts). Synchronous and pure: reads only the LoadedRepo. */
import { FLUX_NAMESPACE, isArtifactGenerator, isFluxKustomization, isHelmRelease, isSource } from '../k8s/flux.js';
import { sourceKey } from '../k8s/identity.js';
import type { LoadedRepo, YamlDocument } from '../load/types.js';
import { builtKustomizeFiles } from './built.js';
import { ClusterBuilder, makeKustomization, planRoots, type GraphParts } from './clusters.js';
import { placement, readArtifacts, readHelmRelease } from './flux.js';
import { idOf, Scopes } from './identity.js';
import { dirOf, findKustomizeCycles, indexKustomizeFiles } from './kustomize.js';
import { Renderer } from './render.js';
import { LocalSources } from './sources.js';
import type { Cluster, FluxSource, GraphOptions, ObjectId, RepoGraph } from './types.js';

export type * from './types.js';

/** `options`: the config's entryPoints and externalSources (a whole Config will do). */
export function buildGraph(repo: LoadedRepo, options: GraphOptions = {}): RepoGraph {
  const kustomize = indexKustomizeFiles(repo);
  const manifests: YamlDocument[] = repo.files.flatMap((f) =>
    f.documents.filter((d) => (d.class === 'k8s' || d.class === 'sops') && d.kind && !kustomize.patchDocs.has(d)),
  );
  const scopes = new Scopes(manifests);
  const renderer = new Renderer(repo, kustomize, scopes);
  const kustomizationDocs = manifests.filter(isFluxKustomization);
  const sources = new LocalSources(
    repo,
    options,
    {
      kustomizations: kustomizationDocs,
      gitRepositories: manifests.filter((d) => isSource(d) && d.kind === 'GitRepository'),
      generators: manifests.filter(isArtifactGenerator),
    },
    (dir) => new Set(renderer.renderDir(dir).map((r) => r.doc)),
  );
  const parts: GraphParts = { renderer, scopes, sources };

  const reached = new Set<YamlDocument>();
  const builders = new Map<string, ClusterBuilder>();
  const builderFor = (name: string, origin: Cluster['origin']): ClusterBuilder => {
    let b = builders.get(name);
    if (!b) builders.set(name, (b = new ClusterBuilder(parts, name, origin, reached)));
    return b;
  };
  for (const plan of planRoots(parts, options, kustomizationDocs, repo.fileSet)) {
    if (plan.type === 'config') builderFor(plan.cluster, 'config').addDirectoryRoot(plan.dir, [], plan);
    else if (plan.type === 'bootstrap') builderFor(plan.cluster, 'bootstrap').addRoot(plan.doc);
    else {
      // A directory whose kustomization.yaml does not list the unreached Kustomizations still applies their files.
      const rendered = new Set(renderer.renderDir(plan.dir).map((r) => r.doc));
      const missing = [...new Set(plan.docs.filter((d) => !rendered.has(d)).map((d) => d.file))].flatMap((f) => renderer.renderFile(f));
      builderFor(plan.cluster, plan.bootstrapLayout ? 'bootstrap' : 'unreached').addDirectoryRoot(plan.dir, missing);
    }
  }
  const clusters = [...builders.values()].map((b) => b.cluster);

  // Flux objects no cluster reaches: once each, cluster undefined, namespace from their own directory's kustomization.
  const unreachedId = (doc: YamlDocument): ObjectId => {
    const id = idOf(doc, scopes);
    return id.namespace ? id : { ...id, namespace: kustomize.byDir.get(dirOf(doc.file))?.namespace };
  };
  const unreached = manifests.filter((d) => !reached.has(d));
  const graph: RepoGraph = {
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
    externalSources: externalSources(options, clusters),
  };
  return graph;
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
    const defined = c.sources.some((s) => sourceKey(s.kind, s.namespace, s.name) === BOOTSTRAP_SOURCE);
    const used =
      c.origin === 'bootstrap' ||
      c.kustomizations.some((k) => k.sourceRef && sourceKey(k.sourceRef.kind, k.sourceRef.namespace, k.sourceRef.name) === BOOTSTRAP_SOURCE) ||
      c.objects.some((o) => isArtifactGenerator(o.doc) && readArtifacts(o.doc).some((a) => [...a.sources.values()].some(isBootstrapSource)));
    if (!defined && used) keys.add(BOOTSTRAP_SOURCE);
  }
  return keys;
}
