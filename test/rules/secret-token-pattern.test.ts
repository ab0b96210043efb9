/**
 * One true positive and at least one look-alike per pattern of rules/secret-token-pattern.yaml. Tokens are built at
 * test time from a seeded generator (no live-looking token is written in this repository).
 */
import { ruleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

let seed = 0x2f6b1c3d;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** `n` characters of `alphabet`, pseudo-random and the same on every run. */
function rnd(n: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

const pem = (label: string, body = rnd(64, B64)) => `-----BEGIN ${label}-----\n${body}\n${rnd(64, B64)}\n-----END ${label}-----\n`;
const finding = (file: string, line: number, description: string, id: string, comment = false): InvalidCase['errors'][number] => ({
  file,
  line,
  severity: comment ? 'warning' : 'error',
  message: new RegExp(`^${description.replace(/[()]/g, '\\$&')} \\(${id}\\) in the clear${comment ? ' in a comment' : ''}, .*rotate it$`),
});

/** [pattern id, description, true positive text, look-alikes] */
const table: [string, string, string, string[]][] = [
  ['private-key', 'Private key (PEM)', pem('RSA PRIVATE KEY'), [pem('PUBLIC KEY'), pem('CERTIFICATE'), 'if (text.includes("-----BEGIN RSA PRIVATE KEY-----")) return;\n']],
  ['private-key', 'Private key (PEM)', pem('OPENSSH PRIVATE KEY'), ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx2bQq7 deploy\n']],
  ['private-key', 'Private key (PEM)', `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${rnd(64, B64)}\n-----END PGP PRIVATE KEY BLOCK-----\n`, [`-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${rnd(64, B64)}\n-----END PGP PUBLIC KEY BLOCK-----\n`]],
  ['putty-private-key', 'PuTTY private key', `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPublic-Lines: 2\n${rnd(64, B64)}\n${rnd(20, B64)}\nPrivate-Lines: 1\n${rnd(48, B64)}\n`, ['PuTTY-User-Key-File-3: see the PuTTY manual for the format\n']],
  ['age-secret-key', 'age secret key', `AGE-SECRET-KEY-1${rnd(58, BECH32)}\n`, [`# public key: age1${rnd(58, BECH32.toLowerCase())}\n`, 'AGE-SECRET-KEY-1XXXX\n']],
  ['github-token', 'GitHub token', `token = ghp_${rnd(36)}\n`, ['token = ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n', `ref = ghp_${rnd(12)}\n`]],
  ['gitlab-token', 'GitLab token', `GITLAB_TOKEN=glpat-${rnd(20)}\n`, ['GITLAB_TOKEN=glpat-XXXXXXXXXXXXXXXXXXXX\n']],
  ['aws-access-key', 'AWS access key ID', `aws_access_key_id = AKIA${rnd(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}\n`, ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n']],
  ['aws-secret-key', 'AWS secret access key', `aws_secret_access_key = ${rnd(40, B64)}\n`, ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n']],
  ['azure-storage-key', 'Azure storage account key (connection string)', `conn = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${rnd(86, B64)}==;EndpointSuffix=core.windows.net"\n`, ['conn = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=<key>"\n']],
  ['azure-ad-client-secret', 'Azure AD (Entra ID) client secret', `clientSecret = "${rnd(3)}8Q~${rnd(34, `${ALNUM}_~.-`)}"\n`, ['see https://learn.microsoft.com/Q~docs\n']],
  ['gcp-service-account-key', 'GCP service account key (JSON)', `{"type": "service_account", "private_key_id": "${rnd(40, HEX)}"}\n`, ['{"type": "service_account", "private_key_id": ""}\n']],
  ['slack-webhook', 'Slack webhook URL (its token is in the URL)', `url: https://hooks.slack.com/services/T${rnd(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B${rnd(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${rnd(24)}\n`, ['url: https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX\n']],
  ['slack-token', 'Slack token', `SLACK_BOT_TOKEN=xoxb-${rnd(12, '0123456789')}-${rnd(24)}\n`, ['SLACK_BOT_TOKEN=xoxb-your-token\n']],
  ['teams-webhook', 'Microsoft Teams webhook URL (its token is in the URL)', `address: https://contoso.webhook.office.com/webhookb2/${rnd(8, HEX)}-${rnd(4, HEX)}-${rnd(4, HEX)}-${rnd(4, HEX)}-${rnd(12, HEX)}@${rnd(8, HEX)}-${rnd(4, HEX)}-${rnd(4, HEX)}-${rnd(4, HEX)}-${rnd(12, HEX)}/IncomingWebhook/${rnd(32, HEX)}/${rnd(8, HEX)}-${rnd(4, HEX)}-${rnd(4, HEX)}-${rnd(4, HEX)}-${rnd(12, HEX)}\n`, ['address: https://contoso.webhook.office.com/webhookb2/...\n']],
  ['discord-webhook', 'Discord webhook URL (its token is in the URL)', `url: https://discord.com/api/webhooks/${rnd(18, '0123456789')}/${rnd(68, `${ALNUM}_-`)}\n`, ['url: https://discord.com/api/webhooks/<id>/<token>\n']],
  ['npm-token', 'npm access token', `NPM_TOKEN=npm_${rnd(36)}\n`, ['NPM_TOKEN=npm_install_dependencies_before_build_step\n']],
  ['npmrc-auth-token', 'npm registry auth token (.npmrc)', `//registry.npmjs.org/:_authToken=${rnd(8, HEX)}-${rnd(4, HEX)}-${rnd(4, HEX)}-${rnd(12, HEX)}\n`, ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n']],
  ['jwt', 'JSON Web Token', `Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJ${rnd(30)}.${rnd(43, `${ALNUM}_-`)}\n`, ['header starts with eyJhbGciOiJIUzI1NiJ9 only\n']],
  ['url-credentials', 'URL with a password', `repo: https://deploy:${rnd(16)}@git.example.com/team/app.git\n`, ['dsn: postgres://user:password@host:5432/db\n', 'url: https://${USER}:${PASS}@git.example.com\n', "# proxy = 'socks5://dnscrypt:dnscrypt@127.0.0.1:9050'\n"]],
];

const secretWithToken = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gh\nstringData:\n  token: ghp_${rnd(36)}\n`;
const configMapWithUrl = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  DB_URL: postgres://app:${rnd(16)}@db:5432/app\n`;

const valid: ValidCase[] = table.flatMap(([id, , , lookAlikes]) => lookAlikes.map((text, i) => ({ name: `${id} look-alike ${i + 1}`, files: { 'notes.txt': text } })));
const invalid: InvalidCase[] = table.map(([id, description, text]) => ({ name: `${id}: ${text.split('\n')[0]!.slice(0, 30)}…`, files: { 'notes.txt': text }, errors: [finding('notes.txt', 1, description, id)] }));

/** A binary OpenPGP secret key (old-format tag 5 packet, version 4, RSA) as `gpg --export-secret-keys` writes it. */
const binarySecretKey = Buffer.concat([Buffer.from([0x95, 0x03, 0x98, 0x04, 0x65, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00]), Buffer.alloc(64, 0)]);
/** The public-key packet (tag 6) of the same key: public. */
const binaryPublicKey = Buffer.concat([Buffer.from([0x99, 0x01, 0x0d, 0x04, 0x65, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00]), Buffer.alloc(64, 0)]);

ruleTester.run('secret-token-pattern', {
  valid: [
    ...valid,
    { name: 'a binary OpenPGP public key export', files: {}, binaryFiles: { 'keys/pub.gpg': binaryPublicKey } },
    {
      name: 'a Secret document is judged by secret-plaintext, not twice',
      files: { 'secret.yaml': secretWithToken },
      config: { rules: { 'secret-plaintext': 'error' } },
    },
    {
      name: 'a ConfigMap credential is reported by secret-in-config, not twice',
      files: { 'cm.yaml': configMapWithUrl },
      config: { rules: { 'secret-in-config': 'error' } },
    },
    {
      name: 'a .gitignore-d file is not committed',
      files: { '.gitignore': '.env\n', '.env': `GITHUB_TOKEN=ghp_${rnd(36)}\n` },
    },
    {
      name: 'files the config ignores (test fixtures)',
      files: { 'test/fixtures/key.pem': pem('PRIVATE KEY') },
      config: { ignore: ['test/fixtures/**'] },
    },
  ],
  invalid: [
    ...invalid,
    // With the rule that would judge it off, the leak is still reported once, here.
    { name: 'a Secret document when secret-plaintext is off', files: { 'secret.yaml': secretWithToken }, errors: [finding('secret.yaml', 6, 'GitHub token', 'github-token')] },
    { name: 'a ConfigMap credential when secret-in-config is off', files: { 'cm.yaml': configMapWithUrl }, errors: [finding('cm.yaml', 6, 'URL with a password', 'url-credentials')] },
    { name: 'a binary OpenPGP secret key export', files: {}, binaryFiles: { 'keys/flux.gpg': binarySecretKey }, errors: [{ file: 'keys/flux.gpg', line: 1, message: /^OpenPGP secret key \(binary/ }] },
    {
      name: 'a key file without an extension, and a token in a comment of a YAML file',
      files: { 'deploy/id_rsa': pem('RSA PRIVATE KEY'), 'app.yaml': `# token: ghp_${rnd(36)}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n` },
      errors: [finding('deploy/id_rsa', 1, 'Private key (PEM)', 'private-key'), finding('app.yaml', 1, 'GitHub token', 'github-token', true)],
    },
    {
      name: 'a pattern of the config (additionalPatterns)',
      files: { 'notes.txt': `x\nacme_live_${rnd(24, HEX)}\n` },
      config: { rules: { 'secret-token-pattern': { severity: 'error', params: { additionalPatterns: [{ id: 'acme-key', description: 'ACME API key', regex: '\\bacme_live_[0-9a-f]{24}\\b', keywords: ['acme_live_'], entropy: 3 }] } } } },
      errors: [finding('notes.txt', 2, 'ACME API key', 'acme-key')],
    },
  ],
});
