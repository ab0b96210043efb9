import { ruleTester } from '../support/rule-tester.js';

const msg = (key: string, shown: string) =>
  `Commented-out ${key} still holds a credential, ${shown}: a comment is still in Git, and Git history keeps it; delete the line, keep the value in a Secret encrypted with SOPS + age or out of Git (ExternalSecret, SealedSecret), and rotate it`;

ruleTester.run('secret-in-comment', {
  valid: [
    {
      name: 'prose, upstream sample values, references and placeholders in comments',
      files: {
        'values.yaml': [
          '# Connect with postgres://user:password@host:5432/db',
          '# adminPassword: prom-operator',
          '# password: changeme',
          '# apiKey: ${API_KEY}',
          '# token: <your token>',
          '# existingSecret: grafana-admin-credentials',
          'replicas: 1',
        ].join('\n') + '\n',
        'replication.tf': '#   access_secret = data.infisical_secrets.harbor_admin.secrets["GHCR_PUSH_TOKEN"].value\n',
      },
    },
    { name: 'live configuration is not a comment (other rules judge it)', files: { 'app.env': 'CF_API_KEY=3f9c2b7e1d4a8f6c0b5e9d2a7c4f1e8b3d6a9\n' } },
    { name: 'an npmrc registry line is not a // comment', files: { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' } },
  ],
  invalid: [
    {
      name: 'a commented CF_API_KEY of 37 hex characters (YAML) and a commented export (shell)',
      files: {
        'cert-manager/values.yaml': 'replicas: 1\n#  CF_API_KEY: 3f9c2b7e1d4a8f6c0b5e9d2a7c4f1e8b3d6a9\n',
        'scripts/env.sh': '#!/bin/sh\n# export GITHUB_TOKEN="Zk4q9Vn2Lp7Rs3Tw8Xy5Bc1Df6Gh0Jm"\n',
      },
      errors: [
        { file: 'cert-manager/values.yaml', line: 2, message: msg('CF_API_KEY', '"3f9c…" (37 chars)') },
        { file: 'scripts/env.sh', line: 2, message: msg('GITHUB_TOKEN', '"Zk4q…" (31 chars)') },
      ],
    },
    {
      name: 'a commented secretGenerator literal',
      files: { 'app/kustomization.yaml': 'secretGenerator:\n  - name: app\n    literals:\n      - user=app\n      # - password=hunter22-prod\n' },
      errors: [{ file: 'app/kustomization.yaml', line: 5, message: msg('password', '"…" (13 chars)') }],
    },
  ],
});
