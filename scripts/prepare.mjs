// npm's `prepare`: builds dist/ for a development install (npm ci or npm install in a clone, a git dependency).
// npm pack and npm publish build in `prepack` and run `prepare` after it: skipped then, so a pack builds once.
// Installing the published package or its tarball runs neither: the tarball carries dist/.
import { spawnSync } from 'node:child_process';

if (process.env.npm_command === 'pack' || process.env.npm_command === 'publish') process.exit(0);
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
