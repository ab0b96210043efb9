/**
 * The services the checks of one lint run share, created by the engine for each run: the schema resolver (with the
 * engine's choice of validator disk cache and the config's Kubernetes version and schema folders, so its file reads
 * happen in a service the engine owns, never in a check), Flux post-build substitution, the suppression scan, and
 * results several checks compute once. Each is built on first use: a repo without objects does no schema work.
 */
import type { CheckServices, RunData } from '../checks/types.js';
import type { Config } from '../config/types.js';
import { PostBuildSubstitutions } from '../graph/postbuild.js';
import type { RepoGraph } from '../graph/types.js';
import type { LoadedRepo } from '../load/types.js';
import { SchemaResolver } from '../schema/resolver.js';
import { SchemaStore } from '../schema/store.js';
import { scanSuppressions, type SuppressionScan } from './suppressions.js';

export interface RunServices extends CheckServices {
  /** The same scan the checks see: the engine filters findings with it. */
  suppressions(): SuppressionScan;
}

const once = <T>(make: () => T): (() => T) => {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
};

export function createServices(
  repo: LoadedRepo,
  graph: RepoGraph,
  config: Pick<Config, 'kubernetesVersion' | 'fluxVersion' | 'clusters' | 'schemaLocations'>,
  options: { schemaCacheDir?: string; knownRuleIds: ReadonlySet<string>; enabledChecks: ReadonlySet<string> },
): RunServices {
  const shared = new Map<(run: RunData) => unknown, unknown>();
  const services: RunServices = {
    schemas: once(() => {
      const store = new SchemaStore(options.schemaCacheDir === undefined ? {} : { cacheDir: options.schemaCacheDir });
      // With clusters, a CRD counts where a cluster applies it (the schema checks ask per cluster); only a repo
      // without clusters uses the CRDs written anywhere in it.
      const documents = graph.clusters.length === 0 ? repo.files.flatMap((f) => f.documents) : [];
      return new SchemaResolver(store, documents, { kubernetesVersion: config.kubernetesVersion, schemaLocations: config.schemaLocations });
    }),
    checkEnabled: (check) => options.enabledChecks.has(check),
    versionTargets: () => ({ fluxVersion: config.fluxVersion, kubernetesVersion: config.kubernetesVersion, clusters: config.clusters }),
    substitutions: once(() => new PostBuildSubstitutions(graph, repo)),
    suppressions: once(() => scanSuppressions(repo, graph, options.knownRuleIds)),
    suppressionProblems: () => services.suppressions().problems,
    unusedSuppressions: () => services.suppressions().unused(),
    shared<T>(compute: (run: RunData) => T): T {
      if (!shared.has(compute)) shared.set(compute, compute({ repo, graph, services }));
      return shared.get(compute) as T;
    },
  };
  return services;
}
