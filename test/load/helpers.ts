/** Fixture repos for loader tests: written to fresh temp dirs, removed after each test file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { loadRepo, type LoadOptions } from '../../src/load/index.js';
import type { LoadedRepo, SourceFile, YamlDocument } from '../../src/load/types.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-load-'));
  dirs.push(dir);
  return dir;
}

/** Write `files` (repo-relative path -> text or bytes) into a new temp dir and return its path. */
export function writeRepo(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

export async function loadFiles(files: Record<string, string | Buffer>, options?: LoadOptions): Promise<LoadedRepo> {
  return loadRepo(writeRepo(files), options);
}

/** The one YAML file of a repo made of `name` -> `text`. */
export async function loadOne(text: string, name = 'file.yaml'): Promise<{ repo: LoadedRepo; file: SourceFile; docs: YamlDocument[] }> {
  const repo = await loadFiles({ [name]: text });
  const file = repo.fileMap.get(name)!;
  return { repo, file, docs: file.documents };
}

/** The text a node covers. */
export function textOf(file: SourceFile, node: { start: number; end: number }): string {
  return file.text.slice(node.start, node.end);
}
