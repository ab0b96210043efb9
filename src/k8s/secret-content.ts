/**
 * Does the text of one Secret value hold a credential? A Secret's keys often hold things that are not secret at all
 * beside the credential: public keys and certificates (`key.pub`, `ca.crt`), whole configuration files
 * (`values.yaml`, `prometheus-additional.yaml`) and connection URLs whose credentials come from elsewhere (a client
 * certificate path, a `${VAR}`). Reporting those would be false alarms; everything else in a Secret is a credential.
 */
import yaml from 'js-yaml';
import { isPlaceholderOrReference, isSopsCiphertext, SENSITIVE_KEY, shannonEntropy } from './sensitive.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
/** PEM blocks that are public by design. */
const PUBLIC_PEM = /^(?:CERTIFICATE|TRUSTED CERTIFICATE|X509 CRL|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST)$/;
/** The armor line of a private key: PEM (RSA, EC, PKCS#8, OpenSSH, encrypted) and armored PGP. */
export const PRIVATE_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;
/** One OpenSSH public key per line: `ssh-ed25519 AAAA... comment`, `ecdsa-sha2-nistp256 AAAA...`. */
const SSH_PUBLIC = /^(?:(?:ssh|ecdsa|sk-ssh|sk-ecdsa)-[a-z0-9@.-]+ AAAA[A-Za-z0-9+/=]+(?: [^\n]*)?\s*)+$/;
/** A URL: its userinfo and query may carry a credential, nothing else of it does. */
const URL = /^[a-z][a-z0-9+.:-]*:\/\/(?:([^\s/@]*)@)?[^\s?#]*(?:\?([^\s#]*))?(?:#\S*)?$/i;
/** A path in the container (a mounted secret file, `DB_PASSWORD_FILE: /var/run/secrets/...`) is not the credential. */
const PATH = /^\/[^\s]*$/;

/** `text` with every `${VAR}` (nested defaults included) replaced by a neutral word. */
function withoutVariables(text: string): string {
  let out = text;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/\$\{[^{}]*\}/g, 'VAR');
  }
  return out;
}

function isPublicMaterial(text: string): boolean {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length > 0) return blocks.every((b) => PUBLIC_PEM.test(b[1]!)) && text.replace(PEM_BLOCK, '').trim() === '';
  return SSH_PUBLIC.test(text.trim());
}

/** A URL whose userinfo has no password and whose query has no credential-named parameter with a value of its own. */
function isUrlWithoutCredential(text: string): boolean {
  const m = URL.exec(withoutVariables(text.trim()));
  if (!m) return false;
  if (m[1]?.includes(':')) return false;
  return (m[2] ?? '').split('&').every((pair) => {
    const [name = '', value = ''] = pair.split('=');
    return !SENSITIVE_KEY.test(name) || PATH.test(decodeURIComponent(value)) || isPlaceholderOrReference(value);
  });
}

/** Leaves of a parsed configuration file that hold a credential: a private key anywhere, or a value under a credential name. */
function configHoldsCredential(value: unknown, key: string | undefined, seen = new Set<object>()): boolean {
  if (typeof value === 'string') {
    if (PRIVATE_PEM.test(value)) return true;
    // `auth` of a docker config.json entry is base64 of user:password.
    const named = key !== undefined && (SENSITIVE_KEY.test(key) || key === 'auth' || key === 'identitytoken');
    return named && !isPlaceholderOrReference(value) && !isSopsCiphertext(value) && !PATH.test(value.trim()) && !isPublicMaterial(value);
  }
  if (typeof value === 'number') return key !== undefined && SENSITIVE_KEY.test(key);
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  const entries: [string | undefined, unknown][] = Array.isArray(value) ? value.map((v) => [key, v]) : Object.entries(value);
  return entries.some(([k, v]) => configHoldsCredential(v, k, seen));
}

