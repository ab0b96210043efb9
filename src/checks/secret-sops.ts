/**
 * secret-sops-unencrypted: a file that is meant to be SOPS-encrypted and is not.
 * - Its name says it is (`*.sops.yaml`, `*.enc.yaml`, `*.sops.json`, ...), yet it has no SOPS metadata: someone
 *   decrypted it in place (`sops -d -i`) or wrote it and forgot to encrypt it, and committed the clear text.
 * - The `.sops.yaml` governing it (the nearest one up the tree) has a creation rule whose `path_regex` matches it (first
 *   match wins, against the path relative to the `.sops.yaml`, as sops matches), and it holds a Secret with `data` or
 *   `stringData` the rule's `encrypted_regex` covers, in the clear. A rule without `path_regex` matches every file and
 *   says how to encrypt, not what: it makes nothing mandatory.
 * `.sops.yaml` is YAML: the loader has read it (`repo.fileMap`), the check reads no file.
 */
import { objectRef } from '../k8s/object-ref.js';
import { isPlaceholderOrReference, isSopsCiphertext } from '../k8s/sensitive.js';
import { fileLocation } from '../load/positions.js';
import type { SourceFile, YamlDocument } from '../load/types.js';
import { translateGoRegex } from '../schema/go-regex.js';
import type { Check, CheckContext } from './types.js';
import { isRecord as isObj } from '../util/values.js';

/** `x.sops.yaml`, `dir/x.enc.json`; not `.sops.yaml`, the configuration. */
const SOPS_NAME = /(?:^|\/)[^/]+\.(?:sops|enc)\.(?:ya?ml|json)$/i;
const SOPS_CONFIG = '.sops.yaml';

interface CreationRule {
  index: number;
  pathRegex?: RegExp;
  pathSource?: string;
  encryptedRegex?: RegExp;
}

/** A Go regular expression as sops compiles it; undefined when JavaScript cannot read it the same way. */
function goRegex(source: unknown): RegExp | undefined {
  if (typeof source !== 'string') return undefined;
  try {
    const { source: js, flags } = translateGoRegex(source);
    return new RegExp(js, flags);
  } catch {
    return undefined;
  }
}

/** The creation rules of one `.sops.yaml`; a rule whose path_regex cannot be read is left out (it matches nothing we know). */
function creationRules(file: SourceFile): CreationRule[] {
  const value = file.documents[0]?.value;
  const rules = isObj(value) ? value.creation_rules : undefined;
  if (!Array.isArray(rules)) return [];
  const out: CreationRule[] = [];
  rules.forEach((rule: unknown, index) => {
    if (!isObj(rule)) return;
    const pathRegex = goRegex(rule.path_regex);
    if (rule.path_regex !== undefined && (!pathRegex || rule.path_regex === '')) return;
    out.push({ index, pathRegex, pathSource: pathRegex ? String(rule.path_regex) : undefined, encryptedRegex: goRegex(rule.encrypted_regex) });
  });
  return out;
}

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/** The `.sops.yaml` nearest to `path` up the tree, with the path relative to its directory. */
function governingConfig(ctx: CheckContext, path: string): { config: SourceFile; relative: string } | undefined {
  for (let dir = dirOf(path); ; dir = dirOf(dir)) {
    const config = ctx.repo.fileMap.get(dir === '' ? SOPS_CONFIG : `${dir}/${SOPS_CONFIG}`);
    if (config) return { config, relative: dir === '' ? path : path.slice(dir.length + 1) };
    if (dir === '') return undefined;
  }
}

/** Does a document hold SOPS metadata? A YAML file is encrypted when every document with content does. */
function yamlEncrypted(file: SourceFile): boolean {
  const content = file.documents.filter((d) => d.class !== 'empty');
  return content.length === 0 || content.every((d) => d.class === 'sops' || d.class === 'invalid');
}

/** SOPS metadata in a JSON, dotenv or INI file: a `sops` object with a `mac`, or `sops_mac=`. */
function textEncrypted(text: string): boolean {
  return /\bsops_mac\s*=|"mac"\s*:\s*"ENC\[/.test(text) || text.trim() === '';
}

/** Keys of a Secret's data/stringData in the clear that the rule's encrypted_regex covers (all when it has none). */
function secretKeysInClear(doc: YamlDocument, rule: CreationRule): string[] {
  if (doc.class !== 'k8s' || doc.kind !== 'Secret' || !isObj(doc.value)) return [];
  const keys: string[] = [];
  for (const field of ['data', 'stringData']) {
    const values = doc.value[field];
    if (!isObj(values) || (rule.encryptedRegex && !rule.encryptedRegex.test(field))) continue;
    for (const [key, v] of Object.entries(values)) {
      const text = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
      if (!isSopsCiphertext(text) && !isPlaceholderOrReference(text)) keys.push(`${field}.${key}`);
    }
  }
  return keys;
}

const HOW = 'encrypt it (sops --encrypt --in-place <file>, with the creation rules of .sops.yaml), and rotate what it holds: Git history keeps the clear text';

export function secretSopsUnencrypted(ctx: CheckContext): void {
  for (const file of ctx.repo.files) {
    if (ctx.repo.gitIgnored(file.path)) continue;
    if (SOPS_NAME.test(file.path)) {
      if (!yamlEncrypted(file)) ctx.report({ message: `${file.path} is named as a SOPS-encrypted file but has no SOPS metadata: it is committed in the clear; ${HOW}`, location: fileLocation(file.path) });
      continue;
    }
    const governing = governingConfig(ctx, file.path);
    if (!governing) continue;
    const rule = creationRules(governing.config).find((r) => !r.pathRegex || r.pathRegex.test(governing.relative));
    if (!rule?.pathRegex) continue;
    for (const doc of file.documents) {
      const keys = secretKeysInClear(doc, rule);
      if (keys.length === 0) continue;
      ctx.report({
        message:
          `Secret${doc.name ? ` "${doc.name}"` : ''} is not encrypted, yet creation rule ${rule.index + 1} of ${governing.config.path} (path_regex ${rule.pathSource}) ` +
          `says files here are (${keys.join(', ')} in the clear); ${HOW}`,
        location: ctx.locate(doc, [keys[0]!.split('.')[0]!, keys[0]!.slice(keys[0]!.indexOf('.') + 1)]),
        object: objectRef(doc),
      });
    }
  }
  for (const file of ctx.repo.rawFiles) {
    if (file.text !== undefined && !ctx.repo.gitIgnored(file.path) && SOPS_NAME.test(file.path) && !textEncrypted(file.text)) {
      ctx.report({ message: `${file.path} is named as a SOPS-encrypted file but has no SOPS metadata: it is committed in the clear; ${HOW}`, location: fileLocation(file.path) });
    }
  }
}

export const secretSopsChecks: Record<string, Check> = { 'secret-sops-unencrypted': { run: secretSopsUnencrypted } };
