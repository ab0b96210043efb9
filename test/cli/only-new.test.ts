/** The CLI's only-new options: --new-since, --changed-only, --baseline, --write-baseline. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { bootstrap, kustomization } from '../rules/flux-fixtures.js';
import { commitOnBranch, initRepo, writeFiles } from '../support/git-repo.js';
import { captureIO } from './io.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-cli-onlynew-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: flux-system
stringData:
  password: Sup3r-s3cret-Pa55w0rd
`;

let repo: string;
beforeAll(() => {
  repo = initRepo(tmp, 'fleet', { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps/gone'), 'clusters/prod/secret.yaml': secret });
  commitOnBranch(repo, 'feature', { 'clusters/prod/infra.yaml': kustomization('infra', './infra/missing') }, 'feature');
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO({ cwd: repo });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

const files = (json: string): string[] => (JSON.parse(json) as { findings: { ruleId: string; file: string }[] }).findings.map((f) => `${f.ruleId} ${f.file}`);

describe('cli --new-since', () => {
  it('reports only the new findings, says how many it left out, and fails on a new error', async () => {
    const all = await cli('-f', 'json');
    expect(files(all.out)).toContain('flux-path-missing clusters/prod/apps.yaml');
    const { code, out, err } = await cli('--new-since', 'main', '-f', 'json');
    expect(files(out)).toEqual(['flux-path-missing clusters/prod/infra.yaml']);
    expect(err).toMatch(/note: only findings new since the merge base [0-9a-f]{12} with main: \d+ finding\(s\) already there not shown/);
    expect(code).toBe(1);
  });

  it('exits 0 when the change adds nothing, though old errors remain', async () => {
    const { code, out } = await cli('--new-since', 'feature', '-f', 'json');
    expect(files(out)).toEqual([]);
    expect(code).toBe(0);
  });

  it('--changed-only keeps the findings of changed files and needs --new-since', async () => {
    const { out, err } = await cli('--new-since', 'main', '--changed-only', '-f', 'json');
    expect(files(out)).toEqual(['flux-path-missing clusters/prod/infra.yaml']);
    expect(err).toMatch(/only findings in the 1 file\(s\) changed since the merge base .* with main: \d+ finding\(s\) in other files not shown/);
    const alone = await cli('--changed-only');
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--changed-only needs --new-since <ref>');
  });

  it('an unknown ref is a usage error (exit 2)', async () => {
    const { code, err, out } = await cli('--new-since', 'nope');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('gitops-lint: --new-since nope: unknown git ref');
  });
});

describe('cli --write-baseline and --baseline', () => {
  it('records the findings without messages or secret values, then reports only new ones', async () => {
    const baseline = path.join(tmp, 'baseline.json');
    const written = await cli('--write-baseline', baseline);
    expect(written.code).toBe(0);
    expect(written.out).toBe('');
    expect(written.err).toMatch(/note: wrote \d+ finding\(s\) \(\d+ fingerprint\(s\)\) to the baseline/);
    const text = fs.readFileSync(baseline, 'utf8');
    expect(text).toContain('"secret-plaintext"');
    expect(text).not.toContain('Sup3r');
    expect(text).not.toContain('message');

    const quiet = await cli('--baseline', baseline, '-f', 'json');
    expect(files(quiet.out)).toEqual([]);
    expect(quiet.code).toBe(0);
    writeFiles(repo, { 'clusters/prod/wip.yaml': kustomization('wip', './wip/missing') });
    try {
      const fresh = await cli('--baseline', baseline, '-f', 'json');
      expect(files(fresh.out)).toEqual(['flux-path-missing clusters/prod/wip.yaml']);
      expect(fresh.err).toMatch(/note: \d+ finding\(s\) recorded in the baseline not shown/);
      expect(fresh.code).toBe(1);
    } finally {
      writeFiles(repo, { 'clusters/prod/wip.yaml': null });
    }
  });

  it('refuses --write-baseline with a filter, and a bad baseline, as usage errors', async () => {
    expect((await cli('--write-baseline', 'b.json', '--new-since', 'main')).err).toContain('cannot be combined with --new-since');
    const missing = await cli('--baseline', 'missing.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing.json: not found (write one with --write-baseline)');
  });
});
