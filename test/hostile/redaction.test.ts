/**
 * Secret values never appear in output. Each marker below sits where a value can be printed (a schema type error, a
 * YAML ambiguity between kustomize and kubectl, a custom rule's {{value}}), in every place a secret can live: a Secret,
 * a ConfigMap's data, a credential-named key, an env var, HelmRelease values, patches (file, inline, Flux), and a
 * post-build variable from a Secret, and Secret values in the clear (secret-plaintext names their keys, base64 `data`
 * decoded), and the credentials the other secret rules find (a token in a text file, a ConfigMap URL password, Helm
 * values, a Provider webhook, a commented-out token, a secretGenerator literal, a *.sops.yaml in the clear). The test first proves that a finding is reported at each marker (so the value had its chance to leak), then
 * that no marker, nor what the linter would derive from it, is in the output of any format.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli.js';
import { captureIO } from '../cli/io.js';
import { lint } from '../../src/index.js';
import type { LintResult } from '../../src/index.js';
import { FORMAT_NAMES, formatters, occurrenceFingerprints } from '../../src/report/index.js';
import { reviewCommentBody, stickyBody } from '../../src/github/comment.js';
import { jobSummary } from '../../src/github/summary.js';
import { writeRepo } from '../support/rule-tester.js';
import { kustomization } from '../rules/flux-fixtures.js';

/** Numbers where a string is expected give a type error that could print them. */
const NUMBER = {
  secret: 73015931,
  configMap: 73015932,
  env: 73015933,
  patchFile: 73015934,
  patchInline: 73015935,
  patchFlux: 73015936,
  helmValues: 73015937,
};
/**
 * Plain timestamps give a yaml-ambiguous-value finding (kustomize and Flux send them re-written as RFC 3339) whose usual
 * message shows them and both readings, and whose fix is the value quoted.
 */
const TIMESTAMP = { secret: '2031-07-11', configMap: '2031-07-12', helmValues: '2031-07-13', env: '2031-07-14' };
/** A Secret-sourced post-build variable substituted into an integer field. */
const SUBSTITUTED = 'S3CR3T-SUBSTITUTED';
/** A base64 `data` value: secret-plaintext decodes it to judge it, and must print neither form. */
const DECODED = 'S3CR3T-DECODED-api-key';
const ENCODED = Buffer.from(DECODED, 'utf8').toString('base64');

/** Values the secret rules report outside Secret manifests: each rule names where, at most a 4-character prefix and the length. */
const LEAK = {
  token: `ghp_${'Zq8sLw9Xv2Rt7Bn4Mk1Pj6Hc3Gf5Dy0Ea8Wu'}`,
  configUrlPassword: 'S3CR3T-URL-PASSWORD-q9',
  helmRootPassword: 'S3CR3T-HELM-ROOT-PW',
  webhook: 'https://hooks.slack.com/services/T0ABCDEF1/B0GHIJKL2/S3CR3TwebhookZq8sLw9Xv2Rt',
  commented: 'S3CR3TcommentZq8sLw9Xv2',
  generated: 'S3CR3T-GENERATED-literal',
  sopsNamed: 'S3CR3T-SOPS-NAMED-clear',
};

const markers = [
  ...Object.values(LEAK),
  ...Object.values(NUMBER).map(String),
  ...Object.values(TIMESTAMP),
  SUBSTITUTED,
  DECODED,
  ENCODED,
];

