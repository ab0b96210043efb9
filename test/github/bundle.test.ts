/**
 * The Action's committed bundle (action.yml runs.main) is what `npm run build:action` makes from the sources today:
 * rebuilt into a temporary folder and compared byte for byte, so a change to src/ without a rebuild fails here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
// @ts-expect-error: a plain .mjs script without types
import { buildAction } from '../../scripts/build-action.mjs';

const projectDir = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-bundle-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the Action bundle', () => {
  it('is committed at runs.main and up to date with the sources', async () => {
    const main = (parseYaml(fs.readFileSync(path.join(projectDir, 'action.yml'), 'utf8')) as { runs: { main: string } }).runs.main;
    const committed = fs.readFileSync(path.join(projectDir, main), 'utf8');
    const fresh = fs.readFileSync((await buildAction(path.join(tmp, 'index.js'))) as string, 'utf8');
    expect(fresh.length).toBeGreaterThan(100_000);
    expect(committed === fresh, `${main} is stale: run npm run build:action and commit it`).toBe(true);
  });

  it('lives where the tsc build never writes, and is not ignored by git', () => {
    const main = (parseYaml(fs.readFileSync(path.join(projectDir, 'action.yml'), 'utf8')) as { runs: { main: string } }).runs.main;
    const folder = path.basename(path.dirname(main));
    // tsc writes dist/<folder of src>/: a src/<folder> would overwrite the bundle's folder.
    expect(fs.existsSync(path.join(projectDir, 'src', folder))).toBe(false);
    const gitignore = fs.readFileSync(path.join(projectDir, '.gitignore'), 'utf8').split('\n');
    expect(gitignore).toContain(`!${path.dirname(main)}/`);
  });
});
