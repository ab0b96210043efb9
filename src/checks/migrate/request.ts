/**
 * One entry point for the deprecation rules (issue 8 parts 1-2, src/checks/deprecations/fix.ts on branch depr, whose
 * `migrationFor(ctx, request)` takes requests of this shape): the migration a finding asks for, or why there is none
 * ('' when no migration exists for it at all). Wiring is `migrationFor = (ctx, request) => migrationFor(ctx, request)`
 * from here.
 */
import type { PathSegment, YamlDocument } from '../../load/types.js';
import type { RunData } from '../types.js';
import { fluxObjectMigration, kubernetesObjectMigration, kustomizationFieldMigration } from './attach.js';
import { mechanicalReplacement } from './kubernetes.js';
import { KUSTOMIZE_FIXABLE_FIELDS, type KustomizeFixableField } from './kustomize.js';
import type { Migration } from './verify.js';

export type MigrationRequest =
  | { kind: 'apiVersion'; family: 'flux' | 'flux-legacy' | 'kubernetes' | 'companion'; doc: YamlDocument; to: string }
  /** A removed Flux field; `to` (the newest apiVersion of the kind on the target) lets the object's move carry it. */
  | { kind: 'flux-field'; doc: YamlDocument; path: PathSegment[]; row: string; to?: string }
  | { kind: 'kustomize-field'; doc: YamlDocument; field: string };

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
      if (!request.to || request.to === request.doc.apiVersion || !MOVED_FLUX_FIELDS.has(dotted)) return { refused: '' };
      return fluxObjectMigration(run, file, request.doc, request.to);
    }
    case 'kustomize-field':
      if (!(KUSTOMIZE_FIXABLE_FIELDS as readonly string[]).includes(request.field)) return { refused: '' };
      return kustomizationFieldMigration(run.repo, file, request.doc, request.field as KustomizeFixableField);
  }
}
