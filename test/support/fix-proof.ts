/**
 * What the --fix proofs compare: comment counts of every YAML file, and every kustomize overlay as `kubectl kustomize`
 * renders it (offline: in a network namespace without interfaces where `unshare` allows one), modulo what a migration
 * changes on purpose (apiVersions of migrated objects, the Flux fields moved into new ones, the field-only moves).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { commentCount } from '../../src/checks/migrate/text.js';
import { canonical } from '../../src/checks/migrate/verify.js';
import { hasKubectl } from './kubectl.js';

function detectUnshare(): boolean {
  try {
    execFileSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** kubectl can be run with no network at all: a remote resource fails the same way before and after. */
export const canRenderOffline = hasKubectl && detectUnshare();
export const NO_OFFLINE_KUBECTL = 'kubectl or an unprivileged network namespace (unshare -rn) is missing: rendered overlays are not compared';

const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** Repo-relative YAML files and directories with a kustomization file, skipping .git. */
export function walk(root: string): { yamlFiles: string[]; kustomizeDirs: string[] } {
  const yamlFiles: string[] = [];
  const kustomizeDirs: string[] = [];
  const go = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) go(child);
      else if (entry.isFile()) {
        if (/\.ya?ml$/.test(entry.name) || entry.name === 'Kustomization') yamlFiles.push(child);
        if (KUSTOMIZATION_FILES.has(entry.name)) kustomizeDirs.push(rel);
      }
    }
  };
  go('');
  return { yamlFiles: yamlFiles.sort(), kustomizeDirs: kustomizeDirs.sort() };
}

export function commentCounts(root: string, files: readonly string[]): Record<string, number> {
  return Object.fromEntries(files.map((f) => [f, commentCount(fs.readFileSync(path.join(root, f), 'utf8'))]));
}

const run = promisify(execFile);

/** A directory rendered offline: its objects normalized and sorted, or that the build failed. */
export async function render(root: string, dir: string): Promise<{ objects: unknown[] } | { error: true }> {
  try {
    const { stdout } = await run('unshare', ['-rn', 'kubectl', 'kustomize', '--load-restrictor', 'LoadRestrictionsNone', path.join(root, dir)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // Keys sorted: a moved field may sit elsewhere in its mapping, which no reader of the object sees.
    const objects = (yaml.loadAll(stdout) as unknown[]).filter((o) => o !== null).map((o) => canonical(modMigrations(o)));
    return { objects: objects.sort((a, b) => (identity(a) < identity(b) ? -1 : identity(a) > identity(b) ? 1 : 0)) };
  } catch {
    return { error: true };
  }
}

/** The directories whose renders differ between two trees (both failing counts as the same), two builds at a time. */
export async function differingRenders(before: string, after: string, dirs: readonly string[]): Promise<{ compared: number; differing: string[] }> {
  const differing: string[] = [];
  let compared = 0;
  let next = 0;
  const worker = async () => {
    while (next < dirs.length) {
      const dir = dirs[next++]!;
      const [was, now] = [await render(before, dir), await render(after, dir)];
      if ('error' in was && 'error' in now) continue;
      compared++;
      if (JSON.stringify(was) !== JSON.stringify(now)) differing.push(dir);
    }
  };
  await Promise.all([worker(), worker()]);
  return { compared, differing: differing.sort() };
}

function identity(o: unknown): string {
  const m = (o as { kind?: string; metadata?: { namespace?: string; name?: string } } | null) ?? {};
  return `${m.kind}/${m.metadata?.namespace}/${m.metadata?.name}/${JSON.stringify(o)}`;
}

/** Group of a migrated apiVersion: Flux's and the Kubernetes groups with mechanical replacements. */
const MIGRATED_GROUP = /(\.toolkit\.fluxcd\.io|^policy|^batch|^autoscaling|^rbac\.authorization\.k8s\.io|^scheduling\.k8s\.io|^storage\.k8s\.io|^coordination\.k8s\.io|^networking\.k8s\.io|^node\.k8s\.io)\//;
const MOVED_FLUX_FIELDS = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'validation', 'gitImplementation', 'accessFrom', 'postRenderers'];

/**
 * The field-only moves (src/checks/migrate/flux-fields.ts) made on both sides, so a render differs only if a fix did
 * something else: Alert summary as eventMetadata.summary; Receiver resources at any version of their group; HelmRelease install.skipCRDs where the crds policy decides
 * anyway (false, or next to crds) and rollback.recreate gone; Provider interval gone. A field --fix must leave
 * (skipCRDs: true alone) stays on both sides, so a fix that touched it shows.
 */
function modFieldMoves(kind: string | undefined, spec: Record<string, unknown>): void {
  const obj = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const drop = (holder: string, key: string, when: (h: Record<string, unknown>) => boolean) => {
    const h = obj(spec[holder]);
    if (!h || !(key in h) || !when(h)) return;
    delete h[key];
    if (Object.keys(h).length === 0) delete spec[holder];
  };
  if (kind === 'Alert' && typeof spec.summary === 'string' && spec.summary !== '') {
    spec.eventMetadata = { ...obj(spec.eventMetadata), summary: spec.summary };
    delete spec.summary;
  }
  if (kind === 'Provider') delete spec.interval;
  if (kind === 'Receiver' && Array.isArray(spec.resources)) {
    spec.resources = spec.resources.map((r) => (obj(r) && typeof r.apiVersion === 'string' ? { ...r, apiVersion: r.apiVersion.replace(/\/[^/]+$/, '/*') } : r));
  }
  if (kind === 'HelmRelease') {
    drop('install', 'skipCRDs', (h) => h.skipCRDs === false || h.crds !== undefined);
    drop('rollback', 'recreate', () => true);
  }
}

/** An object without what a migration changes on purpose. */
function modMigrations(object: unknown): unknown {
  const o = structuredClone(object) as { apiVersion?: string; kind?: string; spec?: Record<string, unknown> } | null;
  if (!o || typeof o.apiVersion !== 'string' || !MIGRATED_GROUP.test(o.apiVersion)) return o;
  const flux = o.apiVersion.includes('.toolkit.fluxcd.io/');
  o.apiVersion = o.apiVersion.replace(/\/[^/]+$/, '/*');
  if (flux && o.spec) {
    modFieldMoves(o.kind, o.spec);
    for (const f of MOVED_FLUX_FIELDS) delete o.spec[f];
    const chart = (o.spec.chart as { spec?: Record<string, unknown> } | undefined)?.spec;
    if (chart) for (const f of ['valuesFile', 'valuesFiles']) delete chart[f];
    for (const f of ['valuesFile', 'valuesFiles']) delete o.spec[f];
  }
  return o;
}
