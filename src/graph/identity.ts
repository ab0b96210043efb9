/** Object identity of documents: which kinds are cluster-scoped in this repo (built-in list plus its CRDs). */
import { groupOf } from '../k8s/api-version.js';
import { crdKindKey, isKnownClusterScopedKind, type ObjectId } from '../k8s/identity.js';
import type { YamlDocument } from '../load/types.js';

/** Cluster-scoped kinds: the built-in list plus `group/Kind` of CRDs in the repo with `scope: Cluster`. */
export class Scopes {
  private readonly crdClusterKinds = new Set<string>();

  constructor(docs: Iterable<YamlDocument>) {
    for (const doc of docs) {
      if (doc.kind !== 'CustomResourceDefinition') continue;
      const key = crdKindKey(doc.value);
      if (key && (doc.value as { spec: { scope?: unknown } }).spec.scope === 'Cluster') this.crdClusterKinds.add(key);
    }
  }

  isClusterScoped(group: string, kind: string): boolean {
    return isKnownClusterScopedKind(kind) || this.crdClusterKinds.has(`${group}/${kind}`);
  }
}

/** Identity of a document as written (no transforms yet). */
export function idOf(doc: YamlDocument, scopes: Scopes): ObjectId {
  const apiVersion = doc.apiVersion ?? '';
  const group = groupOf(apiVersion);
  const kind = doc.kind ?? '';
  const clusterScoped = scopes.isClusterScoped(group, kind);
  return { group, apiVersion, kind, name: doc.name ?? '', namespace: clusterScoped ? undefined : doc.namespace };
}
