/**
 * The repo as Flux and kustomize will see it: kustomization files and what they reference,
 * Flux objects, clusters and the objects each Flux Kustomization applies on each cluster.
 * Built once from the LoadedRepo by buildGraph(); checks only read it.
 */
import type { ObjectId } from '../k8s/identity.js';
import type { PathSegment, YamlDocument } from '../load/types.js';
import type { Patch } from './patch.js';

export type { ObjectId } from '../k8s/identity.js';

/** What the graph needs from the config: how clusters are entered, which sources and namespaces exist outside the repo. */
export interface GraphOptions {
  /** Cluster entry points: a directory applied by the cluster's root Flux Kustomization. */
  entryPoints?: readonly { cluster: string; path: string; name?: string; namespace?: string }[];
  /** Sources created outside the repo (AKS microsoft.flux, bootstrap not committed, ...). */
  externalSources?: readonly { kind: string; name: string; namespace?: string }[];
  /** Sources whose content is a directory of this repo (an OCIRepository CI pushes from it, say). */
  localSources?: readonly { kind: string; name: string; namespace?: string; path: string }[];
  /** Namespaces that exist on the clusters without the repo creating them. */
  namespaces?: readonly string[];
  /** AKS / Azure Arc Flux configurations made outside the repo, in the Azure REST shape (src/graph/azure/config.ts). */
  fluxConfigurations?: readonly unknown[];
}

/** Where in a document something is written: used with locate() to point a finding at it. */
export interface At {
  doc: YamlDocument;
  path: PathSegment[];
}

export type RefField =
  | 'resources'
  | 'bases'
  | 'components'
  | 'patches'
  | 'patchesStrategicMerge'
  | 'patchesJson6902'
  | 'configMapGenerator'
  | 'secretGenerator'
  | 'helmCharts'
  | 'crds'
  | 'generators'
  | 'transformers'
  | 'replacements'
  | 'configurations'
  | 'openapi'
  | 'flux-path'
  | 'helm-chart';

/** A reference from a kustomization file (or a Flux Kustomization's spec.path) to a file or directory. */
export interface PathRef {
  field: RefField;
  /** As written. */
  raw: string;
  /** Repo-relative resolved path ('' = root), set when local and inside the repo (whether it exists or not). */
  path?: string;
  status: 'file' | 'dir' | 'missing' | 'outside-repo' | 'absolute' | 'remote' | 'unresolved';
  at: At;
}

/** A kustomize kustomization file (kustomization.yaml / .yml / Kustomization) with kind Kustomization or Component. */
export interface KustomizeFile {
  /** Repo-relative path of the file. */
  path: string;
  /** Its directory ('' = root). */
  dir: string;
  doc: YamlDocument;
  kind: 'Kustomization' | 'Component';
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  refs: PathRef[];
}

export interface NamespacedName {
  name: string;
  namespace: string;
  at: At;
}

export interface SourceRef extends NamespacedName {
  kind: string;
  apiVersion?: string;
}

/** A Flux object as applied on one cluster (one instance per cluster that applies its document). */
interface FluxObjectBase {
  doc: YamlDocument;
  /** After transforms. */
  name: string;
  namespace: string;
  /** Cluster name, or undefined when no entry point reaches the document. */
  cluster?: string;
}

/** spec.kubeConfig: the objects are applied to the cluster this Secret's kubeconfig reaches, not to this one. */
export interface KubeConfigRef {
  secretName: string;
  at: At;
}

export interface FluxKustomization extends FluxObjectBase {
  /**
   * The object as its cluster gets it: patched by the builds that apply it (a parent's spec.patches, kustomization
   * patches) and with the inline variables of its parent substituted. Undefined for a stand-in root.
   */
  value: unknown;
  kubeConfig?: KubeConfigRef;
  /** spec.path resolved inside the repo when the source is this repo; undefined when the source is elsewhere. */
  path?: PathRef;
  /** True when spec.sourceRef points at this repo (directly, or via an ArtifactGenerator copying from it). */
  sourceIsThisRepo: boolean;
  sourceRef?: SourceRef;
  dependsOn: NamespacedName[];
  /** spec.prune as written (undefined when absent). */
  prune?: boolean;
  targetNamespace?: string;
  postBuild?: {
    substitute: Record<string, string>;
    substituteFrom: { kind: string; name: string; optional: boolean; at: At }[];
  };
  /** Inline patches in spec.patches. */
  patches: At[];
  /**
   * True for the stand-in root of a directory applied from outside the repo (config entry point, unreached Flux
   * Kustomizations): its doc is the first object it applies. Never listed in `kustomizations`/`fluxKustomizations`.
   */
  synthetic?: boolean;
}

export interface FluxHelmRelease extends FluxObjectBase {
  /** The object as its cluster gets it (patched by the builds that apply it). */
  value: unknown;
  /** spec.chart.spec.chart as a repo directory, when the chart's source (GitRepository, Bucket) is this repo. */
  chartPath?: PathRef;
  /** spec.chart.spec.sourceRef (HelmRepository/GitRepository/Bucket). */
  chartSourceRef?: SourceRef;
  /** spec.chartRef (OCIRepository/HelmChart/ExternalArtifact). */
  chartRef?: SourceRef;
  dependsOn: NamespacedName[];
  valuesFrom: { kind: string; name: string; optional: boolean; at: At }[];
  targetNamespace?: string;
  kubeConfig?: KubeConfigRef;
}

