/**
 * What a check calls to attach a migration to its finding: the inputs of the pure migrations built from the run's
 * data (the document's text, the repo's files for kustomize's "is this patch a file", the run's schemas).
 */
import { resolveRepoPath } from '../../load/paths.js';
import type { LoadedRepo, SourceFile, YamlDocument } from '../../load/types.js';
import type { RunData } from '../types.js';
import { migrateFluxObject, type ObjectInput } from './flux.js';
import { migrateFluxField } from './flux-fields.js';
import { migrateKubernetesObject } from './kubernetes.js';
import { migrateKustomizationField, type KustomizeFixableField } from './kustomize.js';
import type { Migration } from './verify.js';

function documentText(file: SourceFile, doc: YamlDocument): { text: string; start: number } {
  return { text: file.text.slice(doc.start, doc.end), start: doc.start };
}

/** The fix for a deprecated field of a kustomization document: every migratable deprecated field of it moved (one edit). */
export function kustomizationFieldMigration(repo: LoadedRepo, file: SourceFile, doc: YamlDocument, field: KustomizeFixableField): Migration {
  const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
  const patchFileDocuments = (ref: string): number | undefined => {
    const resolved = resolveRepoPath(dir, ref);
    if (resolved.status !== 'inside' || !repo.fileSet.has(resolved.path)) return undefined;
    const parsed = repo.fileMap.get(resolved.path);
    // A file the loader did not parse (ignored, too large) is still a file: one patch, as kustomize reads it.
    return parsed ? Math.max(1, parsed.documents.filter((d) => d.class !== 'empty').length) : 1;
  };
  return migrateKustomizationField({ ...documentText(file, doc), patchFileDocuments }, field);
}

/** A patch document (graph.patchDocs) is a partial object: its schema check leaves out required fields. */
function objectInput(run: RunData, file: SourceFile, doc: YamlDocument): ObjectInput {
  const resolver = run.services.schemas();
  const partial = run.graph.patchDocs.has(doc);
  return {
    ...documentText(file, doc),
    validate: (value, apiVersion, kind) => resolver.store.validate(value, { apiVersion, kind, partial, kubernetesVersion: resolver.kubernetesVersion })?.map((e) => e.message),
  };
}

/**
 * A Flux object moved to `to` (the newest apiVersion the target Flux serves for its kind), with its field moves.
 * kustomize matches a strategic merge patch to its object by apiVersion, kind and name, and a patch target may name a
 * version: moving one of them alone breaks the build. So the object and every document with its apiVersion, kind and
 * name (its patches, its copies) move together or not at all, and none moves while a patch target selects its version.
 */
export function fluxObjectMigration(run: RunData, file: SourceFile, doc: YamlDocument, to: string): Migration {
  return together(run, file, doc, (f, d) => migrateFluxObject(objectInput(run, f, d), to));
}

/**
 * A deprecated Flux field changed in place, the object staying on its apiVersion (its patches and copies, which
 * kustomize matches by apiVersion, kind and name, still match it). `field` is the field's path without list indices.
 */
export function fluxFieldMigration(run: RunData, file: SourceFile, doc: YamlDocument, field: string, everyTargetPastDeprecation: boolean): Migration {
  return migrateFluxField({ ...objectInput(run, file, doc), everyTargetPastDeprecation }, field);
}

/** A Kubernetes object moved to the apiVersion replacing its removed one, when that move is mechanical (with its patches, as above). */
export function kubernetesObjectMigration(run: RunData, file: SourceFile, doc: YamlDocument): Migration {
  return together(run, file, doc, (f, d) => migrateKubernetesObject(objectInput(run, f, d)));
}

function together(run: RunData, file: SourceFile, doc: YamlDocument, migrate: (file: SourceFile, doc: YamlDocument) => Migration): Migration {
  const own = migrate(file, doc);
  if ('refused' in own) return own;
  for (const other of run.repo.files) {
    for (const d of other.documents) {
      if (d === doc || d.class !== 'k8s' || d.apiVersion !== doc.apiVersion || d.kind !== doc.kind || d.name !== doc.name) continue;
      const m = migrate(other, d);
      if ('refused' in m) return { refused: `${other.path} holds ${doc.kind} ${doc.name ?? ''} on ${doc.apiVersion} too (a patch of it or a copy), and it cannot move with it: ${m.refused}` };
    }
  }
  const selector = versionSelector(run, doc);
  return selector ? { refused: `the patch target in ${selector} selects it by version; move both by hand` } : own;
}

/** A file whose kustomization patches (or Flux Kustomization spec.patches) select the document's kind by its version. */
function versionSelector(run: RunData, doc: YamlDocument): string | undefined {
  const slash = doc.apiVersion!.lastIndexOf('/');
  const [group, version] = slash === -1 ? ['', doc.apiVersion!] : [doc.apiVersion!.slice(0, slash), doc.apiVersion!.slice(slash + 1)];
  for (const file of run.repo.files) {
    for (const d of file.documents) {
      const holder = d.class === 'kustomization' ? d.value : d.class === 'k8s' && d.kind === 'Kustomization' ? (d.value as { spec?: unknown } | null)?.spec : undefined;
      if (!holder || typeof holder !== 'object') continue;
      for (const field of ['patches', 'patchesJson6902']) {
        const entries = (holder as Record<string, unknown>)[field];
        if (!Array.isArray(entries)) continue;
        for (const entry of entries) {
          const t = (entry as { target?: { group?: unknown; version?: unknown; kind?: unknown } } | null)?.target;
          if (t && t.version === version && (t.kind === undefined || t.kind === doc.kind) && (t.group === undefined || t.group === group)) return file.path;
        }
      }
    }
  }
  return undefined;
}
