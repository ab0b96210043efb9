/**
 * Flux objects moved to a newer apiVersion with the field migrations the move needs (the fluxFields rows of the
 * deprecation data; the controllers' removed fields):
 *  - Kustomization v1beta1/v1beta2 -> v1: spec.patchesStrategicMerge (objects) become spec.patches items holding the
 *    patch as text, first (kustomize applied them before `patches`); spec.patchesJson6902 items keep their target and
 *    hold their operations as text, last; spec.validation is removed (server-side apply validates);
 *  - HelmRelease v2beta1/v2beta2 -> v2: spec.chart.spec.valuesFile goes first in valuesFiles; each post-renderer's
 *    kustomize patchesStrategicMerge / patchesJson6902 into its patches, as for Kustomizations;
 *  - GitRepository: gitImplementation removed (ignored since source-controller v0.32), accessFrom removed (never
 *    implemented); HelmChart: valuesFile into valuesFiles, accessFrom removed; Bucket: accessFrom removed;
 *  - ImageUpdateAutomation: refused when its commit template uses .Updated or .Changed.ImageResult (removed in
 *    image-automation-controller v1.0: the template needs rewriting by a person).
 * Every result must validate against the bundled schema of the new version, else no fix and the schema's complaint
 * is the reason.
 */
import { parse } from 'yaml';
import { DocText, MigrationRefused, type KeyPath, type SeqChunk } from './doc-text.js';
import { shiftLines } from './text.js';
import { verifiedFix, type Migration } from './verify.js';
import { isRecord as isObj } from '../../util/values.js';

export interface ObjectInput {
  /** The document's text (from its first content line) and where it starts in the file. */
  text: string;
  start: number;
  /** Schema problems of a value as apiVersion/kind (messages), [] when valid, undefined when no schema is bundled. */
  validate(value: unknown, apiVersion: string, kind: string): string[] | undefined;
}

type Obj = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);

/** Rewrites the apiVersion scalar at `path` (the object's own by default) as written (quotes kept). */
export function setApiVersion(doc: DocText, from: string, to: string, path: KeyPath = ['apiVersion']): void {
  const node = doc.doc().getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) throw new MigrationRefused('apiVersion has no position');
  const source = doc.text.slice(node.range[0], node.range[1]);
  if (!source.includes(from)) throw new MigrationRefused('apiVersion is not written plainly');
  doc.setScalar(path, source.replace(from, to));
}

