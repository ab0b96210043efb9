import { describe, expect, it } from 'vitest';
import { loadFiles } from './helpers.js';

describe('JSON manifests', () => {
  it('parses the .json files kustomization files list, and no other JSON', async () => {
    const repo = await loadFiles({
      'apps/kustomization.yaml': 'resources:\n  - cm.json\n  - broken.json\npatches:\n  - path: patch.json\n',
      'apps/cm.json': '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "settings"}\n}\n',
      'apps/broken.json': '{\n  "apiVersion": "v1",\n  "kind": \n',
      'apps/patch.json': '[{"op": "replace", "path": "/data/a", "value": "b"}]\n',
      'apps/dashboard.json': '{"title": "not listed"}\n',
      '.vscode/settings.json': '{ // JSONC, not YAML\n}\n',
    });
    expect(repo.fileMap.get('apps/cm.json')!.documents.map((d) => `${d.class} ${d.kind} ${d.name}`)).toEqual(['k8s ConfigMap settings']);
    expect(repo.fileMap.get('apps/patch.json')!.documents.map((d) => d.class)).toEqual(['other']);
    expect(repo.fileMap.has('apps/dashboard.json')).toBe(false);
    expect(repo.fileMap.has('.vscode/settings.json')).toBe(false);
    expect(repo.problems.filter((p) => p.kind === 'syntax').map((p) => `${p.location.file}:${p.location.line}`)).toEqual(['apps/broken.json:4']); // end of input, where the value is missing
    expect(repo.fileSet.has('apps/dashboard.json')).toBe(true);
  });
});
