/**
 * The seam between the deprecation rules and `--fix`: the edit that migrates what a finding is about, when a safe
 * one exists. The migrations themselves (apiVersion moves with their field migrations, kustomize `edit fix`
 * conversions) are pure functions of src/checks/migrate/ (issue #8, part 3); until they land nothing is fixable, and
 * every message says so (messages say "--fix can do this" exactly when the finding carries a fix).
 */
import type { Fix } from '../../finding.js';
import type { YamlDocument } from '../../load/types.js';
import type { CheckContext } from '../types.js';

/** What a deprecation finding asks to change. */
export type Migration =
  | { kind: 'apiVersion'; doc: YamlDocument; to: string }
  | { kind: 'flux-field'; doc: YamlDocument; path: (string | number)[]; row: string }
  | { kind: 'kustomize-field'; doc: YamlDocument; field: string };

/** The edit for `migration`, or undefined when --fix cannot do it. */
export function migrationFix(_ctx: CheckContext, _migration: Migration): Fix | undefined {
  return undefined;
}

/** The sentence every deprecation message ends with. */
export function fixNote(fix: Fix | undefined): string {
  return fix ? '--fix can do this' : '--fix cannot do this';
}
