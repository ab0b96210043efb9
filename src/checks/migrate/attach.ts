/**
 * What a check calls to attach a migration to its finding: the inputs of the pure migrations built from the run's
 * data (the document's text, the repo's files for kustomize's "is this patch a file", the run's schemas).
 */
import { resolveRepoPath } from '../../load/paths.js';
import type { LoadedRepo, SourceFile, YamlDocument } from '../../load/types.js';
import type { CheckServices } from '../types.js';
import { migrateFluxObject, type ObjectInput } from './flux.js';
import { migrateKubernetesObject } from './kubernetes.js';
import { migrateKustomization, type KustomizeFixableField } from './kustomize.js';
import type { Migration } from './verify.js';

function documentText(file: SourceFile, doc: YamlDocument): { text: string; start: number } {
  return { text: file.text.slice(doc.start, doc.end), start: doc.start };
}

/** The migration of deprecated kustomization fields of one kustomization document. */
export function kustomizationFieldsMigration(repo: LoadedRepo, file: SourceFile, doc: YamlDocument, fields?: readonly KustomizeFixableField[]): Migration {
  const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
  const patchFileDocuments = (ref: string): number | undefined => {
    const resolved = resolveRepoPath(dir, ref);
    if (resolved.status !== 'inside' || !repo.fileSet.has(resolved.path)) return undefined;
    const parsed = repo.fileMap.get(resolved.path);
    // A file the loader did not parse (ignored, too large) is still a file: one patch, as kustomize reads it.
    return parsed ? Math.max(1, parsed.documents.filter((d) => d.class !== 'empty').length) : 1;
  };
  return migrateKustomization({ ...documentText(file, doc), patchFileDocuments }, fields);
}

function objectInput(services: CheckServices, file: SourceFile, doc: YamlDocument): ObjectInput {
  const resolver = services.schemas();
  return {
    ...documentText(file, doc),
    validate: (value, apiVersion, kind) => resolver.store.validate(value, { apiVersion, kind, kubernetesVersion: resolver.kubernetesVersion })?.map((e) => e.message),
  };
}

/** A Flux object moved to `to` (the newest apiVersion the target Flux serves for its kind), with its field moves. */
export function fluxObjectMigration(services: CheckServices, file: SourceFile, doc: YamlDocument, to: string): Migration {
  return migrateFluxObject(objectInput(services, file, doc), to);
}

/** A Kubernetes object moved to the apiVersion replacing its removed one, when that move is mechanical. */
export function kubernetesObjectMigration(services: CheckServices, file: SourceFile, doc: YamlDocument): Migration {
  return migrateKubernetesObject(objectInput(services, file, doc));
}
