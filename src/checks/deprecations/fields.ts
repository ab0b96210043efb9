/**
 * flux-field-deprecated and kustomize-field-deprecated: fields the table lists as renamed, removed or deprecated, at
 * their key. A Flux field is judged with the object's own apiVersion: while the target serves that version the field
 * still works (a warning: the next apiVersion drops it); once it does not, moving to a served version means changing
 * the field too (an error, next to api-deprecated's). kustomize removed none of its deprecated fields, so those are
 * warnings whatever the target.
 */
import { groupOf, parseApiVersion } from '../../k8s/api-version.js';
import { judgeApiVersion } from '../../k8s/deprecations/api-versions.js';
import { deprecationData, type FluxFieldRow } from '../../k8s/deprecations/data.js';
import { reached, showRelease } from '../../k8s/deprecations/releases.js';
import { objectRef } from '../../k8s/object-ref.js';
import type { PathSegment, YamlDocument } from '../../load/types.js';
import type { Severity } from '../../finding.js';
import type { Check, CheckContext } from '../types.js';
import { fixParts, migrationFor } from './fix.js';
import { documentTargets, objectDocuments, targetNote } from './targets.js';
import type { Targets } from '../../k8s/deprecations/api-versions.js';
import { isRecord } from '../../util/values.js';


/** Every place `path` (`[]` = each item of a list) exists in `value`, with the value found there. */
export function* fieldsAt(value: unknown, path: readonly string[], at: PathSegment[] = []): Generator<{ path: PathSegment[]; value: unknown }> {
  if (path.length === 0) {
    yield { path: at, value };
    return;
  }
  const [head, ...rest] = path;
  if (head === '[]') {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* fieldsAt(value[i], rest, [...at, i]);
  } else if (isRecord(value) && Object.hasOwn(value, head!)) {
    yield* fieldsAt(value[head!], rest, [...at, head!]);
  }
}

const dotted = (path: PathSegment[]) => path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').slice(1).replaceAll('.[', '[');

/** When `value` at the field matches the row (a value it must hold, a text it must contain). */
function matchesRow(row: FluxFieldRow, value: unknown): boolean {
  if (row.equals !== undefined) return value === row.equals;
  if (row.contains) return typeof value === 'string' && row.contains.some((c) => value.includes(c));
  return true;
}

/** Severity and wording of a field found in an object of apiVersion `apiVersion`; undefined when the target is fine with it. */
function judgeField(row: FluxFieldRow, apiVersion: string, kind: string, targets: Targets): { severity: Severity; detail: string } | undefined {
  const flux = targets.flux.release;
  const deprecated = row.deprecatedIn ? `deprecated since Flux ${showRelease(row.deprecatedIn)}` : undefined;
  if (row.status === 'discouraged') return reached(flux, row.deprecatedIn) ? { severity: 'info', detail: `is discouraged since Flux ${showRelease(row.deprecatedIn!)}` } : undefined;
  // A value the controller stops reading (template data): gone with the release, whatever the apiVersion.
  if (row.contains) {
    if (reached(flux, row.removedIn)) return { severity: 'error', detail: `uses data Flux ${showRelease(row.removedIn!)} no longer provides (${row.contains.join(', ')})` };
    return reached(flux, row.deprecatedIn) ? { severity: 'warning', detail: `uses data ${deprecated} (${row.contains.join(', ')})` } : undefined;
  }
  if (row.status === 'deprecated') return reached(flux, row.deprecatedIn) ? { severity: 'warning', detail: `is ${deprecated}` } : undefined;
  const versionGone = judgeApiVersion(apiVersion, kind, targets)?.status === 'removed';
  const was = deprecated ? `is ${deprecated} and ` : '';
  if (versionGone) return { severity: 'error', detail: `${was}is in no ${kind} version the target serves` };
  const dropped = row.removedIn ? `gone from the ${kind} versions of Flux ${showRelease(row.removedIn)} on` : 'gone from newer versions';
  if (reached(flux, row.deprecatedIn) || reached(flux, row.removedIn)) return { severity: 'warning', detail: `${was}${dropped}` };
  return undefined;
}

function fluxFieldDeprecated(ctx: CheckContext): void {
  const rows = deprecationData().fluxFields;
  for (const doc of objectDocuments(ctx)) {
    const { version } = parseApiVersion(doc.apiVersion);
    const mine = rows.filter((r) => r.kind === doc.kind && r.group === groupOf(doc.apiVersion) && r.versions.includes(version));
    if (mine.length === 0) continue;
    for (const { targets, clusters } of documentTargets(ctx, doc)) {
      for (const row of mine) reportRow(ctx, doc, row, targets, clusters);
    }
  }
}

function reportRow(ctx: CheckContext, doc: YamlDocument, row: FluxFieldRow, targets: Targets, clusters: string[]): void {
  for (const path of row.paths) {
    for (const found of fieldsAt(doc.value, path)) {
      if (!matchesRow(row, found.value)) continue;
      const verdict = judgeField(row, doc.apiVersion!, doc.kind!, targets);
      if (!verdict) continue;
      // The object's move to the newest version the target serves carries the removed fields (one edit for both findings).
      const api = judgeApiVersion(doc.apiVersion!, doc.kind!, targets);
      const to = api && api.status !== 'unknown' && api.family === 'flux' ? api.replacement : undefined;
      const everyTargetPastDeprecation = documentTargets(ctx, doc).every((t) => reached(t.targets.flux.release, row.deprecatedIn));
      const { note, fix } = fixParts(migrationFor(ctx, { kind: 'flux-field', doc, path: found.path, row: row.row, everyTargetPastDeprecation, ...(to ? { to } : {}) }));
      const instead = row.replacement ? `use ${row.replacement}` : 'delete it';
      ctx.report({
        message: `${dotted(found.path)} of ${doc.kind} ${doc.apiVersion} ${verdict.detail}${targetNote(ctx, targets.flux.label, clusters)}: ${instead}; ${note}`,
        severity: verdict.severity,
        location: ctx.locate(doc, found.path, 'key'),
        object: objectRef(doc),
        ...(fix ? { fix } : {}),
      });
    }
  }
}

function kustomizeFieldDeprecated(ctx: CheckContext): void {
  const rows = deprecationData().kustomizeFields;
  // With real cluster roots, the kustomization files some cluster builds (as the other kustomize rules).
  const files = ctx.graph.mode === 'roots' ? ctx.graph.kustomizeFiles.filter((k) => ctx.graph.builtKustomizeFiles.has(k)) : ctx.graph.kustomizeFiles;
  for (const k of files) {
    for (const row of rows) {
      for (const path of row.paths) {
        for (const found of fieldsAt(k.doc.value, path)) {
          const { note, fix } = fixParts(migrationFor(ctx, { kind: 'kustomize-field', doc: k.doc, field: dotted(found.path) }));
          const since = row.deprecatedIn ? ` since kustomize ${showRelease(row.deprecatedIn)}` : ' (kustomize has not dated it: the older, singular form)';
          const warns = row.warningSince && row.warningSince !== row.deprecatedIn ? ` (kustomize build warns since ${showRelease(row.warningSince)})` : '';
          ctx.report({
            message: `${dotted(found.path)} is deprecated${since}${warns}: use ${row.replacement}; ${note}`,
            location: ctx.locate(k.doc, found.path, 'key'),
            ...(fix ? { fix } : {}),
          });
        }
      }
    }
  }
}

export const fieldChecks: Record<string, Check> = {
  'flux-field-deprecated': { run: fluxFieldDeprecated },
  'kustomize-field-deprecated': { run: kustomizeFieldDeprecated },
};
