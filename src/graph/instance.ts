/**
 * flux-operator's FluxInstance `spec.sync`: the operator creates a source (GitRepository, OCIRepository or Bucket)
 * and a Flux Kustomization applying `sync.path`, both named `sync.name` or else after the instance's namespace, in
 * that namespace (https://fluxoperator.dev/docs/instance/sync.md: "using the namespace name as the Flux source and
 * Kustomization name", the names `flux bootstrap` uses). The flux-instance Helm chart creates the same FluxInstance from
 * its `instance` values, so a HelmRelease with `values.instance.sync` is read the same way (namespace: the release's
 * target namespace, else its own).
 *
 * Read from the documented fields only: flux-operator's CRDs are AGPL-3.0 and are not bundled.
 */
import type { PathSegment, YamlDocument } from '../load/types.js';
import { FLUX_NAMESPACE, isFluxInstance, isHelmRelease } from '../k8s/flux.js';
import type { At } from './types.js';
import { isRecord as isObj, nonEmptyString as str } from '../util/values.js';


const SYNC_KINDS = new Set(['GitRepository', 'OCIRepository', 'Bucket']);

/** What one FluxInstance's sync creates on its cluster. */
export interface InstanceSync {
  /** The FluxInstance (or flux-instance HelmRelease) document. */
  doc: YamlDocument;
  kind: string;
  name: string;
  namespace: string;
  /** spec.sync.path as written. */
  path: string;
  url?: string;
  /** Where spec.sync is written. */
  at: At;
}

/** The sync of a FluxInstance or flux-instance HelmRelease document; undefined when it has none. */
export function readInstanceSync(doc: YamlDocument): InstanceSync | undefined {
  if (!isObj(doc.value) || !isObj(doc.value.spec)) return undefined;
  const spec = doc.value.spec;
  const metadata = isObj(doc.value.metadata) ? doc.value.metadata : {};
  let sync: unknown;
  let path: PathSegment[];
  let namespace: string;
  if (isFluxInstance(doc)) {
    sync = spec.sync;
    path = ['spec', 'sync'];
    namespace = str(metadata.namespace) ?? FLUX_NAMESPACE;
  } else if (isHelmRelease(doc) && isObj(spec.values) && isObj(spec.values.instance)) {
    sync = spec.values.instance.sync;
    path = ['spec', 'values', 'instance', 'sync'];
    namespace = str(spec.targetNamespace) ?? str(metadata.namespace) ?? FLUX_NAMESPACE;
  } else return undefined;
  if (!isObj(sync)) return undefined;
  const kind = str(sync.kind);
  if (!kind || !SYNC_KINDS.has(kind)) return undefined;
  return {
    doc,
    kind,
    name: str(sync.name) ?? namespace,
    namespace,
    path: typeof sync.path === 'string' ? sync.path : '',
    url: str(sync.url),
    at: { doc, path },
  };
}
