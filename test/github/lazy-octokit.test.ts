/**
 * A plain lint never loads Octokit: the built CLI runs with a module hook that refuses to resolve any @octokit package.
 * The same hook stops the comment command when it reaches the client, which shows the hook works.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const projectDir = path.resolve(import.meta.dirname, '../..');
const bin = path.join(projectDir, 'dist', 'cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-lazy-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hooks = path.join(tmp, 'hooks.mjs');
fs.writeFileSync(
  hooks,
  `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@octokit/')) throw new Error('refused to load ' + specifier);
  return next(specifier, context);
}\n`,
);
const register = path.join(tmp, 'register.mjs');
fs.writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', pathToFileURL(register).href, bin, ...args], {
    cwd: projectDir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}

describe.skipIf(!fs.existsSync(bin))('Octokit is loaded only by the comment command (needs npm run build)', () => {
  it('lints with every @octokit package unresolvable', () => {
    const run = cli(['examples/k8s-configs', '--format', 'json', '--no-cache']);
    expect(run.stderr).not.toContain('refused to load');
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('the comment command does load it', () => {
    const run = cli(['comment', 'examples/k8s-configs', '--repo', 'acme/fleet', '--pr', '1', '--sha', 'abc', '--api-url', 'http://127.0.0.1:9'], { GITHUB_TOKEN: 'x-test-token' });
    expect(run.stderr).toContain('refused to load @octokit/');
    expect(run.status).toBe(2);
  });
});
