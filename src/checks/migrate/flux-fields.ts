/**
 * Flux fields deprecated inside an apiVersion the target still serves (fluxFields rows whose version stays), moved in
 * place where the controller reads the new form exactly as it read the old one; else no fix and what to write:
 *  - HelmRelease spec.install.skipCRDs: helm-controller's install (internal/action/install.go since v0.37, Flux 2.2)
 *    reads only spec.install.crds (crdPolicyOrDefault: empty is Create) and before that the crds policy won over
 *    skipCRDs, whose false meant Create. So `skipCRDs: false`, or any skipCRDs next to a crds policy, changes nothing
 *    and is deleted. `skipCRDs: true` alone is not fixed: the API says "use crds: Skip", but the controller of Flux 2.2
 *    on ignores it and creates CRDs, so writing Skip would change what installs do; a person chooses.
 *  - HelmRelease spec.rollback.recreate (v2): "no longer functional" once helm-controller moved to the Helm 4 SDK
 *    (the field's API doc, Flux 2.8): deleted only when every cluster applying it runs such a Flux (or it is false).
 *  - Provider spec.interval (v1beta3): "Deprecated and not used in v1beta3" (the field's API doc): deleted.
 *  - Alert spec.summary (v1beta3): notification-controller (internal/server/event_handlers.go combineEventMetadata)
 *    puts spec.eventMetadata keys, then spec.summary as the key "summary", into the event metadata one after the
 *    other, so `eventMetadata.summary` holds the same value; refused when eventMetadata has a summary already.
 * Every result is checked against the bundled schema of the object's own apiVersion (flux.ts `checked`): it must
 * bring no problem the object did not have.
 */
import { DocText, MigrationRefused } from './doc-text.js';
import { checked, type ObjectInput } from './flux.js';
import { lineEnd } from './text.js';
import type { Migration } from './verify.js';
import { isRecord as isObj } from '../../util/values.js';

type Obj = Record<string, unknown>;


export interface FieldInput extends ObjectInput {
  /** True when every cluster applying the object runs a Flux at or past the row's deprecation (or none applies it). */
  everyTargetPastDeprecation: boolean;
}

/** Removes `key` of the mapping at `path` (text and value), and the mapping itself when that was its only key. */
function deleteField(doc: DocText, value: Obj, path: string[], key: string): void {
  const parent = path.reduce<Obj | undefined>((o, k) => (isObj(o?.[k]) ? (o[k] as Obj) : undefined), value);
  if (!parent) throw new MigrationRefused(`${path.join('.')} is not a mapping`);
  delete parent[key];
  if (Object.keys(parent).length === 0 && path.length > 1) {
    const up = path.slice(0, -1);
    const holder = up.reduce<Obj>((o, k) => o[k] as Obj, value);
    delete holder[path.at(-1)!];
    doc.deletePair(up, path.at(-1)!);
    return;
  }
  doc.deletePair(path, key);
}

const MOVES: Record<string, (doc: DocText, value: Obj, input: FieldInput) => void> = {
  'HelmRelease spec.install.skipCRDs': (doc, value) => {
    const install = (value.spec as Obj).install as Obj;
    if (install.skipCRDs === true && install.crds === undefined) {
      throw new MigrationRefused(
        'helm-controller ignores skipCRDs since Flux 2.2 and installs CRDs as spec.install.crds says (default Create): write crds: Skip to skip them as skipCRDs asks, or delete skipCRDs to keep what installs do now',
      );
    }
    deleteField(doc, value, ['spec', 'install'], 'skipCRDs');
  },
  'HelmRelease spec.rollback.recreate': (doc, value, input) => {
    const rollback = (value.spec as Obj).rollback as Obj;
    if (rollback.recreate === true && !input.everyTargetPastDeprecation) {
      throw new MigrationRefused('a cluster applying it runs a Flux before 2.8, whose rollbacks still recreate pods: delete it once every cluster runs Flux 2.8 or later');
    }
    deleteField(doc, value, ['spec', 'rollback'], 'recreate');
  },
  'Provider spec.interval': (doc, value) => deleteField(doc, value, ['spec'], 'interval'),
  'Alert spec.summary': (doc, value) => {
    const spec = value.spec as Obj;
    const summary = spec.summary;
    delete spec.summary;
    if (summary === null || summary === '') {
      doc.deletePair(['spec'], 'summary');
      return;
    }
    const metadata = spec.eventMetadata;
    if (isObj(metadata) && 'summary' in metadata) throw new MigrationRefused('spec.eventMetadata has a summary too, which spec.summary overrides: keep one of them in eventMetadata');
    const text = doc.valueText(['spec'], 'summary');
    if (text?.inline === undefined) throw new MigrationRefused('spec.summary is not written on one line');
    spec.eventMetadata = { ...(isObj(metadata) ? metadata : {}), summary };
    if (isObj(metadata) && Object.keys(metadata).length > 0) {
      doc.appendPair(['spec', 'eventMetadata'], 'summary', text.inline);
      doc.deletePair(['spec'], 'summary');
    } else {
      if (metadata !== undefined) throw new MigrationRefused('spec.eventMetadata is empty: write summary into it by hand');
      const pair = doc.pair(['spec'], 'summary')!;
      const end = pair.value!.range![1];
      const rest = doc.text.slice(end, lineEnd(doc.text, end)).replace(/\n$/, '');
      doc.replacePair(['spec'], 'summary', `eventMetadata:\n  summary: ${text.inline}${rest}\n`);
    }
  },
};

/** Rows (kind and dotted field) a move exists for. */
export const FLUX_FIELD_MOVES = new Set(Object.keys(MOVES));

/** The in-place fix of one deprecated field (`field`: its path with list indices left out), or why there is none. */
export function migrateFluxField(input: FieldInput, field: string): Migration {
  try {
    const doc = new DocText(input.text);
    const value = doc.doc().toJS() as unknown;
    if (!isObj(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || !isObj(value.spec)) return { refused: 'the document is not an object with a spec' };
    const move = MOVES[`${value.kind} ${field}`];
    if (!move) return { refused: '' };
    const parent = field.split('.').slice(0, -1).reduce<unknown>((o, k) => (isObj(o) ? o[k] : undefined), value);
    if (!isObj(parent) || !(field.split('.').at(-1)! in parent)) return { refused: 'nothing to migrate' };
    const expected = structuredClone(value);
    move(doc, expected, input);
    // The object keeps its version: the change must bring no schema problem it did not have (a fixture or a patch may
    // lack required fields; that is schema-validation's finding, not a reason to keep a deprecated field).
    const before = new Set(input.validate(value, value.apiVersion, value.kind) ?? []);
    return checked({ ...input, validate: (v, a, k) => input.validate(v, a, k)?.filter((p) => !before.has(p)) }, doc, expected, value.apiVersion, value.kind);
  } catch (err) {
    if (err instanceof MigrationRefused) return { refused: err.message };
    throw err;
  }
}
