/** The walk: every file and directory, what is read, what is skipped and why, and never anything outside the root. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/load/index.js';
import { loadFiles, tempDir, writeRepo } from './helpers.js';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';

describe('walk', () => {
  it('records every file and directory, sorted, and reads YAML files', async () => {
    const dir = writeRepo({
      'b/z.yaml': CM,
      'b/a.yml': CM,
      'a/Kustomization': 'resources: []\n',
      'a/README.md': '# readme\n',
      'a/deep/er/x.json': '{}',
      '.git/config': '[core]\n',
      '.git/x.yaml': CM,
      'node_modules/pkg/x.yaml': CM,
      '.github/workflows/ci.yaml': 'on: push\n',
    });
    const repo = await loadRepo(dir);
    expect(repo.root).toBe(fs.realpathSync(dir));
    expect(repo.allFiles).toEqual(['.github/workflows/ci.yaml', 'a/Kustomization', 'a/README.md', 'a/deep/er/x.json', 'b/a.yml', 'b/z.yaml']);
    expect(repo.allDirs).toEqual(['', '.github', '.github/workflows', 'a', 'a/deep', 'a/deep/er', 'b']);
    expect(repo.files.map((f) => f.path)).toEqual(['.github/workflows/ci.yaml', 'a/Kustomization', 'b/a.yml', 'b/z.yaml']);
    expect(repo.fileSet.has('a/README.md')).toBe(true);
    expect(repo.dirSet.has('')).toBe(true);
    expect(repo.fileMap.get('b/z.yaml')!.documents[0]!.kind).toBe('ConfigMap');
    expect(repo.skipped).toEqual([]);
    expect(repo.problems).toEqual([]);
  });

  it('skips ignored files and directories but still records that they exist', async () => {
    const repo = await loadFiles({ 'apps/a.yaml': CM, 'apps/b.generated.yaml': CM, 'vendor/x/y.yaml': CM, '.hidden/z.yaml': CM }, { ignore: ['**/*.generated.yaml', 'vendor', '.hidden/**'] });
    expect(repo.files.map((f) => f.path)).toEqual(['apps/a.yaml']);
    expect(repo.skipped).toEqual([
      { path: '.hidden', reason: 'ignored' },
      { path: 'apps/b.generated.yaml', reason: 'ignored' },
      { path: 'vendor', reason: 'ignored' },
    ]);
    expect(repo.fileSet.has('vendor/x/y.yaml')).toBe(true);
    expect(repo.problems).toEqual([]);
  });

  it('never parses Helm chart templates', async () => {
    const repo = await loadFiles({
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\n',
      'charts/web/values.yaml': 'replicas: 1\n',
      'charts/web/templates/deploy.yaml': 'kind: {{ .Values.kind }\n',
      'charts/web/templates/_helpers.tpl': '{{- define "x" }}{{ end }}\n',
      'charts/web/templates/sub/more.yaml': '{{ if }}\n',
      'apps/templates/cm.yaml': CM,
    });
    expect(repo.skipped).toEqual([
      { path: 'charts/web/templates/deploy.yaml', reason: 'helm-template' },
      { path: 'charts/web/templates/sub/more.yaml', reason: 'helm-template' },
    ]);
    expect(repo.problems).toEqual([]);
    expect(repo.fileMap.get('charts/web/values.yaml')).toMatchObject({ inHelmChart: true, documents: [{ class: 'other' }] });
    expect(repo.fileMap.get('apps/templates/cm.yaml')!.documents[0]!.class).toBe('k8s');
    expect(repo.fileSet.has('charts/web/templates/_helpers.tpl')).toBe(true);
  });

  it('skips binary and too large files with a problem', async () => {
    const repo = await loadFiles(
      { 'bin.yaml': Buffer.from([0x61, 0x3a, 0x00, 0x01]), 'big.yaml': `data: "${'x'.repeat(2000)}"\n`, 'ok.yaml': CM },
      { maxFileBytes: 1000 },
    );
    expect(repo.files.map((f) => f.path)).toEqual(['ok.yaml']);
    expect(repo.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['big.yaml', 'too-large'],
      ['bin.yaml', 'binary'],
    ]);
    expect(repo.problems.map((p) => [p.kind, p.location.file, p.location.line])).toEqual([
      ['too-large', 'big.yaml', 1],
      ['binary', 'bin.yaml', 1],
    ]);
    expect(repo.problems[0]!.message).toMatch(/big\.yaml: file is 2009 bytes, more than the 1000 bytes limit/);
  });

  it('follows symlinks inside the root, never outside, and stops at loops', async () => {
    const outside = writeRepo({ 'secret.yaml': 'password: hunter2\n', 'dir/x.yaml': CM });
    const dir = writeRepo({ 'apps/cm.yaml': CM });
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'leak.yaml'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(dir, 'leakdir'));
    fs.symlinkSync('apps', path.join(dir, 'apps-link'));
    fs.symlinkSync('..', path.join(dir, 'apps', 'loop'));
    fs.symlinkSync('self', path.join(dir, 'self'));
    fs.symlinkSync('missing.yaml', path.join(dir, 'dangling.yaml'));
    const repo = await loadRepo(dir);

    expect(repo.files.map((f) => f.path)).toEqual(['apps-link/cm.yaml', 'apps/cm.yaml']);
    expect(repo.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['apps-link/loop', 'symlink-loop'],
      ['apps/loop', 'symlink-loop'],
      ['dangling.yaml', 'unreadable'],
      ['leak.yaml', 'symlink-outside-repo'],
      ['leakdir', 'symlink-outside-repo'],
      ['self', 'symlink-loop'],
    ]);
    for (const p of repo.problems) {
      expect(p.kind).toBe('unreadable');
      expect(p.message).toContain(p.location.file);
      expect(p.message).not.toContain('hunter2');
    }
    expect(repo.problems.map((p) => p.location.file).sort()).toEqual(['apps-link/loop', 'apps/loop', 'dangling.yaml', 'leak.yaml', 'leakdir', 'self']);
    expect(JSON.stringify(repo)).not.toContain('hunter2');
  });

  it('does not follow ignored symlinks', async () => {
    const outside = writeRepo({ 'x.yaml': CM });
    const dir = writeRepo({ 'vendor/a.yaml': CM });
    fs.symlinkSync(outside, path.join(dir, 'vendor', 'out'));
    fs.symlinkSync(outside, path.join(dir, 'out-link'));
    const repo = await loadRepo(dir, { ignore: ['vendor/**', 'out-link'] });
    expect(repo.skipped).toEqual([
      { path: 'out-link', reason: 'ignored' },
      { path: 'vendor', reason: 'ignored' },
    ]);
    expect(repo.problems).toEqual([]);
  });

  it('reads a file symlink that stays inside the root', async () => {
    const dir = writeRepo({ 'apps/cm.yaml': CM });
    fs.symlinkSync('apps/cm.yaml', path.join(dir, 'link.yaml'));
    const repo = await loadRepo(dir);
    expect(repo.files.map((f) => f.path)).toEqual(['apps/cm.yaml', 'link.yaml']);
    expect(repo.fileMap.get('link.yaml')!.documents[0]!.kind).toBe('ConfigMap');
  });

  // Root reads a directory whatever its mode, so the case cannot be set up as root (CI runs as root).
  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot)('turns an unreadable directory into a problem instead of throwing (skipped when run as root)', async () => {
    const dir = writeRepo({ 'locked/x.yaml': CM, 'ok.yaml': CM });
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const repo = await loadRepo(dir);
      expect(repo.files.map((f) => f.path)).toEqual(['ok.yaml']);
      expect(repo.skipped).toEqual([{ path: 'locked', reason: 'unreadable', detail: expect.stringMatching(/^cannot read directory: EACCES/) }]);
      expect(repo.problems.map((p) => p.kind)).toEqual(['unreadable']);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('fails clearly when the root does not exist', async () => {
    const missing = path.join(tempDir(), 'nope');
    await expect(loadRepo(missing)).rejects.toThrow(`cannot load repository ${missing}: ENOENT`);
  });
});
