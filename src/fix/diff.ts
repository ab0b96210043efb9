/**
 * --fix-dry-run's output: a unified diff of every file the fixes would change, `git apply`-able (a/ and b/ prefixes,
 * paths relative to the linted root). jsdiff (`diff`) makes the hunks: a maintained, widely used implementation of
 * Myers' algorithm with correct context merging and "\ No newline at end of file" markers, which a hand-written
 * differ would have to get right again.
 */
import { createTwoFilesPatch } from 'diff';
import type { FixedFile } from './types.js';

export function unifiedDiff(files: readonly FixedFile[]): string {
  return files
    .map((f) => {
      const patch = createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.before, f.after, undefined, undefined, { context: 3 });
      // jsdiff starts with an "Index:" and a "====" line (svn style); git's form starts at "---".
      return patch.slice(patch.indexOf('--- '));
    })
    .join('');
}
