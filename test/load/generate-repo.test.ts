/** scripts/generate-repo.mjs: the benchmark repo is deterministic, loads cleanly and has the asked number of objects. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/load/index.js';
import { tempDir } from './helpers.js';

const script = path.resolve(import.meta.dirname, '../../scripts/generate-repo.mjs');
const generate = (objects: number, files: number): string => {
  const dir = path.join(tempDir(), 'repo');
  execFileSync(process.execPath, [script, dir, '--objects', String(objects), '--files', String(files)], { stdio: 'pipe' });
  return dir;
};

describe('generate-repo', () => {
  it('writes the asked objects in the asked manifest files, loading without problems', async () => {
    const repo = await loadRepo(generate(95, 23));
    const manifests = repo.files.filter((f) => /\/manifests-\d+\.yaml$/.test(f.path));
    expect(manifests).toHaveLength(23);
    expect(manifests.reduce((n, f) => n + f.documents.length, 0)).toBe(95);
    const kinds = new Set(manifests.flatMap((f) => f.documents.map((d) => d.kind)));
    expect(kinds).toEqual(new Set(['Deployment', 'Service', 'ConfigMap', 'HelmRelease', 'ServiceAccount']));
    expect(repo.problems).toEqual([]);
    const classes = new Set(repo.files.flatMap((f) => f.documents.map((d) => d.class)));
    expect(classes).toEqual(new Set(['k8s', 'kustomization']));
    expect(repo.dirSet.has('clusters/production/flux-system')).toBe(true);
  });

  it('is deterministic', () => {
    const read = (dir: string): Record<string, string> =>
      Object.fromEntries(
        (fs.readdirSync(dir, { recursive: true }) as string[])
          .filter((p) => fs.statSync(path.join(dir, p)).isFile())
          .sort()
          .map((p) => [p, fs.readFileSync(path.join(dir, p), 'utf8')]),
      );
    expect(read(generate(40, 7))).toEqual(read(generate(40, 7)));
  });
});
