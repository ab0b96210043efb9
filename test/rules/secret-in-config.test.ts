import { ruleTester } from '../support/rule-tester.js';

const HOW =
  ': anyone who can read the repository reads it, and Git history keeps it; move it to a Secret (encrypted with SOPS + age, an ExternalSecret or a SealedSecret) and reference it (secretKeyRef, valuesFrom kind Secret, a secretRef), then rotate it';
const at = (kind: string, name: string, what: string, shown: string) => `${kind} "${name}" holds a credential in the clear at ${what}, ${shown}${HOW}`;

const configMap = (name: string, data: string[]) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, 'data:', ...data.map((l) => `  ${l}`)].join('\n') + '\n';
const deployment = (env: string[]) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '          env:',
    ...env.map((l) => `            ${l}`),
  ].join('\n') + '\n';
const helmRelease = (values: string[]) =>
  ['apiVersion: helm.toolkit.fluxcd.io/v2', 'kind: HelmRelease', 'metadata:', '  name: db', 'spec:', '  values:', ...values.map((l) => `    ${l}`)].join('\n') + '\n';
const provider = (type: string, address: string) =>
  ['apiVersion: notification.toolkit.fluxcd.io/v1beta3', 'kind: Provider', 'metadata:', '  name: chat', 'spec:', `  type: ${type}`, `  address: ${address}`].join('\n') + '\n';
const gitRepository = (url: string) =>
  ['apiVersion: source.toolkit.fluxcd.io/v1', 'kind: GitRepository', 'metadata:', '  name: app', 'spec:', '  interval: 5m', `  url: ${url}`].join('\n') + '\n';

