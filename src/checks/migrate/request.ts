/**
 * One entry point for the deprecation rules (issue 8 parts 1-2, src/checks/deprecations/fix.ts on branch depr, whose
 * `migrationFor(ctx, request)` takes requests of this shape): the migration a finding asks for, or why there is none
 * ('' when no migration exists for it at all). Wiring is `migrationFor = (ctx, request) => migrationFor(ctx, request)`
 * from here.
 */
import type { PathSegment, YamlDocument } from '../../load/types.js';
import type { RunData } from '../types.js';
import { fluxFieldMigration, fluxObjectMigration, kubernetesObjectMigration, kustomizationFieldMigration } from './attach.js';
import { FLUX_FIELD_MOVES } from './flux-fields.js';
import { migrateReference } from './reference.js';
import { mechanicalReplacement } from './kubernetes.js';
import { KUSTOMIZE_FIXABLE_FIELDS, kustomizeByHand, type KustomizeFixableField } from './kustomize.js';
import type { Migration } from './verify.js';

export type MigrationRequest =
  | { kind: 'apiVersion'; family: 'flux' | 'flux-legacy' | 'kubernetes' | 'companion'; doc: YamlDocument; to: string }
  /**
   * A deprecated or removed Flux field; `to` (the newest apiVersion of the kind on the target, when the object's own
   * is deprecated or gone) lets the object's move carry it. `everyTargetPastDeprecation`: every cluster applying the
   * object runs a Flux at or past the field's deprecation (a field that stopped working there may go).
   */
  | { kind: 'flux-field'; doc: YamlDocument; path: PathSegment[]; row: string; to?: string; everyTargetPastDeprecation?: boolean }
  | { kind: 'kustomize-field'; doc: YamlDocument; field: string }
  /** A reference a controller follows at the apiVersion written (Receiver spec.resources[i].apiVersion, see reference.ts). */
  | { kind: 'reference'; doc: YamlDocument; path: PathSegment[]; to: string };

/** Flux fields the apiVersion moves of flux.ts migrate (by their path with list indices left out). */
const MOVED_FLUX_FIELDS = new Set([
  'spec.patchesStrategicMerge',
  'spec.patchesJson6902',
  'spec.validation',
  'spec.chart.spec.valuesFile',
  'spec.postRenderers.kustomize.patchesStrategicMerge',
  'spec.postRenderers.kustomize.patchesJson6902',
  'spec.valuesFile',
  'spec.gitImplementation',
  'spec.accessFrom',
]);

export function migrationFor(run: RunData, request: MigrationRequest): Migration {
  const file = run.repo.fileMap.get(request.doc.file);
  if (!file) return { refused: '' };
  switch (request.kind) {
    case 'apiVersion':
      if (request.family === 'flux') return fluxObjectMigration(run, file, request.doc, request.to);
      if (request.family === 'kubernetes' && request.doc.apiVersion && request.doc.kind && mechanicalReplacement(request.doc.apiVersion, request.doc.kind) === request.to) {
        return kubernetesObjectMigration(run, file, request.doc);
      }
      return { refused: '' };
    case 'flux-field': {
      const dotted = request.path.filter((p) => typeof p === 'string').join('.');
      // A removed field moves with its object's apiVersion: the same edit as the apiVersion finding's (applied once).
      if (request.to && request.to !== request.doc.apiVersion && MOVED_FLUX_FIELDS.has(dotted)) return fluxObjectMigration(run, file, request.doc, request.to);
      // A field deprecated inside a version that stays: changed in place, the object keeping its apiVersion.
      if (FLUX_FIELD_MOVES.has(`${request.doc.kind} ${dotted}`)) return fluxFieldMigration(run, file, request.doc, dotted, request.everyTargetPastDeprecation ?? false);
      return { refused: fluxFieldByHand(request.doc.kind, dotted) };
    }
    case 'reference':
      return migrateReference({ text: file.text.slice(request.doc.start, request.doc.end), start: request.doc.start }, request.path, request.to);
    case 'kustomize-field': {
      // A generator item's env (configMapGenerator[0].env): all of the document's move in one edit.
      const field = /^(configMapGenerator|secretGenerator)\[\d+\]\.env$/.test(request.field) ? 'env' : request.field;
      if (!(KUSTOMIZE_FIXABLE_FIELDS as readonly string[]).includes(field)) return { refused: kustomizeByHand(request.field) };
      return kustomizationFieldMigration(run.repo, file, request.doc, field as KustomizeFixableField);
    }
  }
}

/** What to write instead of a Flux field --fix does not move (the finding's replacement says the rest). */
function fluxFieldByHand(kind: string | undefined, field: string): string {
  if (kind === 'Provider' && field === 'spec.proxy') return 'put the proxy URL in a Secret under the key address (with username and password if the proxy needs them) and name that Secret in spec.proxySecretRef; --fix writes no Secrets';
  if (kind === 'ImageUpdateAutomation' && field === 'spec.git.commit.messageTemplate') return 'a Go template is rewritten by a person: where it ranged over .Updated.Images, {{ range .Changed.Changes }}{{ .NewValue }}{{ end }} lists the new image references (each change also has .OldValue and .Setter)';
  return '';
}
