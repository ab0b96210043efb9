import fs from 'node:fs';
import path from 'node:path';

/**
 * The linted root's path inside its Git repository ('' at the top, or outside any repository): what GitHub needs to
 * link a repo-relative finding to the file on a commit, wherever the command ran.
 */
export function gitPrefix(root: string): string {
  let dir = fs.realpathSync(root);
  const start = dir;
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return path.relative(dir, start).split(path.sep).join('/');
    const parent = path.dirname(dir);
    if (parent === dir) return '';
    dir = parent;
  }
}