export interface FluxSource extends FluxObjectBase {
  kind: string;
  /** Created by a controller from another object (a FluxInstance's sync): `doc` is that object. */
  synthetic?: boolean;
}

/** A document as applied on a cluster by a Flux Kustomization. */
export interface AppliedObject {
  doc: YamlDocument;
  id: ObjectId;
  cluster: string;
  /** The Flux Kustomization that applies it. */
  by: FluxKustomization;
  /** Kustomize files traversed from the Flux path to the document. */
  via: string[];
  /** The object as applied: `doc.value` unless a patch of a build it went through changed it (postBuild variables not yet substituted). */
  value: unknown;
  /** Where the patches that changed `value` are written. */
  patchedBy?: At[];
}

export interface Cluster {
  name: string;
  /**
   * How the cluster was found: a flux bootstrap layout, a flux-operator FluxInstance sync, a configured entry point,
   * AKS / Azure Arc Flux configurations (`azure`: Bicep, ARM, Terraform or config), the objects of a Flux Kustomization with spec.kubeConfig (`remote`, applied from cluster `hub`), or, in a repo
   * without any of these, Flux Kustomizations nothing applies (`fallback`).
   */
  origin: 'bootstrap' | 'instance' | 'config' | 'azure' | 'remote' | 'fallback';
  /** For a remote cluster: the cluster whose Flux applies to it. */
  hub?: string;
  /**
   * The cluster's Flux refuses a sourceRef to another namespace: the AKS / Azure Arc microsoft.flux extension enforces
   * multi-tenancy by default. Data for policy rules.
   */
  enforcesMultiTenancy?: boolean;
  /** Root Flux Kustomizations (normally one; a synthetic one has doc of the first object found). */
  roots: FluxKustomization[];
  kustomizations: FluxKustomization[];
  helmReleases: FluxHelmRelease[];
  sources: FluxSource[];
  objects: AppliedObject[];
}

/** A cycle in kustomization references, as the list of kustomization file paths in order. */
export interface KustomizeCycle {
  files: string[];
  /** The reference that closes the cycle. */
  ref: PathRef;
}

/** A strategic-merge patch without target that matched nothing: kustomize fails the build. */
export interface UnmatchedPatch {
  at: At;
  /**
   * Whose build fails: the kustomization file's path (for a component's patch, the kustomization including it), or
   * the file of the Flux Kustomization whose build it is (its spec.patches, or the patches of a kustomization file
   * built with them).
   */
  build: string;
  patch: Patch;
  /**
   * Objects of the build with the patch's kind and name (as they are, or were before a transformer renamed them) that
   * it did not select because their apiVersion or namespace differ.
   */
  near: { apiVersion: string; kind: string; name: string; namespace?: string }[];
}

export interface RepoGraph {
  kustomizeFiles: KustomizeFile[];
  /** Directory ('' = root) -> its kustomization file. */
  kustomizeByDir: Map<string, KustomizeFile>;
  kustomizeCycles: KustomizeCycle[];
  /**
   * Kustomization files some cluster builds: on an applied document's way, at a Flux Kustomization's path (every one
   * below a path without its own), or included (resources/bases/components) by one of those.
   */
  builtKustomizeFiles: Set<KustomizeFile>;
  /** Documents used as patches (partial objects): never counted as applied objects or orphans. */
  patchDocs: Set<YamlDocument>;
  /** Every Flux Kustomization instance (per cluster; unreached documents once with cluster undefined). */
  fluxKustomizations: FluxKustomization[];
  helmReleases: FluxHelmRelease[];
  sources: FluxSource[];
  clusters: Cluster[];
  /** The objects each document becomes on the clusters that apply it (one document can be several objects). */
  appliedByDocument: Map<YamlDocument, AppliedObject[]>;
  /** Every document applied on at least one cluster. */
  reached: Set<YamlDocument>;
  /**
   * `roots`: the repo has real roots (bootstrap, FluxInstance, configured entry points) and only what they reach is
   * deployed; `fallback`: it has none, and Flux Kustomizations nothing applies were taken as roots.
   */
  mode: 'roots' | 'fallback';
  /**
   * In `roots` mode: the top-most Flux Kustomizations no root reaches (archived or disabled apps), each with the
   * documents only it would apply. Empty in `fallback` mode.
   */
  orphanKustomizations: { doc: YamlDocument; name: string; namespace: string; covers: YamlDocument[] }[];
  /** Strategic-merge patches without target that match no object in the builds the graph rendered: kustomize fails those builds. */
  unmatchedPatches: UnmatchedPatch[];
  /**
   * unmatchedPatches, plus those of every kustomization file (kind Kustomization) built on its own, as
   * `kustomize build <dir>` builds an overlay of a repo without Flux. Renders the kustomizations not rendered yet on
   * the first call. A kustomization's own patches see the same objects in every build including it, so its own build
   * tells.
   */
  unmatchedPatchesInAnyBuild(): UnmatchedPatch[];
  /** Sources that exist outside the repo (bootstrap flux-system, AKS microsoft.flux, declared in config), as kind/namespace/name keys. */
  externalSources: Set<string>;
  /** Namespaces that exist on every cluster without the repo creating them (declared in config). */
  externalNamespaces: ReadonlySet<string>;
}
