/**
 * kustomize's deprecated kustomization fields moved as `kustomize edit fix` moves them (api/types/kustomization.go
 * FixKustomization, FixKustomizationPreMarshalling, api/types/fix.go), but on the text, so comments, key order,
 * quoting and indentation stay:
 *  - bases: appended to resources; imageTags: appended to images;
 *  - patchesStrategicMerge: each entry a `patches` item, `path: <file>` when the file exists, else `patch: <inline>`;
 *  - patchesJson6902: items moved unchanged into patches (they already have target and path/patch);
 *  - commonLabels: a `labels` item with `pairs` and `includeSelectors: true` (refused when a key is in labels already,
 *    as edit fix refuses);
 *  - env of a configMapGenerator / secretGenerator item: appended to its `envs` (FixKustomization; kustomize's build
 *    runs the same FixKustomization on every kustomization it loads, api/internal/target/kusttarget.go Load, so the
 *    generated objects are the same); an empty env is dropped, as its omitempty field is.
 * One difference on purpose: kustomize applies patchesStrategicMerge before `patches` and patchesJson6902 after them,
 * so the moved strategic merge patches go first in `patches` and the JSON 6902 ones last; edit fix appends both, which
 * can change the build when two patches touch one field.
 * Refused (no fix, the reason said): a patch file or inline patch holding several documents (edit fix splits files),
 * flow-style lists, and anything whose rewrite does not verify (verify.ts).
 */
import { DocText, MigrationRefused, type SeqChunk } from './doc-text.js';
import { shiftLines, withNewline } from './text.js';
import { verifiedFix, type Migration } from './verify.js';

export const KUSTOMIZE_FIXABLE_FIELDS = ['bases', 'imageTags', 'patchesStrategicMerge', 'patchesJson6902', 'commonLabels', 'env'] as const;
export type KustomizeFixableField = (typeof KUSTOMIZE_FIXABLE_FIELDS)[number];

export interface KustomizationInput {
  /** The document's text (from its first content line) and where it starts in the file. */
  text: string;
  start: number;
  /**
   * Documents in the file a patchesStrategicMerge entry names, relative to the kustomization's folder, or undefined
   * when no such file exists (then the entry is an inline patch, as kustomize decides with fSys.Exists).
   */
  patchFileDocuments(ref: string): number | undefined;
}

type Kustomization = Record<string, unknown>;

export function migrateKustomization(input: KustomizationInput, fields: readonly KustomizeFixableField[] = KUSTOMIZE_FIXABLE_FIELDS): Migration {
  try {
    const doc = new DocText(input.text);
    const value = doc.doc().toJS() as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { refused: 'the kustomization is not a mapping' };
    const expected = { ...(value as Kustomization) };
    for (const field of KUSTOMIZE_FIXABLE_FIELDS) {
      if (!fields.includes(field) || !(field === 'env' ? generatorsWithEnv(expected).length > 0 : field in expected)) continue;
      STEPS[field](doc, expected, input);
    }
    return verifiedFix(input.text, doc.text, input.start, expected);
  } catch (err) {
    if (err instanceof MigrationRefused) return { refused: err.message };
    throw err;
  }
}

/**
 * The fix for one deprecated field's finding: one edit moving as many of the document's deprecated fields as move
 * together, so all their findings carry the same edit (applied once). Fixes computed apart would each assume the
 * others were not applied: two renames of different fields to `patches` would write the key twice. The fields are
 * taken in a fixed order, each kept when the edit still verifies with it; a field that only moves alone waits for
 * the next pass of --fix, which sees the others moved.
 */
export function migrateKustomizationField(input: KustomizationInput, field: KustomizeFixableField): Migration {
  const alone = migrateKustomization(input, [field]);
  if ('refused' in alone) return alone;
  let together: KustomizeFixableField[] = [];
  let edit: Migration = alone;
  for (const f of KUSTOMIZE_FIXABLE_FIELDS) {
    const m = migrateKustomization(input, [...together, f]);
    if ('fix' in m) [together, edit] = [[...together, f], m];
  }
  if (together.includes(field)) return edit;
  const m = migrateKustomization(input, [...together, field]);
  return { refused: `not in the same edit as ${together.filter((f) => f !== field).join(', ')} (${'refused' in m ? m.refused : ''}): a second pass of --fix moves it` };
}

/** The generator items holding `env`: [generator field, index]. */
function generatorsWithEnv(k: Kustomization): [string, number][] {
  return GENERATORS.flatMap((gen) => list(k[gen]).flatMap((item, i) => (item !== null && typeof item === 'object' && 'env' in item ? [[gen, i] as [string, number]] : [])));
}

const GENERATORS = ['configMapGenerator', 'secretGenerator'];

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);

