/**
 * The seam between the deprecation rules and `--fix`: the edit that migrates what a finding is about, or why there is
 * none. The migrations themselves (apiVersion moves with their field migrations, kustomize `edit fix` conversions) are
 * pure functions of src/checks/migrate/ (issue #8, part 3). Messages say "--fix can do this" exactly when the finding
 * carries the fix.
 */
import type { Fix } from '../../finding.js';
import type { CheckContext } from '../types.js';
import { migrationFor as migrate, type MigrationRequest } from '../migrate/request.js';
import type { Migration } from '../migrate/verify.js';

export type { MigrationRequest };

/** The edit, or the reason no safe one exists ('' when there is no migration for it at all): the migrations' own type. */
export type MigrationResult = Migration;

export function migrationFor(ctx: CheckContext, request: MigrationRequest): MigrationResult {
  return migrate(ctx, request);
}

/** The sentence a deprecation message ends with, and the fix to attach. */
export function fixParts(result: MigrationResult): { note: string; fix?: Fix } {
  if ('fix' in result) return { note: '--fix can do this', fix: result.fix };
  return { note: result.refused ? `--fix cannot do this (${result.refused})` : '--fix cannot do this' };
}