/** A multi-line YAML or JSON mapping/list (a whole configuration file): judged by what it holds. */
function parsedConfig(text: string): unknown {
  if (!text.includes('\n')) return undefined;
  try {
    const parsed: unknown = yaml.load(text, { json: true });
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Does this value of a Secret (decoded when it was base64) hold a credential in the clear? */
export function holdsCredential(text: string): boolean {
  if (isSopsCiphertext(text) || isPlaceholderOrReference(text)) return false;
  if (PRIVATE_PEM.test(text)) return true;
  if (PATH.test(text.trim()) || isPublicMaterial(text) || isUrlWithoutCredential(text)) return false;
  const config = parsedConfig(text);
  return config === undefined || configHoldsCredential(config, undefined);
}

/**
 * Key names of configuration (ConfigMap data, env, Helm values) whose value is the credential itself: `password`,
 * `MARIADB_ROOT_PASSWORD`, `clientSecret`, `api_key`, `accessToken`, `secretKey`, `privateKey`. Stricter than
 * SENSITIVE_KEY (which decides what may be shown): the key must end with the credential noun, so `secretName`,
 * `passwordKey`, `tokenTTL` and `existingSecret` (names of Secrets or keys, not values) are not.
 */
const PASSWORD_KEY = /(?:^|[^a-z]|[a-z](?=[A-Z]))(?:pass(?:word|wd|phrase)?|pwd)$/i;
const CREDENTIAL_KEY = /(?:secret|token|api[-_]?key|access[-_]?key|secret[-_]?key|private[-_]?key|credentials?)$/i;
const NOT_A_VALUE_KEY = /^(?:existing|use|create|enable|allow|require|auto|generate|skip|show|mount|volume|with|from|is)|(?:ref|name|file|path|ttl|mode|policy|length|type|enabled|hash|(?:pass(?:word)?|token|user(?:name)?)[-_]?key)$/i;
/**
 * A Kubernetes object name, a hostname, a word or an environment variable's name (`RENOVATE_CLIENT_SECRET`, the key of
 * a Secret): under `secret`/`token` keys these name something, they are not credentials.
 */
const NAME_LIKE = /^(?:[a-z0-9]([-a-z0-9._]*[a-z0-9])?|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/;
/** Values that carry no credential of their own: templates and expansions filled elsewhere. */
const EXPANSION = /\$\{|\{\{|\$\(|%[sd]\b/;
/** An expression of a configuration language (`data.vault_secret.db.value`, `var.token`, `secrets["X"]`): a reference. */
const EXPRESSION = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+(?:[[(].*)?$|[[(]$/;
/** Words that stand for a password in samples, not a password. */
const SAMPLE_WORDS = /^(?:pass(?:word)?|passwd|secret|token|none|null|nil|true|false|yes|no|example|sample|test|dummy|default|string)$/i;

export type CredentialKey = 'password' | 'credential';
/** What every credential key holds somewhere: a cheap first test before the exact ones. */
const CREDENTIAL_NOUN = /pass|pwd|secret|token|key|credential/i;

/** Does `key` name a value that is a credential (see PASSWORD_KEY, CREDENTIAL_KEY)? */
export function credentialKey(key: string): CredentialKey | undefined {
  if (!CREDENTIAL_NOUN.test(key) || NOT_A_VALUE_KEY.test(key)) return undefined;
  if (PASSWORD_KEY.test(key)) return 'password';
  return CREDENTIAL_KEY.test(key) ? 'credential' : undefined;
}

/**
 * Is `value`, written under credential key `key`, a literal credential? A password of 4 characters or more that is
 * not a placeholder (`MARIADB_ROOT_PASSWORD: changeme1` is one, `changeme` is not); under other credential names, a
 * value that does not read as a name (`secret: grafana-admin` names a Secret) or is long and random.
 */
export function isLiteralCredential(key: string, value: unknown): boolean {
  const kind = credentialKey(key);
  if (kind === undefined || typeof value !== 'string') return false;
  const v = value.trim();
  if (v.length < 4 || EXPANSION.test(v) || EXPRESSION.test(v) || SAMPLE_WORDS.test(v) || isSopsCiphertext(v) || isPlaceholderOrReference(v)) return false;
  if (PATH.test(v) || isPublicMaterial(v) || isUrlWithoutCredential(v)) return false;
  if (kind === 'password') return true;
  return PRIVATE_PEM.test(v) || (!NAME_LIKE.test(v) && v.length >= 8) || (v.length >= 16 && /\d/.test(v) && shannonEntropy(v) >= 3.5);
}

/** The password of a URL's user info (`https://user:pw@host`), unless it is a placeholder or a variable. */
export function urlPassword(text: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:([^\s/@]+)@/i.exec(text.trim());
  if (!m) return undefined;
  const pw = decodeURIComponent(m[1]!.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  return EXPANSION.test(pw) || SAMPLE_WORDS.test(pw) || isPlaceholderOrReference(pw) ? undefined : pw;
}

/**
 * The paths of the literal credentials in a value that is not a Secret (Helm values, a parsed configuration file): a
 * private key anywhere, a literal credential under a credential key (isLiteralCredential), a URL with a password, the
 * `auth` of a docker config.json entry.
 */
export function credentialsIn(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: string }[] {
  const out: { path: (string | number)[]; value: string }[] = [];
  const seen = new Set<object>();
  // `path` is the walk's one stack, copied only for a finding: Helm values can be large.
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      const key = path.length > 0 ? path[path.length - 1] : undefined;
      const found =
        (node.includes('PRIVATE KEY') && PRIVATE_PEM.test(node)) ||
        (typeof key === 'string' && (isLiteralCredential(key, node) || (key === 'auth' && path[path.length - 3] === 'auths' && node.length >= 8))) ||
        (node.includes('@') && urlPassword(node) !== undefined);
      if (found) out.push({ path: [...path], value: node });
      return;
    }
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        path.push(i);
        walk(v);
        path.pop();
      });
      return;
    }
    for (const k in node) {
      path.push(k);
      walk((node as Record<string, unknown>)[k]);
      path.pop();
    }
  };
  walk(value);
  return out;
}

/** A multi-line configuration file (YAML, JSON) holding a literal credential (see credentialsIn). */
export function configFileHoldsCredential(text: string): boolean {
  // Parsing is the cost: a file naming no credential, no key and no user info holds none.
  if (!CREDENTIAL_NOUN.test(text) && !text.includes('auth') && !text.includes('@')) return false;
  const config = parsedConfig(text);
  return config !== undefined && credentialsIn(config).length > 0;
}
