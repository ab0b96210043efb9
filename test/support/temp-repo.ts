/** Temporary repositories for tests that write files (--fix): in-memory files written out, or a copy of a real tree. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A folder for this test file's repositories, removed after its tests. */
export function tempRepos(prefix: string): { write(files: Record<string, string>): string; copy(src: string): string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  return {
    write(files) {
      const root = fs.mkdtempSync(path.join(tmp, 'repo-'));
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
      return root;
    },
    copy(src) {
      const root = fs.mkdtempSync(path.join(tmp, 'copy-'));
      // Only what a build reads: the .git folder is left out.
      fs.cpSync(src, root, { recursive: true, filter: (p) => path.basename(p) !== '.git', verbatimSymlinks: true });
      return root;
    },
  };
}
