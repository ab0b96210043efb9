/**
 * The built bin, the package.json `bin` (the bundle scripts/build-cli.mjs writes), built when missing, for tests that
 * run gitops-lint as git, a hook manager or a user's shell would.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
export const bin = path.join(projectRoot, manifest.bin['gitops-lint']!);

/** Builds dist/ when the bin is not there (npm test builds first; a focused run may not have). */
export function ensureBuilt(): void {
  if (fs.existsSync(bin)) return;
  spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: projectRoot, stdio: 'ignore' });
  spawnSync(process.execPath, [path.join(projectRoot, 'scripts/build-cli.mjs')], { cwd: projectRoot, stdio: 'ignore' });
  if (!fs.existsSync(bin)) throw new Error(`${bin} could not be built`);
}

/** A folder holding a `gitops-lint` command that runs the built bin: what an npm install puts on PATH. */
export function shimDir(parent: string): string {
  const dir = path.join(parent, 'shim-bin');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'gitops-lint'), `#!/bin/sh\nexec '${process.execPath}' '${bin}' "$@"\n`, { mode: 0o755 });
  return dir;
}
