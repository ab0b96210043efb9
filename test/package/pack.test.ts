/**
 * The package people install: `npm pack` on a copy of the project (so `prepack` must build dist/, and the build of
 * the other tests is left alone), then the README's install commands and its CI snippet run as written, with the
 * tarball in place of the registry version, offline: the dependencies come from the npm cache `npm ci` filled.
 * Each installed binary lints the example repository and must print what the project's own CLI prints.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from '../../src/cli.js';
import { captureIO } from '../cli/io.js';

const projectDir = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };
const readme = fs.readFileSync(path.join(projectDir, 'README.md'), 'utf8');
const example = path.join(projectDir, 'examples/k8s-configs');
const registrySpec = `${pkg.name}@${pkg.version}`;

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-pack-')));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let tarball = '';

/** npm with no network: packages only from the cache, no audit, no update check. */
const offlineEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_yes: 'true',
  NO_COLOR: '1',
  ...extra,
});

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8', timeout: 240_000 });
}

function expectOk(result: SpawnSyncReturns<string>, what: string): void {
  expect(result.status, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);
}

/** The commands of every ```sh block of the README that installs or runs the pinned version. */
function readmeShellBlocks(): string[][] {
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim().split('\n')).filter((lines) => lines.some((l) => l.includes(registrySpec)));
}

/**
 * The README command with the tarball in place of the registry version (npx takes a tarball as --package: a bare
 * path would be run as a program).
 */
const fromTarball = (command: string) => command.replaceAll(`npx ${registrySpec}`, `npx --package=${tarball} ${pkg.name}`).replaceAll(registrySpec, tarball);

/** A Flux repository of one's own: a copy of the example, outside the project. */
function fluxRepo(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(example, dir, { recursive: true });
  return dir;
}

/** What the project's own CLI prints for the same run, in-process. */
async function expectedOutput(args: string[], cwd: string): Promise<string> {
  const io = captureIO({ cwd });
  await run(args, io);
  return io.out();
}

beforeAll(() => {
  const copy = path.join(tmp, 'project');
  fs.mkdirSync(copy);
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'src', 'scripts', ...pkg.files.filter((f: string) => !f.startsWith('!'))]) {
    fs.cpSync(path.join(projectDir, entry), path.join(copy, entry), { recursive: true });
  }
  fs.rmSync(path.join(copy, 'dist'), { recursive: true, force: true });
  // Dependencies as a release has them: npm ci from the lock file (offline, from the cache the project's npm ci
  // filled), so the bundled dependencies are exactly what the lock resolves, transitive ones included.
  expectOk(spawnSync('npm', ['ci', '--ignore-scripts'], { cwd: copy, env: offlineEnv(), encoding: 'utf8', timeout: 300_000 }), 'npm ci in the copy');
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: copy, env: offlineEnv(), encoding: 'utf8', timeout: 300_000 });
  expectOk(packed, 'npm pack');
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(tmp, info!.filename);
  packedFiles = info!.files.map((f) => f.path);
}, 360_000);

let packedFiles: string[] = [];