const files: Record<string, string> = {
  'clusters/prod/apps.yaml': kustomization('apps', './apps', [
    'postBuild:',
    '  substituteFrom:',
    '    - kind: Secret',
    '      name: vars',
    'patches:',
    '  - target:',
    '      kind: Secret',
    '    patch: |',
    '      apiVersion: v1',
    '      kind: Secret',
    '      metadata:',
    '        name: db',
    '      stringData:',
    `        password: ${NUMBER.patchFlux}`,
  ]),
  'apps/notes.txt': `deploy with GITHUB_TOKEN=${LEAK.token}\n`,
  'apps/db.sops.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: sops-named
stringData:
  password: ${LEAK.sopsNamed}
`,
  'apps/provider.yaml': `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata:
  name: slack
  namespace: default
spec:
  type: slack
  address: ${LEAK.webhook}
`,
  'apps/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
secretGenerator:
  - name: generated
    literals:
      - password=${LEAK.generated}
resources:
  - secret.yaml
  - config.yaml
  - web.yaml
  - release.yaml
patches:
  - path: secret-patch.yaml
  - patch: |-
      apiVersion: v1
      kind: Secret
      metadata:
        name: db
      stringData:
        password: ${NUMBER.patchInline}
`,
  'apps/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: default
stringData:
  database-url: ${NUMBER.secret}
  valid-until: ${TIMESTAMP.secret}
data:
  api-key: ${ENCODED}
---
apiVersion: v1
kind: Secret
metadata:
  name: vars
  namespace: flux-system
stringData:
  replica_count: ${SUBSTITUTED}
`,
  'apps/secret-patch.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: ${NUMBER.patchFile}
`,
  'apps/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
data:
  db-password: ${NUMBER.configMap}
  api-token: ${TIMESTAMP.configMap}
  db-url: postgres://app:${LEAK.configUrlPassword}@db:5432/app
`,
  'apps/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: \${replica_count}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - name: DB_PASSWORD
              value: ${NUMBER.env}
            - name: API_TOKEN
              value: ${TIMESTAMP.env}
`,
  'apps/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: default
spec:
  interval: 10m
  chartRef:
    kind: OCIRepository
    name: podinfo
  values:
    auth:
      password: ${TIMESTAMP.helmValues}
      adminPassword: ${NUMBER.helmValues}
      rootPassword: ${LEAK.helmRootPassword}
      # apiToken: ${LEAK.commented}
`,
};

/** A custom rule printing {{value}} of every env var and of the HelmRelease values. */
const customRules = [
  { path: 'spec.template.spec.containers[*].env[*].value', kind: 'Deployment' },
  { path: 'spec.values.auth.adminPassword', kind: 'HelmRelease' },
].map((r, i) => ({
  id: `print-value-${i}`,
  severity: 'warning' as const,
  description: 'prints the value',
  rationale: 'test',
  remediation: 'none',
  docs: 'docs/rules/none.md',
  check: 'object-field',
  params: { match: { kind: r.kind }, path: r.path, pattern: '^never$', message: '{{path}} is {{value}}' },
}));

/** file:line of each marker, and the rule whose finding there could have printed it. */
const exposures: [string, number, string][] = [
  ['apps/secret.yaml', 7, 'schema-validation'],
  ['apps/secret.yaml', 8, 'yaml-ambiguous-value'],
  ['apps/secret.yaml', 7, 'secret-plaintext'],
  ['apps/secret-patch.yaml', 6, 'secret-plaintext'],
  ['apps/secret-patch.yaml', 6, 'schema-validation'],
  ['apps/kustomization.yaml', 20, 'schema-validation'],
  ['apps/kustomization.yaml', 6, 'secret-plaintext'],
  ['apps/notes.txt', 1, 'secret-token-pattern'],
  ['apps/db.sops.yaml', 1, 'secret-sops-unencrypted'],
  ['apps/db.sops.yaml', 6, 'secret-plaintext'],
  ['apps/provider.yaml', 8, 'secret-in-config'],
  ['apps/config.yaml', 9, 'secret-in-config'],
  ['apps/release.yaml', 15, 'secret-in-config'],
  ['apps/release.yaml', 16, 'secret-in-comment'],
  ['clusters/prod/apps.yaml', 26, 'schema-validation'],
  ['apps/config.yaml', 7, 'schema-validation'],
  ['apps/config.yaml', 8, 'yaml-ambiguous-value'],
  ['apps/web.yaml', 7, 'schema-validation'],
  ['apps/web.yaml', 19, 'schema-validation'],
  ['apps/web.yaml', 19, 'print-value-0'],
  ['apps/web.yaml', 21, 'yaml-ambiguous-value'],
  ['apps/web.yaml', 21, 'print-value-0'],
  ['apps/release.yaml', 13, 'yaml-ambiguous-value'],
  ['apps/release.yaml', 14, 'print-value-1'],
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

let linted: Promise<LintResult> | undefined;
function result(): Promise<LintResult> {
  if (!linted) {
    const dir = writeRepo(files);
    dirs.push(dir);
    linted = lint(dir, { config: { extends: 'all', customRules } });
  }
  return linted;
}

describe('secret values never appear in output', () => {
  it('a finding is reported at every place a secret value sits', async () => {
    const found = (await result()).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    const missing = exposures.map(([file, line, rule]) => `${file}:${line} ${rule}`).filter((e) => !found.includes(e));
    expect(missing, `findings:\n${found.join('\n')}`).toEqual([]);
  });

  it('redacted ambiguity findings carry no fix, whose text would be the value', async () => {
    const ambiguous = (await result()).findings.filter((f) => f.ruleId === 'yaml-ambiguous-value');
    expect(ambiguous.length).toBe(4);
    expect(ambiguous.filter((f) => f.fix)).toEqual([]);
  });

  it.each(FORMAT_NAMES)('%s output holds none of them', async (name) => {
    const output = formatters[name](await result(), { color: false, verbose: true });
    expect(output.length).toBeGreaterThan(0);
    expect(markers.filter((m) => output.includes(m))).toEqual([]);
  });

  it('the PR comment, its review comments and the job summary hold none of them', async () => {
    const { findings, rules } = await result();
    const links = { serverUrl: 'https://github.example', repository: 'acme/fleet', ref: 'abc' };
    const fingerprints = occurrenceFingerprints(findings);
    const outputs = [
      stickyBody({ findings, rules, pathPrefix: '', links, summaryUrl: undefined }, findings, 0),
      ...findings.map((f, i) => reviewCommentBody(f, fingerprints[i]!, rules)),
      jobSummary({ findings, rules, markdown: { links, pathPrefix: '' }, notes: [] }),
    ];
    expect(outputs.every((o) => o.length > 0)).toBe(true);
    expect(markers.filter((m) => outputs.some((o) => o.includes(m)))).toEqual([]);
  });
});

describe('secret values never appear in what the CLI writes', () => {
  it.each(FORMAT_NAMES)('--format %s: stdout, stderr and the --output file hold none of them', async (name) => {
    const repo = writeRepo({ ...files, '.gitops-lint.yaml': 'extends: all\n' });
    dirs.push(repo);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-out-')), `report.${name}`);
    dirs.push(path.dirname(out));
    for (const args of [[repo, '--format', name, '--verbose'], [repo, '--format', name, '--output', out], [repo, '--print-config']]) {
      const io = captureIO();
      await run(args, io);
      const written = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
      expect(io.out().length + written.length, `${args.join(' ')} wrote something`).toBeGreaterThan(0);
      expect(markers.filter((m) => io.out().includes(m) || io.err().includes(m) || written.includes(m)), args.join(' ')).toEqual([]);
    }
    expect(fs.readFileSync(out, 'utf8')).toMatch(/secret-token-pattern/);
  });
});
