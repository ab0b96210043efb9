/**
 * The seam between the deprecation rules and `--fix`: the edit that migrates what a finding is about, or why there is
 * none. The migrations themselves (apiVersion moves with their field migrations, kustomize `edit fix` conversions) are
 * pure functions of src/checks/migrate/ (issue #8, part 3), whose results have this same shape; until they are wired
 * here nothing is fixable. Messages say "--fix can do this" exactly when the finding carries the fix.
 */
import type { Fix } from '../../finding.js';
import type { PathSegment, YamlDocument } from '../../load/types.js';
import type { CheckContext } from '../types.js';

/** What a deprecation finding asks to change. */
export type MigrationRequest =
  /** Move an object (with the field changes the move needs) to `to`: a Flux kind's newest version on the target, or a Kubernetes replacement. */
  | { kind: 'apiVersion'; family: 'flux' | 'flux-legacy' | 'kubernetes' | 'companion'; doc: YamlDocument; to: string }
  /** A renamed or removed Flux field (row of the table's fluxFields) at `path` of the object. */
  | { kind: 'flux-field'; doc: YamlDocument; path: PathSegment[]; row: string }
  /** A deprecated field of a kustomization file (`bases`, `commonLabels`, `configMapGenerator[0].env`...). */
  | { kind: 'kustomize-field'; doc: YamlDocument; field: string };

/** The edit, or the reason no safe one exists ('' when there is no migration for it at all). */
export type MigrationResult = { fix: Fix } | { refused: string };

export function migrationFor(_ctx: CheckContext, _request: MigrationRequest): MigrationResult {
  return { refused: '' };
}

/** The sentence a deprecation message ends with, and the fix to attach. */
export function fixParts(result: MigrationResult): { note: string; fix?: Fix } {
  if ('fix' in result) return { note: '--fix can do this', fix: result.fix };
  return { note: result.refused ? `--fix cannot do this (${result.refused})` : '--fix cannot do this' };
}
