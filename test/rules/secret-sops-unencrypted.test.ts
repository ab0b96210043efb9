import { ruleTester } from '../support/rule-tester.js';

const HOW = 'encrypt it (sops --encrypt --in-place <file>, with the creation rules of .sops.yaml), and rotate what it holds: Git history keeps the clear text';
const named = (file: string) => `${file} is named as a SOPS-encrypted file but has no SOPS metadata: it is committed in the clear; ${HOW}`;

const secret = (name: string, body: string[]) => ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, ...body].join('\n') + '\n';
const encrypted = secret('db', [
  'stringData:',
  '  password: ENC[AES256_GCM,data:q0nTcQ==,iv:AAAA,tag:BBBB,type:str]',
  'sops:',
  '  age:',
  '    - recipient: age1qqqq',
  '  mac: ENC[AES256_GCM,data:abcd,iv:AAAA,tag:BBBB,type:str]',
  '  version: 3.9.0',
]);
const SOPS_CONFIG = [
  'creation_rules:',
  '  - path_regex: provision/.*\\.sops\\.ya?ml',
  '    age: age1qqqq',
  '  - path_regex: (?i)^cluster/secrets/.*\\.yaml$',
  "    encrypted_regex: '^(data|stringData)$'",
  '    age: age1qqqq',
  "  - encrypted_regex: '^(data|stringData)$'",
  '    age: age1qqqq',
].join('\n') + '\n';

ruleTester.run('secret-sops-unencrypted', {
  valid: [
    { name: 'an encrypted *.sops.yaml', files: { 'apps/db.sops.yaml': encrypted } },
    { name: 'an encrypted *.sops.json', files: { 'apps/db.sops.json': '{"data": "ENC[AES256_GCM,data:q0,iv:A,tag:B,type:str]", "sops": {"mac": "ENC[AES256_GCM,data:m,iv:A,tag:B,type:str]"}}\n' } },
    { name: 'an encrypted *.sops.env is not a *.sops.yaml, and is encrypted', files: { 'apps/app.sops.env': 'A=ENC[AES256_GCM,data:q0,iv:A,tag:B,type:str]\nsops_mac=ENC[AES256_GCM,data:m,iv:A,tag:B,type:str]\n' } },
    { name: '.sops.yaml itself, and an empty *.sops.yaml', files: { '.sops.yaml': SOPS_CONFIG, 'apps/later.sops.yaml': '# filled by sops later\n' } },
    {
      name: 'creation rules: a ConfigMap under a path_regex, a Secret under the catch-all rule (no path_regex), an encrypted Secret',
      files: {
        '.sops.yaml': SOPS_CONFIG,
        'cluster/secrets/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\ndata:\n  a: b\n',
        'apps/db.yaml': secret('db', ['stringData:', '  password: hunter22']),
        'cluster/secrets/db.yaml': encrypted,
      },
    },
    {
      name: 'a Secret under a path_regex holding only placeholders',
      files: { '.sops.yaml': SOPS_CONFIG, 'cluster/secrets/db.yaml': secret('db', ['stringData:', '  password: ${DB_PASSWORD}']) },
    },
  ],
  invalid: [
    {
      name: 'a *.sops.yaml decrypted in place (as toboshii/home-ops kopia secret.sops.yaml)',
      files: { 'apps/kopia/secret.sops.yaml': secret('kopia', ['stringData:', '  KOPIA_PASSWORD: hunter22']) },
      errors: [{ file: 'apps/kopia/secret.sops.yaml', line: 1, message: named('apps/kopia/secret.sops.yaml') }],
    },
    {
      name: '*.enc.yaml and *.sops.json without metadata',
      files: { 'a/x.enc.yaml': 'password: hunter22\n', 'a/y.sops.json': '{"token": "abc"}\n' },
      errors: [
        { file: 'a/x.enc.yaml', line: 1, message: named('a/x.enc.yaml') },
        { file: 'a/y.sops.json', line: 1, message: named('a/y.sops.json') },
      ],
    },
    {
      name: 'a Secret in the clear where the first matching creation rule (Go (?i) flag) says files are encrypted',
      files: { '.sops.yaml': SOPS_CONFIG, 'Cluster/secrets/db.yaml': secret('db', ['stringData:', '  password: hunter22']) },
      errors: [
        {
          file: 'Cluster/secrets/db.yaml',
          line: 6,
          message: `Secret "db" is not encrypted, yet creation rule 2 of .sops.yaml (path_regex (?i)^cluster/secrets/.*\\.yaml$) says files here are (stringData.password in the clear); ${HOW}`,
        },
      ],
    },
    {
      name: 'the nearest .sops.yaml governs, paths relative to it',
      files: { 'team/.sops.yaml': 'creation_rules:\n  - path_regex: ^secrets/\n    age: age1qqqq\n', 'team/secrets/db.yaml': secret('db', ['data:', '  password: aHVudGVyMjI=']) },
      errors: [{ file: 'team/secrets/db.yaml', line: 6, message: /^Secret "db" is not encrypted, yet creation rule 1 of team\/\.sops\.yaml \(path_regex \^secrets\/\) says files here are \(data\.password in the clear\)/ }],
    },
  ],
});
