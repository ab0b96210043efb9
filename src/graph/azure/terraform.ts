/**
 * Flux configurations of Terraform files: `resource "azurerm_kubernetes_flux_configuration" "x" { name, cluster_id,
 * namespace, scope, git_repository {...} | bucket {...} | blob_storage {...}, suspension_enabled, kustomizations {...}
 * (repeated) }`. A `var.x` stands for the variable's literal default when the same file declares it. The cluster is
 * named after the `name` of the `azurerm_kubernetes_cluster` its `cluster_id` refers to, else that resource's label.
 */
import { isExpression } from '../../load/iac/scan.js';
import { LABELS } from '../../load/iac/hcl.js';
import type { YamlDocument } from '../../load/types.js';
import { AZURE_DEFAULTS, type AzureKustomization, type FluxConfiguration, type Written } from './model.js';
import { kustomizationOf, type KustomizationFieldNames } from './rest.js';
import { child, given, isObj, items, text } from './written.js';

const RESOURCE = 'azurerm_kubernetes_flux_configuration';
const REFERENCE_TYPES = new Set(['branch', 'tag', 'semver', 'commit']);

/** `files`: every Terraform document of the repo, where clusters and variables may be declared. */
export function terraformConfigurations(doc: YamlDocument, files: readonly YamlDocument[]): FluxConfiguration[] {
  if (!doc.root) return [];
  const blocks = (d: YamlDocument, type: string): Written[] => (d.root ? items(child({ value: d.value, node: d.root }, type)) : []);
  const labels = (b: Written): unknown[] => (isObj(b.value) && Array.isArray(b.value[LABELS]) ? b.value[LABELS] : []);
  const resolve = (w: Written | undefined): Written | undefined => {
    if (!w || !isExpression(w.value)) return given(w);
    const m = /^var\.([A-Za-z_][\w-]*)$/.exec(w.value['@expr'].trim());
    if (!m) return w;
    for (const d of [doc, ...files]) {
      const variable = blocks(d, 'variable').find((b) => labels(b)[0] === m[1]);
      const def = child(variable, 'default');
      if (def && !isExpression(def.value)) return { value: def.value, node: w.node };
    }
    return w;
  };
  const field = (w: Written | undefined, key: string): Written | undefined => given(resolve(child(w, key)));
  const clusterOf = (id: Written | undefined): string | undefined => {
    const m = id && isExpression(id.value) ? /^azurerm_kubernetes_cluster\.([A-Za-z_][\w-]*)\.id$/.exec(id.value['@expr'].trim()) : null;
    if (!m) return undefined;
    for (const d of [doc, ...files]) {
      const cluster = blocks(d, 'resource').find((b) => labels(b)[0] === 'azurerm_kubernetes_cluster' && labels(b)[1] === m[1]);
      if (cluster) return text(field(cluster, 'name')) ?? m[1];
    }
    return m[1];
  };
  const out: FluxConfiguration[] = [];
  for (const block of blocks(doc, 'resource')) {
    if (labels(block)[0] !== RESOURCE) continue;
    const nameW = field(block, 'name');
    const name = text(nameW) ?? String(labels(block)[1] ?? '');
    const source = firstBlock(block, 'git_repository') ?? firstBlock(block, 'bucket') ?? firstBlock(block, 'blob_storage');
    const sourceType = source ? Object.keys(block.value as object).find((k) => ['git_repository', 'bucket', 'blob_storage'].includes(k)) : undefined;
    const refType = text(field(source, 'reference_type'));
    const refValue = text(field(source, 'reference_value'));
    const scope = text(field(block, 'scope'));
    out.push({
      doc,
      cluster: clusterOf(child(block, 'cluster_id')) ?? name,
      name: { value: name, node: (nameW ?? block).node },
      node: block.node,
      namespace: text(field(block, 'namespace')) ?? AZURE_DEFAULTS.namespace,
      // azurerm's default scope is namespace (the REST API's is cluster).
      scope: scope === 'cluster' ? 'cluster' : 'namespace',
      sourceKind: sourceType === 'git_repository' || !sourceType ? 'GitRepository' : 'Bucket',
      sourceNode: (source ?? block).node,
      url: text(field(source, 'url')),
      ...(refType && refValue && REFERENCE_TYPES.has(refType) ? { ref: { [refType]: refValue } } : {}),
      suspend: field(block, 'suspension_enabled')?.value === true,
      kustomizations: items(child(block, 'kustomizations')).map((k) => readKustomization(k, field)),
    });
  }
  return out;
}

function firstBlock(block: Written, type: string): Written | undefined {
  return items(child(block, type))[0];
}

const AZURERM_FIELDS: KustomizationFieldNames = {
  prune: 'garbage_collection_enabled',
  wait: 'wait',
  force: 'recreating_enabled',
  timeoutInSeconds: 'timeout_in_seconds',
  syncIntervalInSeconds: 'sync_interval_in_seconds',
  retryIntervalInSeconds: 'retry_interval_in_seconds',
  substitute: 'substitute',
  substituteFrom: 'substitute_from',
};

function readKustomization(k: Written, field: (w: Written | undefined, key: string) => Written | undefined): AzureKustomization {
  const nameW = field(k, 'name');
  const dependsOn = items(field(k, 'depends_on')).flatMap((d) => (text(d) ? [{ value: text(d)!, node: d.node }] : []));
  // post_build is a block: a list of one.
  return kustomizationOf({ value: text(nameW) ?? '', node: (nameW ?? k).node }, k, field, AZURERM_FIELDS, dependsOn, items(child(k, 'post_build'))[0]);
}
