import { ruleTester } from '../support/rule-tester.js';

const HOW =
  ': anyone who can read the repository reads it, and Git history keeps it; encrypt it with SOPS + age, or move it to External Secrets, Sealed Secrets or a secretRef, and rotate it';
const clear = (name: string, count: number, keys: string) => `Secret "${name}" holds ${count === 1 ? '1 value' : `${count} values`} in the clear (${keys})${HOW}`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const secret = (name: string, body: string[]) =>
  ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, '  namespace: default', ...body].join('\n') + '\n';

ruleTester.run('secret-plaintext', {
  valid: [
    {
      name: 'a SOPS-encrypted Secret (ENC[...] values, sops block with mac)',
      files: {
        'secret.sops.yaml': secret('db', [
          'stringData:',
          '  password: ENC[AES256_GCM,data:q0nTcQ==,iv:AAAA,tag:BBBB,type:str]',
          'sops:',
          '  age:',
          '    - recipient: age1qqqq',
          '      enc: |',
          '        -----BEGIN AGE ENCRYPTED FILE-----',
          '        -----END AGE ENCRYPTED FILE-----',
          '  lastmodified: "2024-01-01T00:00:00Z"',
          '  mac: ENC[AES256_GCM,data:abcd,iv:AAAA,tag:BBBB,type:str]',
          '  encrypted_regex: ^(data|stringData)$',
          '  version: 3.8.1',
        ]),
      },
    },
    {
      name: 'placeholders: ${VAR}, empty, changeme, <password>, REPLACE_ME, xxxx, and base64 of changeme',
      files: {
        'secret.yaml': secret('db', [
          'stringData:',
          '  a: ${DB_PASSWORD}',
          '  b: ""',
          '  c: changeme',
          '  d: <password>',
          '  e: REPLACE_ME',
          '  f: xxxx',
          '  g: ${TOKEN:=none}',
          'data:',
          `  h: ${b64('changeme')}`,
          '  i: ""',
        ]),
      },
    },
    {
      name: 'references: op://, vault:, ref+, akv:, <path:...> (also base64-encoded in data)',
      files: {
        'secret.yaml': secret('db', [
          'stringData:',
          '  a: op://vault/item/password',
          '  b: vault:secret/data/db#password',
          '  c: ref+awssecrets://db/password',
          '  d: akv:my-vault/db-password',
          '  e: <path:secret/data/db#password>',
          'data:',
          `  f: ${b64('op://vault/item/token')}`,
        ]),
      },
    },
    {
      name: 'a service-account-token Secret without data',
      files: {
        'sa.yaml': secret('sa-token', ['  annotations:', '    kubernetes.io/service-account.name: app', 'type: kubernetes.io/service-account-token']),
      },
    },
    {
      name: 'a SealedSecret and an ExternalSecret hold no plaintext',
      files: {
        'sealed.yaml': [
          'apiVersion: bitnami.com/v1alpha1',
          'kind: SealedSecret',
          'metadata:',
          '  name: db',
          '  namespace: default',
          'spec:',
          '  encryptedData:',
          '    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq',
          '  template:',
          '    data:',
          '      user: admin',
        ].join('\n'),
        'external.yaml': [
          'apiVersion: external-secrets.io/v1',
          'kind: ExternalSecret',
          'metadata:',
          '  name: db',
          '  namespace: default',
          'spec:',
          '  secretStoreRef:',
          '    kind: ClusterSecretStore',
          '    name: vault',
          '  target:',
          '    name: db',
          '    template:',
          '      data:',
          '        url: postgres://app:{{ .password }}@db/app',
          '  data:',
          '    - secretKey: password',
          '      remoteRef:',
          '        key: db/password',
        ].join('\n'),
      },
    },
    {
      name: 'public material: a public key and a certificate (base64 in data), an OpenSSH public key',
      files: {
        'secret.yaml': secret('keys', [
          'data:',
          `  key.pub: ${b64('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n')}`,
          `  ca.crt: ${b64('-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n')}`,
          'stringData:',
          '  id.pub: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl flux',
        ]),
      },
    },
    {
      name: 'a configuration file without credentials, a URL whose credentials come from elsewhere, a path',
      files: {
        'secret.yaml': secret('config', [
          'stringData:',
          '  values.yaml: |',
          '    networkPolicies:',
          '      enabled: false',
          '    registry:',
          '      password: ${REGISTRY_PASSWORD}',
          '  url: postgresql://${OWNER:=${APP}}@db.svc:5432/app?sslmode=verify-full&sslkey=/var/run/secrets/tls.key',
          '  password_file: /var/run/secrets/db/password',
        ]),
      },
    },
    {
      name: 'secretGenerator from placeholders, references, a public key and a SOPS-encrypted env file',
      files: {
        'app/kustomization.yaml': [
          'secretGenerator:',
          '  - name: app',
          '    literals:',
          '      - password=${DB_PASSWORD}',
          '      - token=op://vault/app/token',
          '    files:',
          '      - id.pub',
          '    envs:',
          '      - app.sops.env',
        ].join('\n') + '\n',
        'app/id.pub': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx2bQq7 deploy\n',
        'app/app.sops.env': 'DB_PASSWORD=ENC[AES256_GCM,data:q0nT,iv:AA,tag:BB,type:str]\nsops_mac=ENC[AES256_GCM,data:ab,iv:AA,tag:BB,type:str]\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a kubernetes.io/dockerconfigjson Secret: the auth of a registry (base64 user:password) is a credential',
      files: {
        'pull.yaml': secret('pull', [
          'type: kubernetes.io/dockerconfigjson',
          'data:',
          `  .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'ghcr.io': { auth: b64('robot:9f8e7d6c5b4a') } } }))}`,
        ]),
      },
      errors: [{ file: 'pull.yaml', line: 8, message: clear('pull', 1, 'data..dockerconfigjson') }],
    },
    {
      name: 'secretGenerator literals, files and envs in the clear (a private key named as such)',
      files: {
        'app/kustomization.yaml': [
          'secretGenerator:',
          '  - name: app',
          '    literals:',
          '      - username=admin-user',
          '      - password=hunter22-prod',
          '    files:',
          '      - tls.key=certs/server.key',
          '    envs:',
          '      - app.env',
        ].join('\n') + '\n',
        'app/certs/server.key': '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5TZGAP8RXRVTAoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n',
        'app/app.env': '# the app\nAPI_TOKEN=7f3e9a1c55d24b08\nLOG_LEVEL=debug\n',
      },
      errors: [
        {
          file: 'app/kustomization.yaml',
          line: 4,
          message: `secretGenerator "app" generates a Secret from 4 values committed in the clear (literals username, literals password, files tls.key, envs app.env API_TOKEN LOG_LEVEL)${HOW}`,
        },
      ],
    },
    {
      name: 'stringData in the clear, at the first key in the clear (placeholders not listed)',
      files: { 'secret.yaml': secret('db', ['stringData:', '  user: ${DB_USER}', '  password: pr0d-Passw0rd!', '  url: postgres://app:pr0d@db/app']) },
      errors: [{ file: 'secret.yaml', line: 8, column: 3, message: clear('db', 2, 'stringData.password, stringData.url') }],
    },
    {
      name: 'base64 data is decoded: a real value is in the clear, whatever the key order (kind: after data:)',
      files: {
        'secret.yaml': ['data:', `  token: ${b64('ghp_abcdefghijklmnopqrstuvwxyz0123456789')}`, 'metadata:', '  name: api', 'apiVersion: v1', 'kind: Secret'].join('\n') + '\n',
      },
      errors: [{ file: 'secret.yaml', line: 2, message: clear('api', 1, 'data.token') }],
    },
    {
      name: 'a JSON Secret listed by a kustomization',
      files: {
        'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - secret.json\n',
        'secret.json': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'json' }, stringData: { apiKey: 'c2VjcmV0LWtleS0xMjM0' } }, null, 2) + '\n',
      },
      errors: [{ file: 'secret.json', line: 8, message: clear('json', 1, 'stringData.apiKey') }],
    },
    {
      name: 'data and stringData together, the first key in source order is pointed at',
      files: { 'secret.yaml': secret('both', ['stringData:', '  b: hunter22', 'data:', `  a: ${b64('s3cr3t')}`]) },
      errors: [{ file: 'secret.yaml', line: 7, message: clear('both', 2, 'stringData.b, data.a') }],
    },
    {
      name: 'ENC[...] values without a sops block among plaintext ones: only the plaintext is reported',
      files: { 'secret.yaml': secret('half', ['stringData:', '  a: ENC[AES256_GCM,data:q0nTcQ==,type:str]', '  b: 12345']) },
      errors: [{ file: 'secret.yaml', line: 8, message: clear('half', 1, 'stringData.b') }],
    },
    {
      name: 'a configuration file holding a password, and a private key in data',
      files: {
        'secret.yaml': secret('files', [
          'stringData:',
          '  values.yaml: |',
          '    registry:',
          '      username: robot',
          '      password: hunter22-robot',
          'data:',
          `  tls.key: ${b64('-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n')}`,
          `  tls.crt: ${b64('-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n')}`,
        ]),
      },
      errors: [{ file: 'secret.yaml', line: 7, message: clear('files', 2, 'stringData.values.yaml, data.tls.key (a private key)') }],
    },
  ],
});
