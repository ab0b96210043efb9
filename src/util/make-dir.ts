/** Creating a folder and its parents without Node's recursive mkdir (see makeDir). */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates `dir` and its missing parents one level at a time. Not `fs.mkdirSync(dir, { recursive: true })`: under
 * a parent where mkdir answers ENOENT although the parent exists (/proc, some FUSE and overlay mounts), Node's
 * recursive mkdir retries forever at full CPU (Node 20). Throws the first error.
 */
export function makeDir(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing) fs.mkdirSync(d);
  if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error(`not a directory: ${dir}`), { code: 'ENOTDIR' });
}
