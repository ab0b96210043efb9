/**
 * Migrations of deprecated APIs as fixes: pure functions of a document's text (and, for objects, a schema check),
 * each giving one ESLint-style edit or the reason none is safe. Checks attach them to their findings (`fix`).
 */
export { migrateKustomization, migrateKustomizationField, KUSTOMIZE_FIXABLE_FIELDS, type KustomizeFixableField, type KustomizationInput } from './kustomize.js';
export { migrateFluxObject, type ObjectInput } from './flux.js';
export { migrateKubernetesObject, mechanicalReplacement } from './kubernetes.js';
export type { Migration } from './verify.js';
export { kustomizationFieldMigration, fluxObjectMigration, kubernetesObjectMigration } from './attach.js';
export { migrationFor, type MigrationRequest } from './request.js';
