/**
 * AKS / Azure Arc Flux configurations (Microsoft.KubernetesConfiguration/fluxConfigurations, azurerm
 * `azurerm_kubernetes_flux_configuration`, or `fluxConfigurations` in .gitops-lint.yaml), read into one shape.
 * Every field keeps where it is written (`Written`: its value and position node in the declaring file), so the Flux
 * objects made from it (objects.ts) point findings at that file's lines.
 */
import type { YamlDocument, YNode } from '../../load/types.js';

/** A value as written, with its position node (in the document `FluxConfiguration.doc`). */
export interface Written<T = unknown> {
  value: T;
  node: YNode;
}

export interface AzureKustomization {
  /** The key of the kustomizations map (Terraform: its `name`). */
  name: Written<string>;
  /** The whole kustomization's node: where a finding about a field it leaves out points. */
  node: YNode;
  path?: Written;
  /** Names of sibling kustomizations of the same configuration. */
  dependsOn: Written<string>[];
  prune?: Written;
  wait?: Written;
  force?: Written;
  timeoutInSeconds?: Written;
  syncIntervalInSeconds?: Written;
  retryIntervalInSeconds?: Written;
  substitute?: Written<Record<string, string>>;
  substituteFrom: Written<{ kind: string; name: string; optional: boolean }>[];
}

export interface FluxConfiguration {
  /** The document (a Bicep, ARM, Terraform or config file) that declares it. */
  doc: YamlDocument;
  /** The cluster it is attached to: named after the cluster resource it is scoped to, else after itself. */
  cluster: string;
  name: Written<string>;
  node: YNode;
  namespace: string;
  scope: 'cluster' | 'namespace';
  /** The Flux source kind the extension creates: GitRepository, Bucket (also for AzureBlob) or OCIRepository. */
  sourceKind: string;
  /** Where the source is declared (gitRepository / bucket / ...), else the configuration. */
  sourceNode: YNode;
  /** The source's URL when written literally. */
  url?: string;
  /** GitRepository ref (branch, tag, semver, commit) as written literally. */
  ref?: Record<string, string>;
  suspend: boolean;
  kustomizations: AzureKustomization[];
}

/**
 * Defaults of the microsoft.flux extension (REST API fluxConfigurations 2025-04-01): namespace `default`, scope
 * `cluster`, prune false, wait true, force false, intervals and timeouts 600 seconds.
 */
export const AZURE_DEFAULTS = { namespace: 'default', scope: 'cluster', seconds: 600 } as const;

/** Azure's source kinds and the Flux kind the extension creates for each (Flux has no AzureBlob kind: a Bucket, provider azure). */
export const AZURE_SOURCE_KINDS: Record<string, string> = {
  GitRepository: 'GitRepository',
  Bucket: 'Bucket',
  AzureBlob: 'Bucket',
  OCIRepository: 'OCIRepository',
};
