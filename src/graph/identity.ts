/** Object identity: API group, which kinds are cluster-scoped, keys. */
import type { YamlDocument } from '../load/types.js';
import type { ObjectId } from './types.js';

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

export function groupOf(apiVersion: string | undefined): string {
  const slash = apiVersion?.indexOf('/') ?? -1;
  return slash < 0 ? '' : apiVersion!.slice(0, slash);
}

/** Cluster-scoped kinds: the built-in list plus `group/Kind` of CRDs in the repo with `scope: Cluster`. */
export class Scopes {
  private readonly crdClusterKinds = new Set<string>();

  constructor(docs: Iterable<YamlDocument>) {
    for (const doc of docs) {
      if (doc.kind !== 'CustomResourceDefinition') continue;
      const spec = (doc.value as { spec?: { scope?: unknown; group?: unknown; names?: { kind?: unknown } } }).spec;
      if (spec?.scope === 'Cluster' && typeof spec.group === 'string' && typeof spec.names?.kind === 'string') {
        this.crdClusterKinds.add(`${spec.group}/${spec.names.kind}`);
      }
    }
  }

  isClusterScoped(group: string, kind: string): boolean {
    return CLUSTER_SCOPED_KINDS.has(kind) || this.crdClusterKinds.has(`${group}/${kind}`);
  }
}

export function takesNamePrefix(kind: string): boolean {
  return !NO_PREFIX_KINDS.has(kind);
}

/** Identity of a document as written (no transforms yet). */
export function idOf(doc: YamlDocument, scopes: Scopes): ObjectId {
  const apiVersion = doc.apiVersion ?? '';
  const group = groupOf(apiVersion);
  const kind = doc.kind ?? '';
  const clusterScoped = scopes.isClusterScoped(group, kind);
  return { group, apiVersion, kind, name: doc.name ?? '', namespace: clusterScoped ? undefined : doc.namespace };
}

/** `group/Kind/namespace/name`: two objects with the same key are the same object on a cluster. */
export function idKey(id: ObjectId): string {
  return `${id.group}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}
