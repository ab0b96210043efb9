/** The CLI in-process on real repos in temp dirs, with the real engine. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIO } from './io.js';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-e2e-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function repo(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(tmp, 'repo-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\ndata:\n  a: "1"\n';

describe('cli end to end', () => {
  it('a clean repo exits 0 with the success line', async () => {
    const io = captureIO();
    expect(await run([repo({ 'README.md': '# hi\n', 'apps/settings.yaml': configMap })], io)).toBe(0);
    expect(io.out()).toBe('✔ No problems found\n');
  });

  it('a YAML syntax error exits 1 and is reported with its position in every format', async () => {
    const root = repo({ 'apps/broken.yaml': 'a: [\n', 'apps/ok.yaml': configMap });
    const io = captureIO();
    expect(await run([root, '-f', 'json'], io)).toBe(1);
    const report = JSON.parse(io.out());
    const syntax = report.findings.find((f: { ruleId: string }) => f.ruleId === 'yaml-syntax');
    expect(syntax).toMatchObject({ file: 'apps/broken.yaml', severity: 'error' });
    expect(syntax.line).toBeGreaterThanOrEqual(1);
    expect(report.summary.errors).toBeGreaterThanOrEqual(1);

    const sarifIO = captureIO();
    expect(await run([root, '-f', 'sarif'], sarifIO)).toBe(1);
    const schema = JSON.parse(fs.readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(sarifIO.out());
    expect(validate(log)).toBe(true);
    const rules = log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(rules).toContain('yaml-syntax');
    expect(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'yaml-syntax')).toBe(true);
  });
});
