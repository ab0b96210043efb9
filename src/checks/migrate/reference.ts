/**
 * An object reference whose apiVersion a controller uses as written: notification-controller asks for each Receiver
 * spec.resources[] object at that group and version (internal/server/receiver_handlers.go requestReconciliation sets
 * the GroupVersionKind from it), so a version the cluster no longer serves fails every webhook call with "no matches
 * for kind". The object is the same at any version its CRD serves: only the version text changes, quotes and
 * comments kept.
 */
import { DocText, MigrationRefused, type KeyPath } from './doc-text.js';
import { setApiVersion } from './flux.js';
import { verifiedFix, type Migration } from './verify.js';

export function migrateReference(input: { text: string; start: number }, path: KeyPath, to: string): Migration {
  try {
    const doc = new DocText(input.text);
    const expected = doc.doc().toJS() as unknown;
    const holder = path.slice(0, -1).reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), expected);
    const key = path.at(-1)!;
    const from = (holder as Record<string | number, unknown> | undefined)?.[key];
    if (typeof from !== 'string') return { refused: 'the reference has no apiVersion' };
    (holder as Record<string | number, unknown>)[key] = to;
    setApiVersion(doc, from, to, path);
    return verifiedFix(input.text, doc.text, input.start, expected);
  } catch (err) {
    if (err instanceof MigrationRefused) return { refused: err.message };
    throw err;
  }
}
