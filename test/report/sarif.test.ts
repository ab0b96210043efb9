import fs from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, sarif } from '../../src/report/sarif.js';
import { finding, lintResult, mixedResult } from './results.js';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext typing.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
const schema = JSON.parse(fs.readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const options = { color: false, verbose: false };

function expectValid(log: unknown) {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('sarif formatter', () => {
  it('is valid SARIF 2.1.0 for a mixed result and for an empty one', () => {
    expectValid(JSON.parse(sarif(mixedResult(), options)));
    expectValid(JSON.parse(sarif(lintResult(), options)));
  });

  it('the schema rejects a broken log (the validation is real)', () => {
    const log = JSON.parse(sarif(mixedResult(), options));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes the tool and its rules as GitHub code scanning reads them', () => {
    const log = JSON.parse(sarif(mixedResult(), options));
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('gitops-lint');
    expect(driver.version).toBe(pkg.version);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['flux-kustomization-prune', 'helmrelease-values', 'yaml-duplicate-key']);
    expect(driver.rules[0]).toEqual({
      id: 'flux-kustomization-prune',
      shortDescription: { text: 'Description of flux-kustomization-prune.' },
      fullDescription: { text: 'Description of flux-kustomization-prune.' },
      helpUri: 'https://example.test/docs/rules/flux-kustomization-prune.md',
      help: {
        text: 'Fix flux-kustomization-prune like this.\n\nDocumentation: https://example.test/docs/rules/flux-kustomization-prune.md',
        markdown: 'Fix flux-kustomization-prune like this.\n\n[Rule documentation](https://example.test/docs/rules/flux-kustomization-prune.md)',
      },
      defaultConfiguration: { level: 'error' },
    });
  });

  it('maps each finding to a result with level, rule index, location and fingerprint', () => {
    const result = mixedResult();
    const log = JSON.parse(sarif(result, options));
    const results = log.runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['note', 'warning', 'error']);
    const rules = log.runs[0].tool.driver.rules;
    for (const r of results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results[0]).toEqual({
      ruleId: 'helmrelease-values',
      ruleIndex: 1,
      level: 'note',
      message: { text: 'values could move to a ConfigMap' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'apps/podinfo/release.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 104, startColumn: 1, endLine: 104, endColumn: 10 },
          },
        },
      ],
      // Pinned (see test/report/fingerprint.test.ts): sha256 of ["helmrelease-values","apps/podinfo/release.yaml",
      // "helm.toolkit.fluxcd.io/v2","HelmRelease","apps","podinfo","values could move to a ConfigMap"].
      partialFingerprints: { [FINGERPRINT_KEY]: '9e28fa15f9aae268eca7fe07dcc1b93962d089064c6e662ca7a971c54742ec23:1' },
    });
  });

  it('keeps fingerprints when code moves down the file', () => {
    const before = lintResult([finding({ file: 'a.yaml', line: 5, ruleId: 'r', object: { kind: 'ConfigMap', name: 'c' } })]);
    const after = lintResult([finding({ file: 'a.yaml', line: 9, ruleId: 'r', object: { kind: 'ConfigMap', name: 'c' } })]);
    const fp = (r: typeof before) => JSON.parse(sarif(r, options)).runs[0].results[0].partialFingerprints[FINGERPRINT_KEY];
    expect(fp(after)).toBe(fp(before));
  });

  it('encodes odd file names relative to %SRCROOT%, the root, whatever the working directory, and adds descriptors for unlisted rules', () => {
    const result = lintResult([finding({ file: 'my dir/a#1.yaml', line: 0, column: 0, endLine: 0, endColumn: 0, ruleId: 'engine-rule' })], {
      rules: [],
      root: '/checkout/deploy dir',
    });
    const log = JSON.parse(sarif(result, { ...options, pathPrefix: 'deploy dir', cwd: '/checkout' }));
    expectValid(log);
    const location = log.runs[0].results[0].locations[0].physicalLocation;
    expect(location.artifactLocation).toEqual({ uri: 'my%20dir/a%231.yaml', uriBaseId: '%SRCROOT%' });
    expect(log.runs[0].originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///checkout/deploy%20dir/' } });
    expect(location.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    expect(log.runs[0].tool.driver.rules[0].id).toBe('engine-rule');
    expect(log.runs[0].results[0].ruleIndex).toBe(0);
  });
});
