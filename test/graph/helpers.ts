/** Builds a graph from in-memory files written to a temp dir (helper for the graph tests, not a test file). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import type { Config } from '../../src/config/types.js';
import { buildGraph } from '../../src/graph/index.js';
import type { AppliedObject, Cluster, RepoGraph } from '../../src/graph/types.js';
import { loadRepo } from '../../src/load/index.js';
import type { LoadedRepo } from '../../src/load/types.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

export async function repoOf(files: Record<string, string>): Promise<LoadedRepo> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-graph-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return loadRepo(dir);
}

export async function graphOf(files: Record<string, string>, config: Partial<Config> = {}): Promise<RepoGraph> {
  return buildGraph(await repoOf(files), { ...defaultConfig(), ...config });
}

export function cluster(graph: RepoGraph, name: string): Cluster {
  const c = graph.clusters.find((x) => x.name === name);
  if (!c) throw new Error(`no cluster ${name}; clusters: ${graph.clusters.map((x) => x.name).join(', ')}`);
  return c;
}

/** `Kind ns/name (file)` of every applied object, sorted. */
export function objectIds(objects: AppliedObject[]): string[] {
  return objects.map((o) => `${o.id.kind} ${o.id.namespace ?? '-'}/${o.id.name} (${o.doc.file})`).sort();
}

/** The `flux bootstrap` layout for one cluster, shared with the rule tables. */
export { bootstrap as bootstrapFiles } from '../rules/flux-fixtures.js';

export function fluxKs(name: string, p: string, opts: { source?: string; sourceKind?: string; namespace?: string; extra?: string } = {}): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: ${opts.namespace ?? 'flux-system'}
spec:
  interval: 10m
  path: ${p}
  prune: true
  sourceRef:
    kind: ${opts.sourceKind ?? 'GitRepository'}
    name: ${opts.source ?? 'flux-system'}
${opts.extra ?? ''}`;
}

export function cm(name: string, namespace?: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  k: v\n`;
}

export function kustomization(body: string): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
}
