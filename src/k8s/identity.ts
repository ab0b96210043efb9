/** Object identity as a cluster sees it, and which kinds are cluster-scoped or keep their name under kustomize. */

/** Identity of an object as the cluster sees it (after kustomize namespace/namePrefix/nameSuffix and Flux targetNamespace). */
export interface ObjectId {
  /** API group ('' for core). */
  group: string;
  /** Full apiVersion as written. */
  apiVersion: string;
  kind: string;
  /** Undefined for cluster-scoped kinds and for namespaced objects with no namespace set anywhere. */
  namespace?: string;
  name: string;
}

/** `group/Kind/namespace/name`: two objects with the same key are the same object on a cluster. */
export function idKey(id: Pick<ObjectId, 'group' | 'kind' | 'namespace' | 'name'>): string {
  return `${id.group}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

/** `Kind/namespace/name` of a Flux source: the keys of RepoGraph.externalSources. */
export function sourceKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** Built-in and common add-on kinds that are cluster-scoped: kustomize and Flux never set a namespace on them. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'PodSecurityPolicy',
  'ComponentStatus',
  'ClusterIssuer',
  'ClusterSecretStore',
  'ClusterExternalSecret',
  'GatewayClass',
  'ClusterPolicy',
  'ClusterCleanupPolicy',
  'ClusterPolicyReport',
  'ClusterServiceVersion',
  'IPAddressPool',
  'CiliumClusterwideNetworkPolicy',
  'CiliumLoadBalancerIPPool',
  'CiliumNode',
  'ClusterTriggerBinding',
  'VolumeSnapshotClass',
  'VolumeSnapshotContent',
]);

/** Kinds kustomize's namePrefix/nameSuffix leave alone. */
const NO_PREFIX_KINDS = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

/** API groups the Kubernetes API server serves itself (not custom resources): kustomize knows their schemas. */
const BUILTIN_GROUPS = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

export function isBuiltinGroup(group: string): boolean {
  return BUILTIN_GROUPS.has(group);
}

export function isKnownClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

export function takesNamePrefix(kind: string): boolean {
  return !NO_PREFIX_KINDS.has(kind);
}

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

/** `group/version/Kind` of every version a CustomResourceDefinition value declares (the keys schemas are found by). */
export function crdVersionKeys(value: unknown): string[] {
  const spec = (value as { spec?: { group?: unknown; names?: { kind?: unknown }; versions?: unknown } } | null)?.spec;
  if (typeof spec?.group !== 'string' || typeof spec.names?.kind !== 'string' || !Array.isArray(spec.versions)) return [];
  return (spec.versions as { name?: unknown }[]).map((v) => `${spec.group}/${String(v?.name)}/${spec.names!.kind}`);
}

/** `group/Kind` of the custom resources a CustomResourceDefinition value defines, when it names both. */
export function crdKindKey(value: unknown): string | undefined {
  const spec = (value as { spec?: { group?: unknown; names?: { kind?: unknown } } } | null)?.spec;
  const group = spec?.group;
  const kind = spec?.names?.kind;
  return typeof group === 'string' && typeof kind === 'string' ? `${group}/${kind}` : undefined;
}
