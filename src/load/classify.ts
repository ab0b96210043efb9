/** Document classes (see DocClass) and the identity fields of Kubernetes-like documents. */
import { groupOf } from '../k8s/api-version.js';
import type { DocClass } from './types.js';
import { isRecord } from '../util/values.js';

const KUSTOMIZATION_FILE_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function isKustomizationFileName(baseName: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.has(baseName);
}

export interface Classified {
  class: DocClass;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/**
 * API groups of documents that configure a tool and are never applied to a cluster (kind clusters, k3d, skaffold,
 * kustomize KRM function configs, the Flux CLI schema plugin): YAML with apiVersion/kind that is not Kubernetes.
 */
export const TOOL_CONFIG_GROUPS = new Set(['builtin', 'config.kubernetes.io', 'schema.plugin.fluxcd.io', 'kind.x-k8s.io', 'k3d.io', 'skaffold', 'ctlptl.dev']);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Classify a parsed (valid) document of file `baseName`. */
export function classifyDocument(value: unknown, baseName: string, inHelmChart: boolean): Classified {
  if (value === null || value === undefined) return { class: 'empty' };
  if (!isRecord(value)) return { class: 'other' };
  const apiVersion = str(value.apiVersion);
  const kind = str(value.kind);
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const identity = withDefined({ apiVersion, kind, name: str(metadata.name), namespace: str(metadata.namespace) });
  // Encrypted first: the values of a SOPS document are ciphertext, whatever its name.
  if (isRecord(value.sops) && 'mac' in value.sops) return { class: 'sops', ...identity };
  if (isKustomizationFileName(baseName) || apiVersion?.startsWith('kustomize.config.k8s.io/')) return { class: 'kustomization', ...identity };
  // A core-group apiVersion other than v1 without metadata is another tool's document (Talos machine config
  // `apiVersion: v1alpha1`), not a Kubernetes object: the core API group only serves v1.
  const foreignCore = apiVersion !== undefined && !apiVersion.includes('/') && apiVersion !== 'v1' && !isRecord(value.metadata);
  if (!inHelmChart && apiVersion !== undefined && kind !== undefined && !foreignCore && !TOOL_CONFIG_GROUPS.has(groupOf(apiVersion))) {
    return { class: 'k8s', ...identity };
  }
  return { class: 'other' };
}

function withDefined<T extends Record<string, string | undefined>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, string>)[k] = v;
  return out;
}
