/**
 * The deprecation table the product ships: rules/data/deprecations.json, generated from a researched table whose
 * every row cites its sources (scripts/generate-deprecations.mjs). Read once, on first use; never edited by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a row comes from: its row in the research table and the citations it gives. */
interface Sourced {
  /** `<section>[<index>]` of deprecations.yaml. */
  row: string;
  sources: string[];
}

/** One apiVersion of one Flux kind, with the Flux releases (x.y.z) that introduced, deprecated and stopped serving it. */
export interface FluxApiRow extends Sourced {
  apiVersion: string;
  kind: string;
  introducedIn: string | null;
  deprecatedIn: string | null;
  /** Another version became the storage version (some versions were superseded but never flagged deprecated). */
  supersededIn: string | null;
  removedIn: string | null;
  replacement: string | null;
}

/** A Flux v1 project's apiVersion (Helm Operator): no Flux v2 release serves it. */
export interface FluxLegacyRow extends Sourced {
  apiVersion: string;
  kind: string;
  project: string;
  /** The project milestone, as text (a date, not a release). */
  removed: string;
  replacement: string;
}

/** A renamed or removed field of a Flux kind in the listed versions. */
export interface FluxFieldRow extends Sourced {
  group: string;
  kind: string;
  versions: string[];
  /** The field as the table writes it. */
  field: string;
  /** Paths of the object holding it; `[]` stands for every item of a list. */
  paths: string[][];
  /** Only when the field holds this value. */
  equals?: string;
  /** Only when the field's text contains one of these. */
  contains?: string[];
  status: 'removed' | 'deprecated' | 'discouraged';
  deprecatedIn: string | null;
  removedIn: string | null;
  replacement: string | null;
  /** What to change, as the table says it. */
  fix: string | null;
}

/** A deprecated field of kustomize's kustomization file (kustomize.config.k8s.io/v1beta1). */
export interface KustomizeFieldRow extends Sourced {
  field: string;
  paths: string[][];
  /** kustomize release (x.y.z); null when the table could not date it. */
  deprecatedIn: string | null;
  /** First kustomize release whose `kustomize build` warns about it. */
  warningSince: string | null;
  replacement: string;
  /** What `kustomize edit fix` does with it. */
  editFix: string;
  verified: boolean;
}

/** A Kubernetes built-in apiVersion of one kind, with the Kubernetes releases (x.y.z) that deprecated and removed it. */
export interface KubernetesRow extends Sourced {
  apiVersion: string;
  kind: string;
  deprecatedIn: string | null;
  removedIn: string | null;
  replacement: string | null;
  notes?: string;
}

/** An apiVersion of a project often deployed next to Flux (cert-manager, external-secrets, Gateway API, ...). */
export interface CompanionRow extends Sourced {
  project: string;
  apiVersion: string;
  /** `*`: every kind of the apiVersion. */
  kind: string;
  /** removed: no current release serves it (`served: false` or gone from the CRD); deprecated: still served. */
  status: 'removed' | 'deprecated';
  deprecatedIn: string | null;
  /** As the table writes it (may name a channel). */
  notServedFrom: string | null;
  removedFromCrdIn: string | null;
  replacement: string | null;
}

export interface AksExtension {
  source: string;
  /** Newest first. */
  versions: { extension: string; flux: string }[];
  removedPerMicrosoft: { from: string; apiVersions: string[] };
  restoredPerMicrosoft: { from: string; note: string };
}

export interface DeprecationData {
  generated: string;
  fluxApis: FluxApiRow[];
  fluxLegacy: FluxLegacyRow[];
  fluxFields: FluxFieldRow[];
  kustomizeFields: KustomizeFieldRow[];
  kubernetes: KubernetesRow[];
  companions: CompanionRow[];
  aksExtension: AksExtension;
}

/**
 * rules/ sits at the package root, found walking up from this module: src/k8s/deprecations and dist/k8s/deprecations
 * are three folders down, the Action's bundle (dist/action) two.
 */
function deprecationsFile(): string {
  const here = fileURLToPath(import.meta.url);
  for (let dir = path.dirname(here); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'rules', 'data', 'deprecations.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`rules/data/deprecations.json not found above ${here}`);
  }
}

let data: DeprecationData | undefined;

/** The shipped table (read on first use: it is package data, the same for every run). */
export function deprecationData(): DeprecationData {
  return (data ??= JSON.parse(fs.readFileSync(deprecationsFile(), 'utf8')) as DeprecationData);
}
