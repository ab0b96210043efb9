/** Notes about a run the CLI prints on stderr, beyond the engine's own (result.notices). */
import type { LintResult } from '../engine/types.js';

/**
 * Kubernetes objects but no cluster: nothing says what Flux applies, so the checks that follow a cluster (orphans,
 * duplicates, namespaces, dependsOn, sources) had nothing to follow. Said on every run, not only with --verbose:
 * a clean report would otherwise read as "all good" for a repository the tool could not place.
 */
export function entryPointNotices(result: LintResult): string[] {
  if (result.stats.objects === 0 || result.stats.clusterMode !== 'none') return [];
  return [
    `${result.stats.objects} Kubernetes object${result.stats.objects === 1 ? '' : 's'} but no Flux entry point (a flux bootstrap layout, a Flux Kustomization, ` +
      'a FluxInstance sync, or entryPoints in .gitops-lint.yaml): each file was checked on its own, and nothing was ' +
      'checked as applied to a cluster (orphans, duplicates, namespaces, sources)',
  ];
}
