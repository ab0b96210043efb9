/** --fix and --fix-dry-run through the CLI, in-process, on temporary repos: what is written, reported and left alone. */
import fs from 'node:fs';
import path from 'node:path';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIO } from '../cli/io.js';
import { tempRepos } from '../support/temp-repo.js';

const { write: repo } = tempRepos('gitops-lint-fix-');
const tmp = repo({});

const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

// `on` is the string "on" for kustomize and Flux but true for kubectl apply -f: yaml-ambiguous-value quotes it.
const configMap = '# settings of the app\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings # keep\n  namespace: default\ndata:\n  VPN: on\n  MODE: yes\n';
const fixedConfigMap = configMap.replace('VPN: on', 'VPN: "on"').replace('MODE: yes', 'MODE: "yes"');

const sopsSecret =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: partly-encrypted\n  namespace: default\ndata:\n  enabled: on\n  token: ENC[AES256_GCM,data:xyz,type:str]\nsops:\n  encrypted_regex: ^token$\n  mac: ENC[AES256_GCM,data:abc,type:str]\n  version: 3.8.1\n';

describe('--fix', () => {
  it('edits the file in place, reports what it fixed, and exits on what remains', async () => {
    const root = repo({ 'app/settings.yaml': configMap });
    const io = captureIO();
    const code = await run([root, '--fix'], io);
    expect(read(root, 'app/settings.yaml')).toBe(fixedConfigMap);
    expect(io.out()).toContain('Fixed 2 problems in 1 file:');
    expect(io.out()).toMatch(/app\/settings\.yaml +yaml-ambiguous-value ×2/);
    expect(io.out()).not.toMatch(/VPN: on is the string/);
    expect(code).toBe(0);
  });

  it('a second --fix changes nothing', async () => {
    const root = repo({ 'app/settings.yaml': configMap });
    await run([root, '--fix'], captureIO());
    const io = captureIO();
    await run([root, '--fix'], io);
    expect(read(root, 'app/settings.yaml')).toBe(fixedConfigMap);
    expect(io.out()).toContain('Nothing was fixed.');
  });

  it('never edits a SOPS-encrypted file, and says why', async () => {
    const root = repo({ 'app/secret.sops.yaml': sopsSecret });
    const io = captureIO();
    await run([root, '--fix'], io);
    expect(read(root, 'app/secret.sops.yaml')).toBe(sopsSecret);
    expect(io.out()).toContain('Left alone (1 file):');
    expect(io.out()).toMatch(/app\/secret\.sops\.yaml +1 fix not applied: SOPS-encrypted: an edit would break its MAC/);
  });

  it('keeps a byte order mark', async () => {
    const root = repo({ 'app/settings.yaml': `\uFEFF${configMap}` });
    await run([root, '--fix'], captureIO());
    expect(read(root, 'app/settings.yaml')).toBe(`\uFEFF${fixedConfigMap}`);
  });

  it('lists the fixed files in the JSON report', async () => {
    const root = repo({ 'app/settings.yaml': configMap, 'app/secret.sops.yaml': sopsSecret });
    const io = captureIO();
    await run([root, '--fix', '-f', 'json'], io);
    const report = JSON.parse(io.out()) as { fixes: unknown; findings: { ruleId: string; file: string }[] };
    expect(report.fixes).toEqual({
      dryRun: false,
      fixed: [{ file: 'app/settings.yaml', byRule: { 'yaml-ambiguous-value': 2 } }],
      leftAlone: [{ file: 'app/secret.sops.yaml', fixes: 1, reason: expect.stringMatching(/^SOPS-encrypted/) as unknown }],
    });
    expect(report.findings.filter((f) => f.ruleId === 'yaml-ambiguous-value').map((f) => f.file)).toEqual(['app/secret.sops.yaml']);
  });

  it('refuses --fix with --fix-dry-run', async () => {
    const io = captureIO();
    expect(await run([repo({}), '--fix', '--fix-dry-run'], io)).toBe(2);
    expect(io.err()).toContain('--fix and --fix-dry-run exclude each other');
  });
});

describe('--fix-dry-run', () => {
  it('prints a unified diff that applies to the files, and changes nothing', async () => {
    const root = repo({ 'app/settings.yaml': configMap });
    const io = captureIO();
    await run([root, '--fix-dry-run'], io);
    expect(read(root, 'app/settings.yaml')).toBe(configMap);
    const diff = io.out();
    expect(diff.startsWith('--- a/app/settings.yaml\n+++ b/app/settings.yaml\n@@ ')).toBe(true);
    expect(diff).toContain('\n-  VPN: on\n-  MODE: yes\n+  VPN: "on"\n+  MODE: "yes"\n');
    expect(applyPatch(configMap, diff)).toBe(fixedConfigMap);
    expect(io.err()).toContain('Would fix 2 problems in 1 file:');
  });

  it('needs -o for a machine-readable report, which stays apart from the diff', async () => {
    const root = repo({ 'app/settings.yaml': configMap });
    const refused = captureIO();
    expect(await run([root, '--fix-dry-run', '-f', 'json'], refused)).toBe(2);
    expect(refused.err()).toContain('give -o <file> for the json report');
    const io = captureIO();
    const out = path.join(tmp, 'dry.json');
    await run([root, '--fix-dry-run', '-f', 'json', '-o', out], io);
    expect(io.out()).toContain('+  VPN: "on"');
    expect((JSON.parse(fs.readFileSync(out, 'utf8')) as { fixes: { dryRun: boolean } }).fixes.dryRun).toBe(true);
  });
});

describe('fixes in the reports of a plain run', () => {
  it('SARIF carries each fix as an artifactChange with a replacement', async () => {
    const root = repo({ 'app/settings.yaml': configMap });
    const io = captureIO();
    await run([root, '-f', 'sarif'], io);
    const results = (JSON.parse(io.out()) as { runs: { results: { ruleId: string; fixes?: unknown[] }[] }[] }).runs[0]!.results;
    const vpn = configMap.indexOf('on\n');
    expect(results.find((r) => r.ruleId === 'yaml-ambiguous-value')!.fixes).toEqual([
      {
        description: { text: 'gitops-lint --fix: yaml-ambiguous-value' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'app/settings.yaml', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { charOffset: vpn, charLength: 2 }, insertedContent: { text: '"on"' } }],
          },
        ],
      },
    ]);
  });
});
