/** .gitops-lint.yaml, and how a lint run is told where to find it and what to override. */
import type { RuleDefinition } from '../checks/types.js';
import type { Severity } from '../finding.js';

export type RuleSetting = Severity | 'off' | { severity?: Severity | 'off'; params?: Record<string, unknown> };

/** One `overrides` entry: repo-relative globs (picomatch, as `ignore`) and the severities there. */
export interface Override {
  files: string[];
  rules: Record<string, Severity | 'off'>;
}

/** .gitops-lint.yaml at the repo root, after defaults. */
export interface Config {
  /** 'recommended' (default): rules with recommended !== false; 'all': every rule; 'none': only rules turned on below. */
  extends: 'recommended' | 'all' | 'none';
  rules: Record<string, RuleSetting>;
  /** Severities for findings in some files (ESLint's overrides): every entry whose globs match a file applies, later ones win. */
  overrides?: Override[];
  /** Globs (repo-relative, picomatch) of files never read. */
  ignore: string[];
  /** Objects whose findings are dropped. Every given field must match; `name`/`namespace` accept globs. */
  ignoreObjects: { apiVersion?: string; kind?: string; namespace?: string; name?: string }[];
  /** Cluster entry points: a directory applied by the cluster's root Flux Kustomization. */
  entryPoints: { cluster: string; path: string; name?: string; namespace?: string }[];
  /** Sources created outside the repo (AKS microsoft.flux, bootstrap not committed, ...). */
  externalSources: { kind: string; name: string; namespace?: string }[];
  /**
   * Sources whose content is a directory of this repo (an OCIRepository CI pushes from it, say): Flux Kustomizations
   * using them are rendered from `path`.
   */
  localSources?: { kind: string; name: string; namespace?: string; path: string }[];
  /** Namespaces that exist on the clusters without the repo creating them (made by Terraform, a platform team...). */
  namespaces?: string[];
  /**
   * AKS / Azure Arc Flux configurations made outside the repo (portal, `az k8s-configuration flux create`): the Azure
   * REST shape plus `name` and optional `cluster`; `kustomizations` a map or a list of `az --kustomization` strings.
   */
  fluxConfigurations?: Record<string, unknown>[];
  /** User rules, same shape as rules/*.yaml. */
  customRules: RuleDefinition[];
  /** Target versions, used by schema and deprecation rules. */
  kubernetesVersion?: string;
  /** x.y, x.y.z, vx.y.z, latest, or an AKS/Arc extension version (microsoft.flux@1.24.1). */
  fluxVersion?: string;
  /** Per cluster (by the name the graph gives it): the versions that cluster runs, over the ones above. */
  clusters?: Record<string, { fluxVersion?: string; kubernetesVersion?: string }>;
  /** Folders of user JSON schemas in kubeconform's layout (absolute after resolveConfig; relative ones from the repo root). */
  schemaLocations?: string[];
}

/** Where the config comes from and what overrides it. */
export interface ConfigOptions {
  /** Path to a config file; default <root>/.gitops-lint.yaml when present. */
  configPath?: string;
  /** Config given directly (tests); merged over the file. */
  config?: Partial<Config>;
  kubernetesVersion?: string;
  /**
   * Rule settings from the command line (`--rule 'id: severity'`), as written (validated like `rules` in the file):
   * they win over the file and options.config.
   */
  ruleSettings?: Record<string, unknown>;
  /** Kinds whose objects' findings are dropped (`--skip`): `Kind` or `<apiVersion>/<Kind>` (kubeconform's form). */
  skipKinds?: string[];
  /** --flux-version: over the config's fluxVersion (not over a cluster's own). */
  fluxVersion?: string;
  /** Extra schema folders (--schema-location), resolved from the current directory; searched before the config's. */
  schemaLocations?: string[];
}

/** Where a setting was written: the config file (as the user named it) or `options.config`, and its key there. */
export interface ConfigSource {
  file: string;
  key: string;
}
