/**
 * A Flux configuration in the Azure REST shape (`properties` of a fluxConfigurations resource in Bicep, ARM JSON, or
 * `fluxConfigurations` in .gitops-lint.yaml): `namespace`, `scope`, `sourceKind`, `gitRepository` / `bucket` /
 * `azureBlob` / `ociRepository`, `suspend`, and `kustomizations`, a map from name to `{path, dependsOn, prune, ...}`.
 */
import type { YamlDocument, YNode } from '../../load/types.js';
import { AZURE_DEFAULTS, AZURE_SOURCE_KINDS, type AzureKustomization, type FluxConfiguration, type Written } from './model.js';
import { child, entries, given, isObj, items, text } from './written.js';

/** Turns an expression into the value it stands for when it can (a Bicep parameter's default); else returns it as is. */
export type Resolve = (w: Written) => Written;

const SOURCE_FIELDS: Record<string, string> = {
  GitRepository: 'gitRepository',
  Bucket: 'bucket',
  AzureBlob: 'azureBlob',
  OCIRepository: 'ociRepository',
};

export function readRestConfiguration(
  doc: YamlDocument,
  cluster: string,
  name: Written<string>,
  node: YNode,
  properties: Written,
  resolve: Resolve,
): FluxConfiguration {
  const field = (w: Written | undefined, key: string): Written | undefined => {
    const c = given(child(w, key));
    return c ? given(resolve(c)) : undefined;
  };
  const sourceKind = text(field(properties, 'sourceKind')) ?? 'GitRepository';
  const source = field(properties, SOURCE_FIELDS[sourceKind] ?? 'gitRepository');
  const repositoryRef = field(source, 'repositoryRef');
  const ref: Record<string, string> = {};
  for (const key of ['branch', 'tag', 'semver', 'commit']) {
    const v = text(field(repositoryRef, key));
    if (v) ref[key] = v;
  }
  const scope = text(field(properties, 'scope'));
  return {
    doc,
    cluster,
    name,
    node,
    namespace: text(field(properties, 'namespace')) ?? AZURE_DEFAULTS.namespace,
    scope: scope === 'namespace' ? 'namespace' : 'cluster',
    sourceKind: AZURE_SOURCE_KINDS[sourceKind] ?? sourceKind,
    sourceNode: source?.node ?? node,
    url: text(field(source, 'url')),
    ...(Object.keys(ref).length > 0 ? { ref } : {}),
    suspend: field(properties, 'suspend')?.value === true,
    kustomizations: entries(field(properties, 'kustomizations')).map(({ key, value }) => readKustomization(key, value, field)),
  };
}

function readKustomization(
  name: Written<string>,
  k: Written,
  field: (w: Written | undefined, key: string) => Written | undefined,
): AzureKustomization {
  // dependsOn: names of siblings; API versions before 2022-03 wrote `{kustomizationName}` objects.
  const dependsOn = items(field(k, 'dependsOn')).flatMap((d) => {
    const named = isObj(d.value) ? child(d, 'kustomizationName') : d;
    const value = text(named);
    return value ? [{ value, node: named!.node }] : [];
  });
  return kustomizationOf(name, k, field, REST_FIELDS, dependsOn, field(k, 'postBuild'));
}

/** What each kustomization field is called in a shape (the REST API's, azurerm's). */
export interface KustomizationFieldNames {
  prune: string;
  wait: string;
  force: string;
  timeoutInSeconds: string;
  syncIntervalInSeconds: string;
  retryIntervalInSeconds: string;
  substitute: string;
  substituteFrom: string;
}

const REST_FIELDS: KustomizationFieldNames = {
  prune: 'prune',
  wait: 'wait',
  force: 'force',
  timeoutInSeconds: 'timeoutInSeconds',
  syncIntervalInSeconds: 'syncIntervalInSeconds',
  retryIntervalInSeconds: 'retryIntervalInSeconds',
  substitute: 'substitute',
  substituteFrom: 'substituteFrom',
};

/** The fields every shape shares, read under their names in that shape (`postBuild`: the post-build mapping). */
export function kustomizationOf(
  name: Written<string>,
  k: Written,
  field: (w: Written | undefined, key: string) => Written | undefined,
  names: KustomizationFieldNames,
  dependsOn: Written<string>[],
  postBuild: Written | undefined,
): AzureKustomization {
  const substitute = field(postBuild, names.substitute);
  return {
    name,
    node: k.node,
    path: field(k, 'path'),
    dependsOn,
    prune: field(k, names.prune),
    wait: field(k, names.wait),
    force: field(k, names.force),
    timeoutInSeconds: field(k, names.timeoutInSeconds),
    syncIntervalInSeconds: field(k, names.syncIntervalInSeconds),
    retryIntervalInSeconds: field(k, names.retryIntervalInSeconds),
    ...(substitute && isObj(substitute.value) ? { substitute: stringMap(substitute) } : {}),
    substituteFrom: items(child(postBuild, names.substituteFrom)).flatMap((s) => {
      const sName = text(field(s, 'name'));
      if (!sName) return [];
      return [{ value: { kind: text(field(s, 'kind')) ?? 'ConfigMap', name: sName, optional: field(s, 'optional')?.value === true }, node: s.node }];
    }),
  };
}

/** A map's literal scalar values as strings (expressions left out: their values are not known here). */
export function stringMap(w: Written): Written<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { key, value } of entries(w)) {
    if (value.value !== null && typeof value.value !== 'object') out[key.value] = String(value.value);
  }
  return { value: out, node: w.node };
}