describe('npm pack', () => {
  it('builds dist/ in prepack and ships what runs, not the sources or tests', () => {
    expect(fs.existsSync(tarball)).toBe(true);
    for (const file of ['package.json', 'README.md', 'NOTICE', 'dist/cli.js', 'dist/bin/gitops-lint.js', 'dist/index.js', 'dist/index.d.ts', 'rules/yaml-syntax.yaml', 'docs/rules/yaml-syntax.md']) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.some((f) => f.startsWith('schemas/'))).toBe(true);
    expect(packedFiles.filter((f) => /^(src|test|examples|scripts|\.ci)\//.test(f) || f.startsWith('tsconfig'))).toEqual([]);
  });

  it('bundles its runtime dependencies, so installing needs no registry (air-gapped CI, no dependency drift)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
    expect(manifest.bundleDependencies).toEqual(Object.keys(manifest.dependencies));
    for (const dep of Object.keys(manifest.dependencies)) expect(packedFiles).toContain(`node_modules/${dep}/package.json`);
    expect(packedFiles).toContain('node_modules/fast-deep-equal/package.json'); // ajv's own dependency: transitive ones too
    expect(packedFiles.filter((f) => /^node_modules\/(typescript|vitest|@types)\//.test(f))).toEqual([]);
  });

  it('declares where the project lives, and builds for development installs only', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
    expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\//);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.scripts.prepack).toBe('npm run build');
    // No install-time script runs for someone who installs the package.
    expect(Object.keys(manifest.scripts).filter((s) => /^(pre|post)?install$/.test(s))).toEqual([]);
  });
});

describe('the README, run as written against the tarball, offline', () => {
  it('pins the version it installs to the package version', () => {
    const blocks = readmeShellBlocks();
    expect(blocks.length).toBe(3); // devDependency, global, npx
    expect(readme).not.toMatch(new RegExp(`${pkg.name}@(?!${pkg.version.replaceAll('.', '\\.')})\\d`));
  });

  it('as a devDependency: npm install --save-dev, then npx gitops-lint from the repository and from a subdirectory', async () => {
    const [install, lintCommand] = readmeShellBlocks().find((b) => b[0]!.includes('--save-dev'))!;
    const repo = fluxRepo('dev-dependency');
    fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'flux-repo', version: '1.0.0', private: true }));
    expectOk(sh(fromTarball(install!), repo, offlineEnv()), install!);
    const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.devDependencies)).toEqual([pkg.name]);
    const lint = sh(lintCommand!, repo, offlineEnv());
    expect(lint.status, lint.stderr).toBe(1);
    expect(lint.stdout, lint.stderr).toBe(await expectedOutput([], repo));
    expect(lint.stdout).toMatch(/✖ \d+ problems/);
    const fromApps = sh(`${lintCommand} -f compact`, path.join(repo, 'apps'), offlineEnv());
    expect(fromApps.stdout).toBe(await expectedOutput(['-f', 'compact'], path.join(repo, 'apps')));
    expect(fromApps.stdout.split('\n')[0]).toMatch(/^base\//);
  }, 300_000);

  it('globally: npm install --global, then gitops-lint', async () => {
    const [install, lintCommand] = readmeShellBlocks().find((b) => b[0]!.includes('--global'))!;
    const prefix = path.join(tmp, 'global');
    const env = offlineEnv({ npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` });
    const repo = fluxRepo('global');
    expectOk(sh(fromTarball(install!), repo, env), install!);
    expect(fs.existsSync(path.join(repo, 'node_modules'))).toBe(false);
    const lint = sh(lintCommand!, repo, env);
    expect(lint.status, lint.stderr).toBe(1);
    expect(lint.stdout, lint.stderr).toBe(await expectedOutput([], repo));
    expect(sh(`${lintCommand} --version`, repo, env).stdout).toBe(`${pkg.version}\n`);
  }, 300_000);

  it('with npx and no install', async () => {
    const [command] = readmeShellBlocks().find((b) => b.length === 1 && b[0]!.startsWith('npx '))!;
    const repo = fluxRepo('npx');
    const lint = sh(fromTarball(command!), repo, offlineEnv());
    expect(lint.status, lint.stderr).toBe(1);
    expect(lint.stdout, lint.stderr).toBe(await expectedOutput([], repo));
  }, 300_000);

  it('the GitHub Actions snippet: its run steps install the pinned version and write the SARIF report', async () => {
    const snippet = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.includes(`npm install --global ${registrySpec}`))!;
    const steps = (parseYaml(snippet) as { steps: { run?: string; uses?: string }[] }).steps;
    const runs = steps.filter((s) => s.run !== undefined).map((s) => s.run!);
    expect(runs.some((r) => r.includes(registrySpec))).toBe(true);
    const prefix = path.join(tmp, 'ci-global');
    const env = offlineEnv({ npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` });
    const checkout = fluxRepo('ci-checkout');
    const statuses = runs.map((command) => sh(fromTarball(command), checkout, env));
    expectOk(statuses[0]!, runs[0]!);
    expect(statuses.at(-1)!.status).toBe(1); // findings fail the step; upload-sarif runs with if: always()
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))).toMatchObject({ if: 'always()' });
    const log = JSON.parse(fs.readFileSync(path.join(checkout, 'gitops-lint.sarif'), 'utf8'));
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/^\.\.|^\//);
  }, 300_000);
});
