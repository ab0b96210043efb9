/**
 * secret-in-config: credentials committed where no Secret is, so nothing encrypts them and every reader sees them:
 * - ConfigMap `data` (a key naming a credential, a configuration file holding one, a docker config.json);
 * - `{name, value}` lists (container `env`, and Helm values shaped like it) whose name is a credential's;
 * - HelmRelease `values` (a `valuesFrom` ConfigMap is a ConfigMap, judged above);
 * - a Flux notification `Provider`'s `address`/`proxy` (a Slack, Teams or Discord webhook URL carries its token);
 * - Flux source URLs with `user:password@`.
 * A literal credential is judged by its key (src/k8s/secret-content.ts): `MARIADB_ROOT_PASSWORD: changeme1` is one,
 * `changeme`, `${VAR}`, `existingSecret: db` and `DB_PASSWORD_FILE: /run/secrets/db` are not.
 */
import { groupOf } from '../k8s/api-version.js';
import { isHelmRelease, isSource } from '../k8s/flux.js';
import { objectRef } from '../k8s/object-ref.js';
import { configFileHoldsCredential, credentialsIn, isLiteralCredential, urlPassword } from '../k8s/secret-content.js';
import { redacted, shannonEntropy } from '../k8s/sensitive.js';
import type { PathSegment, YamlDocument } from '../load/types.js';
import type { Location } from '../finding.js';
import { locate } from '../load/index.js';
import type { Check, CheckContext, RunData } from './types.js';
import { isRecord as isObj } from '../util/values.js';


interface Leak {
  path: PathSegment[];
  value: string;
  /** What holds it, for the message: `env DB_PASSWORD`, `data.values.yaml`. */
  what: string;
}

const HOW =
  ': anyone who can read the repository reads it, and Git history keeps it; move it to a Secret (encrypted with SOPS + age, ' +
  'an ExternalSecret or a SealedSecret) and reference it (secretKeyRef, valuesFrom kind Secret, a secretRef), then rotate it';

/** A URL whose path or query carries a token: a long random segment (`/services/T0/B0/XXXX`, `?sig=...`). */
function urlCarriesToken(url: string): boolean {
  const m = /^https?:\/\/[^/\s]+([^\s#]*)$/i.exec(url.trim());
  if (!m || /\$\{|\{\{/.test(url)) return false;
  return m[1]!
    .split(/[/?&=]/)
    .some((part) => part.length >= 20 && shannonEntropy(part) >= 3.5);
}

/**
 * `{name, value}` list items under a credential name, anywhere in `value` (container env, and lists shaped like it).
 * `path` is the one stack of the walk (pushed and popped, copied only for a finding): every object is walked.
 */
function namedValues(value: unknown, path: PathSegment[], out: Leak[], seen = new Set<object>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      path.push(i);
      if (isObj(item) && typeof item.name === 'string' && typeof item.value === 'string') {
        if (isLiteralCredential(item.name, item.value) || (item.value.includes('@') && urlPassword(item.value))) out.push({ path: [...path, 'value'], value: item.value, what: `env ${item.name}` });
      } else namedValues(item, path, out, seen);
      path.pop();
    });
    return;
  }
  for (const key in value) {
    path.push(key);
    namedValues((value as Record<string, unknown>)[key], path, out, seen);
    path.pop();
  }
}

function configMapLeaks(doc: YamlDocument): Leak[] {
  const data = isObj(doc.value) ? doc.value.data : undefined;
  if (!isObj(data)) return [];
  return Object.entries(data).flatMap(([key, v]): Leak[] => {
    if (typeof v !== 'string') return [];
    const leaks = v.includes('\n') ? configFileHoldsCredential(v) : isLiteralCredential(key, v) || urlPassword(v) !== undefined || (key === '.dockerconfigjson' && configFileHoldsCredential(`${v}\n`));
    return leaks ? [{ path: ['data', key], value: v, what: `data.${key}` }] : [];
  });
}

function specOf(doc: YamlDocument): Record<string, unknown> | undefined {
  const spec = isObj(doc.value) ? doc.value.spec : undefined;
  return isObj(spec) ? spec : undefined;
}

function fluxLeaks(doc: YamlDocument): Leak[] {
  const spec = specOf(doc);
  if (!spec) return [];
  const out: Leak[] = [];
  if (isHelmRelease(doc) && isObj(spec.values)) {
    for (const c of credentialsIn(spec.values, ['spec', 'values'])) out.push({ path: c.path, value: c.value, what: c.path.slice(1).join('.') });
  }
  const provider = doc.kind === 'Provider' && groupOf(doc.apiVersion) === 'notification.toolkit.fluxcd.io';
  const urlFields = provider ? ['address', 'proxy'] : isSource(doc) ? ['url', 'endpoint'] : [];
  for (const field of urlFields) {
    const url = spec[field];
    if (typeof url !== 'string') continue;
    if (urlPassword(url) !== undefined || (provider && field === 'address' && urlCarriesToken(url))) out.push({ path: ['spec', field], value: url, what: `spec.${field}` });
  }
  return out;
}

/** Every credential of the repository's configuration with its document and location: computed once per run (the token scan reads it too). */
export function configLeaks(run: RunData): { doc: YamlDocument; leak: Leak; location: Location }[] {
  const out: { doc: YamlDocument; leak: Leak; location: Location }[] = [];
  for (const file of run.repo.files) {
    if (run.repo.gitIgnored(file.path)) continue;
    for (const doc of file.documents) {
      if (doc.class !== 'k8s' || doc.kind === 'Secret') continue;
      const leaks = doc.kind === 'ConfigMap' && doc.apiVersion === 'v1' ? configMapLeaks(doc) : fluxLeaks(doc);
      const named: Leak[] = [];
      namedValues(isObj(doc.value) ? doc.value : undefined, [], named);
      const seen = new Set(leaks.map((l) => l.path.join('\0')));
      for (const leak of [...leaks, ...named.filter((l) => !seen.has(l.path.join('\0')))]) {
        out.push({ doc, leak, location: locate(run.repo, doc, leak.path, 'value') });
      }
    }
  }
  return out;
}

/** `file:line` of every line holding a credential secret-in-config reports: the token scan leaves them to it. */
export function configLeakLines(run: RunData): Set<string> {
  const lines = new Set<string>();
  for (const { location: l } of run.services.shared(configLeaks)) for (let line = l.line; line <= l.endLine; line++) lines.add(`${l.file}:${line}`);
  return lines;
}

export function secretInConfig(ctx: CheckContext): void {
  for (const { doc, leak, location } of ctx.services.shared(configLeaks)) {
    ctx.report({
      message: `${doc.kind}${doc.name ? ` "${doc.name}"` : ''} holds a credential in the clear at ${leak.what}, ${redacted(leak.value)}${HOW}`,
      location,
      object: objectRef(doc),
    });
  }
}

export const secretConfigChecks: Record<string, Check> = { 'secret-in-config': { run: secretInConfig } };
