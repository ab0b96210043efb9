/**
 * AKS / Azure Arc entry points: the Flux configurations of the repo's Bicep, ARM and Terraform files (read by the
 * loader into LoadedRepo.iacFiles) and of the config's `fluxConfigurations`, and the Flux objects the microsoft.flux
 * extension creates from each (objects.ts).
 */
import type { LoadedRepo, YamlDocument } from '../../load/types.js';
import { armConfigurations } from './arm.js';
import { bicepConfigurations } from './bicep.js';
import { CONFIG_FILES, configConfigurations } from './config.js';
import { normalizeGitUrl } from '../sources.js';
import type { FluxConfiguration } from './model.js';
import { terraformConfigurations } from './terraform.js';

export type { AzureKustomization, FluxConfiguration } from './model.js';
export { kustomizationDocument, kustomizationName, sourceDocument } from './objects.js';

export function readFluxConfigurations(repo: LoadedRepo, configured: readonly unknown[] | undefined): FluxConfiguration[] {
  const docs = (repo.iacFiles ?? []).flatMap((f) => f.documents);
  const terraform = docs.filter((d) => /\.tf$/i.test(d.file));
  const out: FluxConfiguration[] = [];
  for (const doc of docs) {
    if (/\.bicep$/i.test(doc.file)) out.push(...bicepConfigurations(doc));
    else if (/\.json$/i.test(doc.file)) out.push(...armConfigurations(doc));
    else out.push(...terraformConfigurations(doc, terraform));
  }
  if (configured && configured.length > 0) out.push(...configConfigurations(configured, configDocument(repo, configured)));
  return out;
}

/** The document of .gitops-lint.yaml in the repo when it is the one `list` comes from. */
function configDocument(repo: LoadedRepo, list: readonly unknown[]): YamlDocument | undefined {
  for (const name of CONFIG_FILES) {
    const doc = repo.fileMap.get(name)?.documents[0];
    const written = (doc?.value as { fluxConfigurations?: unknown } | null)?.fluxConfigurations;
    if (doc && JSON.stringify(written) === JSON.stringify(list)) return doc;
  }
  return undefined;
}

/**
 * Whether a configuration's source is this repository: a Git URL equal to one of the repo's remotes, or one that
 * cannot be compared (written as an expression, or the repo's remotes are unknown), as for other roots. Other source
 * kinds are this repo only when the config's `localSources` says so.
 */
export function isThisRepo(config: FluxConfiguration, remotes: readonly string[]): boolean {
  if (config.sourceKind !== 'GitRepository') return false;
  if (config.url === undefined || remotes.length === 0) return true;
  const url = normalizeGitUrl(config.url);
  return remotes.some((r) => normalizeGitUrl(r) === url);
}