ruleTester.run('secret-in-config', {
  valid: [
    {
      name: 'ConfigMap: names of Secrets and keys, paths, placeholders, variables, URLs without a password, settings',
      files: {
        'cm.yaml': configMap('app', [
          'existingSecret: db-credentials',
          'passwordKey: password',
          'tokenTTL: 1h',
          'secretName: grafana-admin',
          'DB_PASSWORD_FILE: /var/run/secrets/db/password',
          'DB_PASSWORD: ${DB_PASSWORD}',
          'ADMIN_PASSWORD: changeme',
          'API_TOKEN: <token>',
          'DB_URL: postgres://app@db:5432/app',
          'vault_token: vault:secret/data/app#token',
          'secret: grafana-admin',
          'config.yaml: |',
          '  auth:',
          '    existingSecret: oidc',
          '    passwordFile: /run/secrets/p',
        ]),
      },
    },
    {
      name: 'env: secretKeyRef, expansions, a path, a terraform-like reference',
      files: {
        'web.yaml': deployment([
          '- name: DB_PASSWORD',
          '  valueFrom:',
          '    secretKeyRef: { name: db, key: password }',
          '- name: API_TOKEN',
          '  value: $(TOKEN_FROM_FILE)',
          '- name: PASSWORD_FILE',
          '  value: /run/secrets/password',
          '- name: LOG_LEVEL',
          '  value: debug',
        ]),
      },
    },
    {
      name: 'HelmRelease values: existingSecret, a placeholder, a variable, a boolean, names of Secret keys (tholinka/home-ops)',
      files: {
        'hr.yaml': helmRelease([
          'auth:',
          '  existingSecret: mariadb',
          '  rootPassword: ""',
          '  password: ${MARIADB_PASSWORD}',
          '  usePasswordFiles: true',
          'oidc:',
          '  secretKey: RENOVATE_OPERATOR_CLIENT_SECRET',
          '  sessionSecretKey: RENOVATE_OPERATOR_SESSION_SECRET',
        ]),
      },
    },
    { name: 'Provider: a GitHub address, and a webhook address from a variable', files: { 'p.yaml': provider('github', 'https://github.com/org/repo'), 'q.yaml': provider('slack', '${SLACK_WEBHOOK}') } },
    { name: 'GitRepository: ssh and https URLs without a password', files: { 'g.yaml': gitRepository('ssh://git@github.com/org/repo'), 'h.yaml': gitRepository('https://github.com/org/repo') } },
    { name: 'a Secret is judged by secret-plaintext', files: { 's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter22\n' } },
  ],
  invalid: [
    {
      name: 'a docker config.json in a ConfigMap',
      files: { 'cm.yaml': configMap('registry', [`.dockerconfigjson: '{"auths":{"ghcr.io":{"auth":"cm9ib3Q6OWY4ZTdkNmM1YjRh"}}}'`]) },
      errors: [{ file: 'cm.yaml', line: 6, message: at('ConfigMap', 'registry', 'data..dockerconfigjson', '"{\"au…" (57 chars)') }],
    },
    {
      name: 'ConfigMap: a password, a URL with a password, a config file holding a client secret',
      files: {
        'cm.yaml': configMap('app', ['POSTGRES_PASSWORD: accounts-pwd', 'DB_URL: postgresql://admin:accounts-pwd@db:5432/app', 'oidc.yaml: |', '  clientSecret: 9f8e7d6c5b4a3f2e1d0c']),
      },
      errors: [
        { file: 'cm.yaml', line: 6, message: at('ConfigMap', 'app', 'data.POSTGRES_PASSWORD', '"…" (12 chars)') },
        { file: 'cm.yaml', line: 7, message: at('ConfigMap', 'app', 'data.DB_URL', '"post…" (43 chars)') },
        { file: 'cm.yaml', line: 8, message: /^ConfigMap "app" holds a credential in the clear at data\.oidc\.yaml, "clie…" \(35 chars\)/ },
      ],
    },
    {
      name: 'env: an OIDC client secret and a short literal password',
      files: { 'web.yaml': deployment(['- name: OIDC_CLIENT_SECRET', '  value: 3b1f0c9e-77aa-4d2e-b9a1-5c0e8f2d6a71', '- name: MARIADB_ROOT_PASSWORD', '  value: changeme1']) },
      errors: [
        { file: 'web.yaml', line: 13, message: at('Deployment', 'web', 'env OIDC_CLIENT_SECRET', '"3b1f…" (36 chars)') },
        { file: 'web.yaml', line: 15, message: at('Deployment', 'web', 'env MARIADB_ROOT_PASSWORD', '"…" (9 chars)') },
      ],
    },
    {
      name: 'HelmRelease values: a weak root password, a high-entropy API key, env items',
      files: {
        'hr.yaml': helmRelease(['auth:', '  rootPassword: changeme1', 'apiKey: 7Hq2mX9vLp4Rt8Zs', 'env:', '  - name: MARIADB_ROOT_PASSWORD', '    value: changeme1']),
      },
      errors: [
        { file: 'hr.yaml', line: 8, message: at('HelmRelease', 'db', 'values.auth.rootPassword', '"…" (9 chars)') },
        { file: 'hr.yaml', line: 9, message: at('HelmRelease', 'db', 'values.apiKey', '"7Hq2…" (16 chars)') },
        { file: 'hr.yaml', line: 12, message: at('HelmRelease', 'db', 'env MARIADB_ROOT_PASSWORD', '"…" (9 chars)') },
      ],
    },
    {
      name: 'Provider: a Teams webhook address carries its token',
      files: { 'p.yaml': provider('msteams', 'https://contoso.webhook.office.com/webhookb2/0f3c9a7e-1b2d-4c5e-8f90-a1b2c3d4e5f6@7a8b9c0d-1e2f-4a5b-8c9d-0e1f2a3b4c5d/IncomingWebhook/9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49/5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b') },
      errors: [{ file: 'p.yaml', line: 7, message: /^Provider "chat" holds a credential in the clear at spec\.address, "http…" \(\d+ chars\)/ }],
    },
    {
      name: 'GitRepository URL with user:password@',
      files: { 'g.yaml': gitRepository('https://deploy:Zq8s2Lw9@git.example.com/org/repo') },
      errors: [{ file: 'g.yaml', line: 7, message: at('GitRepository', 'app', 'spec.url', '"http…" (48 chars)') }],
    },
  ],
});
