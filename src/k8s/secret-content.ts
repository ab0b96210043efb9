/**
 * Does the text of one Secret value hold a credential? A Secret's keys often hold things that are not secret at all
 * beside the credential: public keys and certificates (`key.pub`, `ca.crt`), whole configuration files
 * (`values.yaml`, `prometheus-additional.yaml`) and connection URLs whose credentials come from elsewhere (a client
 * certificate path, a `${VAR}`). Reporting those would be false alarms; everything else in a Secret is a credential.
 */
import yaml from 'js-yaml';
import { isPlaceholderOrReference, isSopsCiphertext, SENSITIVE_KEY } from './sensitive.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
/** PEM blocks that are public by design. */
const PUBLIC_PEM = /^(?:CERTIFICATE|TRUSTED CERTIFICATE|X509 CRL|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST)$/;
const PRIVATE_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;
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
    const named = key !== undefined && SENSITIVE_KEY.test(key);
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
