/**
 * Which values of a manifest may be secret, so that no message, fix or report ever prints them: the one answer for
 * every place that could show a value (schema messages, YAML ambiguity findings, custom rules).
 */

/** Key names that usually hold credentials: `password`, `db-password`, `apiToken`, `client_secret`, `privateKey`, ... */
export const SENSITIVE_KEY = /pass(word)?|secret|token|private|credential|apikey|api[-_]key/i;

/**
 * Is the value at `path` of a document of kind `kind` (whole value `root`) sensitive? True for everything in a Secret
 * but its metadata (labels and annotations are as public as the object's name), under a key that names a credential, and for the `value` of a `{name, value}` list item whose name does (container
 * `env`, and the many lists shaped like it). A ConfigMap is not secret by design: its other values may be shown.
 */
export function isSensitiveValue(kind: string | undefined, root: unknown, path: readonly (string | number)[]): boolean {
  if (kind === 'Secret' && path[0] !== 'metadata') return true;
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'string' && SENSITIVE_KEY.test(segment)) return true;
    if (typeof segment === 'number' && isNamedCredential(node, segment)) return true;
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
  }
  return false;
}

/** `list[index]` is a `{name: <credential name>, ...}` item: its value is the credential. */
function isNamedCredential(list: unknown, index: number): boolean {
  if (!Array.isArray(list)) return false;
  const item: unknown = list[index];
  if (item === null || typeof item !== 'object') return false;
  const name = (item as Record<string, unknown>).name;
  return typeof name === 'string' && SENSITIVE_KEY.test(name);
}

/**
 * Values that stand in for a secret without being one, so a Secret holding only these is not a plaintext secret:
 * empty, a Flux post-build `${VAR}` (substituted from elsewhere when applied), an obvious placeholder (`changeme`,
 * `<password>`, `REPLACE_ME`, `xxxx`, `TODO`), or a reference a secret manager or plugin resolves (1Password `op://`,
 * Vault `vault:`, vals `ref+`, Azure Key Vault `akv:`, argocd-vault-plugin `<path:...>`).
 */
const PLACEHOLDER = [
  /^\s*$/,
  /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=][^}]*)?\}$/,
  /^<[^<>]*>$/,
  /^(?:x+|\*+|\.+|-+)$/i,
  /^(?:change[-_ ]?me|replace[-_ ]?me|to[-_ ]?do|fix[-_ ]?me|tbd|placeholder|redacted|your[-_ ].*|insert[-_ ].*)$/i,
];
const REFERENCE = /^(?:op:\/\/|vault:|ref\+|akv:|<path:)/;

/** A Secret value that holds no credential of its own: empty, a placeholder or a reference (see PLACEHOLDER). */
export function isPlaceholderOrReference(value: string): boolean {
  const v = value.trim();
  return REFERENCE.test(v) || PLACEHOLDER.some((p) => p.test(v));
}

/** A SOPS-encrypted value: `ENC[AES256_GCM,data:...,type:str]`. */
export function isSopsCiphertext(value: string): boolean {
  return /^ENC\[[A-Z0-9_]+,data:/.test(value.trim());
}

/**
 * How a secret value may be shown: its length, and a prefix only when the value is long enough that the prefix gives
 * away little (a token's format tag, `ghp_…`): `"ghp_…" (40 chars)`, else nothing of it: `"…" (12 chars)`. The one way
 * findings name a value.
 */
export function redacted(value: string): string {
  const length = [...value].length;
  return `"${length >= 16 ? [...value].slice(0, 4).join('') : ''}…" (${length} chars)`;
}

/** Shannon entropy of `value` in bits per character: random tokens score high, words and repeated characters low. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
