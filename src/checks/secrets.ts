/**
 * secret-plaintext: a Kubernetes Secret committed with values in the clear. Git keeps every commit, so anyone who can
 * read the repository, now or later, reads the credential.
 *
 * Every Secret document of the repository is judged, applied or not (a committed file leaks whether or not a cluster
 * gets it), in YAML or JSON and whatever its key order (the loader reads objects, not text). `data` values are base64:
 * they are decoded before judging, since base64 hides nothing. Quiet on:
 * - SOPS-encrypted documents (the loader classes a document with a `sops` block holding a `mac` as 'sops', never 'k8s'),
 *   and on single `ENC[...]` values;
 * - values that are empty, placeholders or references (`${VAR}` Flux substitutes, `changeme`, `op://`, `<path:...>`:
 *   src/k8s/sensitive.ts), so a Secret holding only these is a template, not a leak;
 * - Secrets without values (a `kubernetes.io/service-account-token` Secret the token controller fills).
 * The finding names the keys, never the values, at the first key in the clear.
 */
import type { Location } from '../finding.js';
import type { YamlDocument } from '../load/types.js';
import { objectRef } from '../k8s/object-ref.js';
import { holdsCredential, PRIVATE_PEM } from '../k8s/secret-content.js';
import { generatedInClear } from './secret-generator.js';
import { isPlaceholderOrReference, isSopsCiphertext } from '../k8s/sensitive.js';
import type { CheckContext } from './types.js';
import { isRecord as isObj } from '../util/values.js';


/** Standard base64 as Kubernetes accepts it in `data` (whitespace ignored, as YAML folding may add it). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The text a `data` value stands for: decoded when it is base64, else as written (kubectl would reject it, still in Git). */
function decoded(value: string): string {
  const compact = value.replace(/\s+/g, '');
  return BASE64.test(compact) ? Buffer.from(compact, 'base64').toString('utf8') : value;
}

/** Is this value of `data` (base64) or `stringData` a credential in the clear? */
function inClear(field: 'data' | 'stringData', value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const written = typeof value === 'string' ? value : String(value);
  if (isSopsCiphertext(written) || isPlaceholderOrReference(written)) return false;
  return holdsCredential(field === 'data' ? decoded(written) : written);
}

const HOW =
  ': anyone who can read the repository reads it, and Git history keeps it; encrypt it with SOPS + age, or move it to External Secrets, Sealed Secrets or a secretRef, and rotate it';

const before = (a: Location, b: Location): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);

export function secretPlaintext(ctx: CheckContext): void {
  for (const file of ctx.repo.files) {
    for (const doc of file.documents) {
      if (isSecret(doc)) judge(ctx, doc);
      else if (doc.class === 'kustomization') judgeGenerators(ctx, doc);
    }
  }
}

/** A secretGenerator's Secret is built from files committed in the clear: judged as a Secret is. */
function judgeGenerators(ctx: CheckContext, doc: YamlDocument): void {
  for (const g of generatedInClear(ctx.repo, doc)) {
    const count = g.keys.length === 1 ? '1 value' : `${g.keys.length} values`;
    ctx.report({
      message: `secretGenerator${g.name !== undefined ? ` "${g.name}"` : ''} generates a Secret from ${count} committed in the clear (${g.keys.join(', ')})${HOW}`,
      location: ctx.locate(doc, g.path, 'value'),
    });
  }
}

/** A core v1 Secret that is not SOPS-encrypted (class 'sops' documents are never 'k8s'). */
function isSecret(doc: YamlDocument): boolean {
  return doc.class === 'k8s' && doc.kind === 'Secret' && doc.apiVersion === 'v1' && isObj(doc.value);
}

function judge(ctx: CheckContext, doc: YamlDocument): void {
  const value = doc.value as Record<string, unknown>;
  const keys: { name: string; location: Location }[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const values = value[field];
    if (!isObj(values)) continue;
    for (const [key, v] of Object.entries(values)) {
      if (!inClear(field, v)) continue;
      const privateKey = PRIVATE_PEM.test(field === 'data' ? decoded(String(v)) : String(v));
      keys.push({ name: `${field}.${key}${privateKey ? ' (a private key)' : ''}`, location: ctx.locate(doc, [field, key], 'key') });
    }
  }
  if (keys.length === 0) return;
  keys.sort((a, b) => (before(a.location, b.location) ? -1 : before(b.location, a.location) ? 1 : 0));
  const name = doc.name !== undefined ? ` "${doc.name}"` : '';
  const count = keys.length === 1 ? '1 value' : `${keys.length} values`;
  ctx.report({
    message: `Secret${name} holds ${count} in the clear (${keys.map((k) => k.name).join(', ')})${HOW}`,
    location: keys[0]!.location,
    object: objectRef(doc),
  });
}
