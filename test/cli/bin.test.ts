/**
 * The built bins work as programs: the package's bin (the bundle scripts/build-cli.mjs writes, what npm puts on PATH)
 * and dist/cli.js of the tsc build (what the library's users and the bundle are built from) give the same output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, projectRoot } from '../support/built-bin.js';

const tscBin = path.join(projectRoot, 'dist', 'cli.js');
const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));

beforeAll(ensureBuilt, 120_000);

/** The JSON report without the run's duration, the one field two runs may differ in. */
function report(program: string, args: string[]) {
  const r = spawnSync(process.execPath, [program, ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout.replace(/"durationMs": \d+/g, '"durationMs": 0'), stderr: r.stderr };
}

describe('bin', () => {
  it('is the bundle, executable', () => {
    expect(path.relative(projectRoot, bin)).toBe(path.join('dist', 'bin', 'gitops-lint.js'));
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it.each([
    ['the bundle', () => bin],
    ['dist/cli.js', () => tscBin],
  ])('%s --version prints the package version and exits 0', (_name, program) => {
    expect(execFileSync(process.execPath, [program(), '--version'], { encoding: 'utf8' })).toBe(`${pkg.version}\n`);
  });

  it.each([
    ['the example, JSON', ['examples/k8s-configs', '--format', 'json']],
    ['the example, SARIF', ['examples/k8s-configs', '--format', 'sarif']],
    ['the dependency graph', ['graph', 'examples/k8s-configs', '--format', 'mermaid']],
    ['the diff of --fix-dry-run (the diff library, outside the bundle)', ['examples/k8s-configs', '--fix-dry-run', '-o', '/dev/null']],
    ['a usage error', ['examples/k8s-configs', '--format', 'nope']],
  ])('the bundle and dist/cli.js give the same output: %s', (_name, args) => {
    const bundled = report(bin, args);
    expect(bundled).toEqual(report(tscBin, args));
    expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
  });
});