const STEPS: Record<KustomizeFixableField, (doc: DocText, expected: Kustomization, input: KustomizationInput) => void> = {
  bases: (doc, expected) => {
    expected.resources = [...list(expected.resources), ...list(expected.bases)];
    delete expected.bases;
    doc.moveItems([], 'bases', 'resources', 'end');
  },
  imageTags: (doc, expected) => {
    expected.images = [...list(expected.images), ...list(expected.imageTags)];
    delete expected.imageTags;
    doc.moveItems([], 'imageTags', 'images', 'end');
  },
  patchesJson6902: (doc, expected) => {
    expected.patches = [...list(expected.patches), ...list(expected.patchesJson6902)];
    delete expected.patchesJson6902;
    doc.moveItems([], 'patchesJson6902', 'patches', 'end');
  },
  patchesStrategicMerge: (doc, expected, input) => {
    const moved = list(expected.patchesStrategicMerge).map((entry) => {
      if (typeof entry !== 'string') throw new MigrationRefused('a patchesStrategicMerge entry is not a string');
      const documents = input.patchFileDocuments(entry);
      if (documents === undefined) {
        if (inlineDocuments(entry) > 1) throw new MigrationRefused('an inline patch holds several documents: write each as its own patches item');
        return { patch: entry };
      }
      if (documents > 1) throw new MigrationRefused(`${entry} holds ${documents} documents: split it into one file per patch, then list each under patches`);
      return { path: entry };
    });
    expected.patches = [...moved, ...list(expected.patches)];
    delete expected.patchesStrategicMerge;
    doc.moveItems([], 'patchesStrategicMerge', 'patches', 'start', (chunk) => asPatchItem(chunk, typeof chunk.value === 'string' && input.patchFileDocuments(chunk.value) !== undefined ? 'path' : 'patch'));
  },
  env: envIntoEnvs,
  commonLabels: (doc, expected) => {
    const pairs = expected.commonLabels;
    delete expected.commonLabels;
    if (pairs === null || pairs === undefined || (typeof pairs === 'object' && Object.keys(pairs).length === 0)) {
      doc.deletePair([], 'commonLabels');
      return;
    }
    if (typeof pairs !== 'object' || Array.isArray(pairs)) throw new MigrationRefused('commonLabels is not a mapping');
    for (const label of list(expected.labels)) {
      const existing = (label as { pairs?: Record<string, unknown> } | null)?.pairs ?? {};
      const both = Object.keys(pairs).find((k) => k in existing);
      if (both !== undefined) throw new MigrationRefused(`label ${both} is in both commonLabels and labels: merge them by hand`);
    }
    expected.labels = [...list(expected.labels), { pairs, includeSelectors: true }];
    const value = doc.valueText([], 'commonLabels')!;
    const item = value.inline !== undefined ? `- pairs: ${value.inline}\n  includeSelectors: true\n` : `- pairs:\n${withNewline(shiftLines(value.block, 4)!)}  includeSelectors: true\n`;
    if (doc.has([], 'labels')) {
      doc.appendItem([], 'labels', item);
      doc.deletePair([], 'commonLabels');
    } else {
      doc.replacePair([], 'commonLabels', `labels:\n${item}`);
    }
  },
};

/** Each generator item's singular env appended to its envs (FixKustomization: `EnvSources = append(EnvSources, EnvSource)`). */
function envIntoEnvs(doc: DocText, expected: Kustomization): void {
  for (const [gen, i] of generatorsWithEnv(expected)) {
    const items = [...(expected[gen] as unknown[])];
    const item = { ...(items[i] as Record<string, unknown>) };
    const env = item.env;
    delete item.env;
    if (env === null || env === '') {
      doc.deletePair([gen, i], 'env');
    } else {
      if (typeof env !== 'string') throw new MigrationRefused(`${gen}[${i}].env is not a file name`);
      item.envs = [...list(item.envs), env];
      doc.scalarIntoList([gen, i], 'env', 'envs', 'end');
    }
    items[i] = item;
    expected[gen] = items;
  }
}

/** `- <entry>` becomes `- <key>: <entry>`; the entry's further lines (a block scalar's) move right to stay inside it. */
export function asPatchItem(chunk: SeqChunk, key: 'path' | 'patch'): SeqChunk {
  const nl = chunk.body.indexOf('\n');
  const first = nl === -1 ? chunk.body : chunk.body.slice(0, nl);
  const rest = nl === -1 ? '' : chunk.body.slice(nl + 1);
  if (!first.startsWith('- ')) throw new MigrationRefused('a list item does not start with "- "');
  return { ...chunk, body: `- ${key}: ${first.slice(2)}\n${shiftLines(rest, 2)!}` };
}

/** Documents in an inline patch, split as kustomize's kio.SplitDocuments does (`---` lines), empty ones not counted. */
function inlineDocuments(text: string): number {
  return text.split(/^---[ \t]*$/m).filter((part) => part.trim() !== '').length;
}

/**
 * What to write instead of a deprecated field --fix leaves to a person (said in the finding; '' when the finding's
 * own replacement says it all):
 *  - vars: `kustomize edit fix` keeps them (only its experimental `--vars` converts, and warns the output may differ:
 *    kustomize/commands/edit/fix/convert.go); a replacement copies a whole field, a var may sit inside a longer string;
 *  - helmChartInflationGenerator: kustomize converts it when it loads the file (FixKustomization, SplitHelmParameters
 *    in api/types/helmchartargs.go), so the move below is exact, but no helm binary is at hand to prove a render.
 */
export function kustomizeByHand(field: string): string {
  if (field === 'vars') {
    return 'kustomize edit fix leaves vars too: for each var write a replacements item with source {kind, name} of its objref and fieldPath its fieldref.fieldpath (default metadata.name), and one target per field holding $(NAME) (select {kind, name} and fieldPaths); a $(NAME) inside a longer value needs options.delimiter and options.index, or a patch';
  }
  if (field === 'helmChartInflationGenerator') {
    return 'move each item to helmCharts renaming chartName to name, chartVersion to version, chartRepoUrl to repo, values to valuesFile and valuesLocal to valuesInline (valuesMerge and releaseName stay), and chartHome and helmHome to helmGlobals chartHome and configHome; kustomize ignores releaseNamespace (helmCharts has namespace), chartRepoName, helmBin and extraArgs';
  }
  return '';
}
