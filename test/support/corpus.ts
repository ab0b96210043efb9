/**
 * The real Flux repositories in ../shared/corpus next to the project (test material, never shipped).
 * Tests over them skip cleanly when the folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpus');

/** Names of the corpus repositories, sorted; empty when ../shared is absent. */
export function corpusRepos(): string[] {
  if (!fs.existsSync(CORPUS_DIR)) return [];
  return fs
    .readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The upstream CRDs and OpenAPI the schema generator reads (../shared/upstream). */
export const UPSTREAM_DIR = path.resolve(import.meta.dirname, '../../../shared/upstream');