/** Migrates an object of `kind` from its apiVersion to `to`; refused with the reason when no safe rewrite exists. */
export function migrateFluxObject(input: ObjectInput, to: string): Migration {
  try {
    const doc = new DocText(input.text);
    const value = doc.doc().toJS() as unknown;
    if (!isObj(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return { refused: 'the document is not an object' };
    const expected = structuredClone(value);
    expected.apiVersion = to;
    const spec = isObj(expected.spec) ? expected.spec : undefined;
    if (spec) FIELD_MOVES[value.kind]?.(doc, spec);
    setApiVersion(doc, value.apiVersion, to);
    return checked(input, doc, expected, to, value.kind);
  } catch (err) {
    if (err instanceof MigrationRefused) return { refused: err.message };
    throw err;
  }
}

/** The verified fix, if the result also validates against the new version's schema. */
export function checked(input: ObjectInput, doc: DocText, expected: Obj, apiVersion: string, kind: string): Migration {
  const migration = verifiedFix(input.text, doc.text, input.start, expected, patchesAsData);
  if ('refused' in migration) return migration;
  const problems = input.validate(doc.doc().toJS(), apiVersion, kind);
  if (problems === undefined) return { refused: `no schema of ${apiVersion} ${kind} is bundled to check the result against` };
  if (problems.length > 0) return { refused: `as ${apiVersion} it would not be valid: ${problems[0]}` };
  return migration;
}

const FIELD_MOVES: Record<string, (doc: DocText, spec: Obj) => void> = {
  Kustomization: (doc, spec) => {
    delete spec.validation;
    doc.deletePair(['spec'], 'validation');
    movePatches(doc, ['spec'], spec);
  },
  HelmRelease: (doc, spec) => {
    const chartSpec = isObj(spec.chart) && isObj(spec.chart.spec) ? spec.chart.spec : undefined;
    if (chartSpec) valuesFileIntoList(doc, ['spec', 'chart', 'spec'], chartSpec);
    list(spec.postRenderers).forEach((renderer, i) => {
      if (isObj(renderer) && isObj(renderer.kustomize)) movePatches(doc, ['spec', 'postRenderers', i, 'kustomize'], renderer.kustomize);
    });
  },
  GitRepository: (doc, spec) => {
    for (const field of ['gitImplementation', 'accessFrom']) {
      delete spec[field];
      doc.deletePair(['spec'], field);
    }
  },
  HelmChart: (doc, spec) => {
    valuesFileIntoList(doc, ['spec'], spec);
    delete spec.accessFrom;
    doc.deletePair(['spec'], 'accessFrom');
  },
  Bucket: (doc, spec) => {
    delete spec.accessFrom;
    doc.deletePair(['spec'], 'accessFrom');
  },
  ImageUpdateAutomation: (_doc, spec) => {
    const template = (spec.git as { commit?: { messageTemplate?: unknown } } | undefined)?.commit?.messageTemplate;
    if (typeof template === 'string' && /\.Updated\b|\.Changed\.ImageResult\b/.test(template)) {
      throw new MigrationRefused('its commit messageTemplate uses .Updated or .Changed.ImageResult, which image-automation-controller v1 removed: rewrite it with .Changed.FileChanges, .Changed.Objects or .Changed.Changes');
    }
  },
};

function valuesFileIntoList(doc: DocText, path: KeyPath, spec: Obj): void {
  if (!('valuesFile' in spec)) return;
  const file = spec.valuesFile;
  delete spec.valuesFile;
  if (file === null || file === '') {
    doc.deletePair(path, 'valuesFile');
    return;
  }
  spec.valuesFiles = [file, ...list(spec.valuesFiles)];
  doc.scalarIntoList(path, 'valuesFile', 'valuesFiles');
}

/** patchesStrategicMerge (objects) and patchesJson6902 ({target, patch: ops}) of a Flux kustomize block into `patches`. */
function movePatches(doc: DocText, path: KeyPath, block: Obj): void {
  if ('patchesJson6902' in block) {
    block.patches = [...list(block.patches), ...list(block.patchesJson6902)];
    delete block.patchesJson6902;
    doc.moveItems(path, 'patchesJson6902', 'patches', 'end', opsAsText);
  }
  if ('patchesStrategicMerge' in block) {
    block.patches = [...list(block.patchesStrategicMerge).map((patch) => ({ patch })), ...list(block.patches)];
    delete block.patchesStrategicMerge;
    doc.moveItems(path, 'patchesStrategicMerge', 'patches', 'start', objectAsPatchText);
  }
}

/** `- <object>` becomes `- patch: |` holding the object's lines. */
function objectAsPatchText(chunk: SeqChunk): SeqChunk {
  if (!isObj(chunk.value)) throw new MigrationRefused('a patchesStrategicMerge item is not an object');
  if (!chunk.body.startsWith('- ')) throw new MigrationRefused('a list item does not start with "- "');
  const lines = `  ${chunk.body.slice(2)}`;
  return { ...chunk, body: `- patch: |\n${shiftLines(lines, 2)!}` };
}

/** A JSON 6902 item's `patch` (a list of operations) written as text, its target unchanged. */
function opsAsText(chunk: SeqChunk): SeqChunk {
  if (!isObj(chunk.value) || !Array.isArray(chunk.value.patch)) return chunk;
  const item = new DocText(chunk.body);
  const value = item.valueText([0], 'patch')!;
  const text = value.inline !== undefined ? `  ${value.inline}\n` : shiftLines(value.block, 2)!;
  item.replacePair([0], 'patch', `patch: |\n${text}`);
  return { ...chunk, body: item.text };
}

/** Patches written as text compared as the data they hold (both sides of the check). */
function patchesAsData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(patchesAsData);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === 'patches' && Array.isArray(v) ? v.map((p) => (isObj(p) && typeof p.patch === 'string' ? { ...p, patch: parse(p.patch) as unknown } : patchesAsData(p))) : patchesAsData(v);
  }
  return out;
}
