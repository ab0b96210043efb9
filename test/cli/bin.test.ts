/** The built bin works as a program: node dist/cli.js. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(projectRoot, 'dist', 'cli.js');
const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));

beforeAll(() => {
  if (fs.existsSync(bin)) return;
  // tsc still emits when another module has a type error; the assertion below is what matters.
  spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: projectRoot,
    stdio: 'ignore',
  });
  expect(fs.existsSync(bin)).toBe(true);
}, 120_000);

describe('bin', () => {
  it('node dist/cli.js --version prints the package version and exits 0', () => {
    const out = execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(out).toBe(`${pkg.version}\n`);
  });
});
