/**
 * The real Flux repositories in ../shared/corpus and the upstream CRDs in ../shared/upstream next to the project (test
 * material, never shipped). Tests over them skip visibly when the folders are absent: the skipped test's name says why,
 * and a test per repository never silently becomes no test at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpus');

/** The upstream CRDs and OpenAPI the schema generator reads (../shared/upstream). */
export const UPSTREAM_DIR = path.resolve(import.meta.dirname, '../../../shared/upstream');

/** Names of the corpus repositories, sorted; empty when ../shared is absent. */
export function corpusRepos(): string[] {
  if (!fs.existsSync(CORPUS_DIR)) return [];
  return fs
    .readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export const corpusAbsent = corpusRepos().length === 0;
export const upstreamAbsent = !fs.existsSync(UPSTREAM_DIR);

/** `title`, saying why it is skipped when ../shared/corpus is absent (use with it.skipIf(corpusAbsent)). */
export const needsCorpus = (title: string) => (corpusAbsent ? `${title} (skipped: ${CORPUS_DIR} is absent)` : title);

/** `title`, saying why it is skipped when ../shared/upstream is absent (use with skipIf(upstreamAbsent)). */
export const needsUpstream = (title: string) => (upstreamAbsent ? `${title} (skipped: ${UPSTREAM_DIR} is absent)` : title);

/** it.each over the corpus repositories (`%s` in `title` is the name); one visibly skipped test when the corpus is absent. */
export function itEachCorpusRepo(title: string, test: (name: string) => Promise<void> | void): void {
  if (corpusAbsent) it.skip(needsCorpus(title.replace('%s', 'each corpus repository')), () => {});
  else it.each(corpusRepos())(title, test);
}
