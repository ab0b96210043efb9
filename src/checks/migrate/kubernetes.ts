/**
 * Kubernetes built-in apiVersions removed by a release, where the replacement is the same object under a new
 * apiVersion (the API server converts between them losslessly, so the same fields mean the same). Structural moves
 * (extensions/v1beta1 Ingress, apps/v1beta* workloads whose defaults differ, admissionregistration and
 * apiextensions v1beta1, discovery v1beta1 EndpointSlice topology, autoscaling/v2beta1 metrics) get no fix: the
 * finding says what to change.
 */
import { DocText, MigrationRefused } from './doc-text.js';
import { checked, setApiVersion, type ObjectInput } from './flux.js';
import type { Migration } from './verify.js';

interface Mechanical {
  to: string;
  /** Why the same fields would not mean the same for this object, if they would not. */
  unsafe?: (value: Record<string, unknown>) => string | undefined;
}

/** The same kinds moved from one apiVersion to another. */
const moves = (from: string, to: string, kinds: string[]): [string, Mechanical][] => kinds.map((kind) => [`${from}/${kind}`, { to }]);

/** `<old apiVersion>/<Kind>` -> the replacement. */
const MECHANICAL = new Map<string, Mechanical>([
  [
    'policy/v1beta1/PodDisruptionBudget',
    {
      to: 'policy/v1',
      // policy/v1beta1 reads an empty selector as "no pods", policy/v1 as "every pod of the namespace".
      unsafe: (v) => {
        const selector = (v.spec as { selector?: Record<string, unknown> } | undefined)?.selector;
        const empty = !selector || Object.values(selector).every((x) => x === null || (typeof x === 'object' && Object.keys(x).length === 0));
        return empty ? 'its selector is empty: policy/v1beta1 selects no pod with it, policy/v1 every pod of the namespace; give it a selector first' : undefined;
      },
    },
  ],
  ...moves('batch/v1beta1', 'batch/v1', ['CronJob']),
  ...moves('autoscaling/v2beta2', 'autoscaling/v2', ['HorizontalPodAutoscaler']),
  ...moves('rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1', ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']),
  ...moves('scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1', ['PriorityClass']),
  ...moves('storage.k8s.io/v1beta1', 'storage.k8s.io/v1', ['StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode', 'CSIStorageCapacity']),
  ...moves('coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', ['Lease']),
  ...moves('networking.k8s.io/v1beta1', 'networking.k8s.io/v1', ['IngressClass']),
  ...moves('node.k8s.io/v1beta1', 'node.k8s.io/v1', ['RuntimeClass']),
]);

/** The replacement apiVersion when the move is mechanical for this kind. */
export function mechanicalReplacement(apiVersion: string, kind: string): string | undefined {
  return MECHANICAL.get(`${apiVersion}/${kind}`)?.to;
}

export function migrateKubernetesObject(input: ObjectInput): Migration {
  try {
    const doc = new DocText(input.text);
    const value = doc.doc().toJS() as Record<string, unknown> | null;
    if (!value || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return { refused: 'the document is not an object' };
    const move = MECHANICAL.get(`${value.apiVersion}/${value.kind}`);
    if (!move) return { refused: `${value.apiVersion} ${value.kind} has no mechanical replacement: its fields change` };
    const unsafe = move.unsafe?.(value);
    if (unsafe) return { refused: unsafe };
    setApiVersion(doc, value.apiVersion, move.to);
    return checked(input, doc, { ...value, apiVersion: move.to }, move.to, value.kind);
  } catch (err) {
    if (err instanceof MigrationRefused) return { refused: err.message };
    throw err;
  }
}
