/**
 * `kubectl kustomize` as the oracle for kustomize semantics, with the load restrictor off as Flux builds
 * (fluxcd/pkg kustomize.Build: LoadRestrictionsNone). Tests that use it skip with a visible message where kubectl is
 * absent; they never fake its output.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';

function detect(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasKubectl = detect();
export const NO_KUBECTL = 'kubectl is not installed: the kustomize oracle tests are skipped';
if (!hasKubectl) console.warn(NO_KUBECTL);

/** Writes `files` to a temporary directory and builds `dir` in it: the objects, or the error kustomize prints. */
export function kustomizeBuild(files: Record<string, string>, dir = '.'): { objects: Record<string, unknown>[] } | { error: string } {
  const root = mkdtempSync(join(tmpdir(), 'gitops-lint-kustomize-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const out = execFileSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', join(root, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { objects: yaml.loadAll(out) as Record<string, unknown>[] };
  } catch (e) {
    return { error: String((e as { stderr?: string }).stderr ?? e) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
