/**
 * yaml-ambiguous-value: plain scalars that kustomize and Flux read differently from `kubectl apply -f`
 * (src/load/ambiguous.ts), in the documents both read: Kubernetes objects and patches, SOPS-encrypted ones outside
 * their `sops` metadata (decryption removes it). kustomize alone reads kustomization files, with one reader
 * (go-yaml v2), so nothing in them is ambiguous.
 *
 * Each fix keeps the meaning the author most likely intended:
 *  - a boolean word in a field the schema declares boolean: `true`/`false` (Flux sends the word as a string, which the
 *    API server rejects there). Anywhere else (a string field, or one no schema types, like HelmRelease values) the word
 *    quoted, keeping what Flux applies today: in the repositories we read, such words were strings for an application
 *    (`VPN_PORT_FORWARDING: on` for gluetun, postfix's `always_add_missing_headers: yes`);
 *  - a timestamp: quoted as written, except in a `date-time` field, where Flux's RFC 3339 form is written out;
 *  - a key: quoted as written.
 */
import { isSensitiveValue } from '../k8s/sensitive.js';
import { ambiguityOf, MAY_HOLD_AMBIGUITY, type Ambiguity } from '../load/ambiguous.js';
import { isAnnotationValuePath } from '../load/annotations.js';
import { rangeLocation } from '../load/positions.js';
import { skipProperties } from '../load/tree.js';
import type { PathSegment, SourceFile, YamlDocument, YNode } from '../load/types.js';
import type { SchemaNode } from '../schema/cel/values.js';
import { declaredField, type DeclaredField } from '../schema/field-type.js';
import { formatPath } from '../schema/messages.js';
import type { Check, CheckContext } from './types.js';

/** Longer plain scalars are neither words nor timestamps go-yaml reads. */
const MAX_SCALAR = 64;

type Declared = (doc: YamlDocument, path: readonly PathSegment[]) => DeclaredField | undefined;

/** The declared type of a field of a document, from the schema the schema rules use; raw schemas read once per kind. */
function declaredFields(ctx: CheckContext): Declared {
  const schemas = new Map<string, { schema: SchemaNode; definitions: Record<string, SchemaNode> } | null>();
  return (doc, path) => {
    if (!doc.apiVersion || !doc.kind) return undefined;
    const key = `${doc.apiVersion}/${doc.kind}`;
    let raw = schemas.get(key);
    if (raw === undefined) {
      const resolver = ctx.services.schemas();
      const lookup = resolver.lookup(doc.apiVersion, doc.kind);
      raw = lookup && 'location' in lookup ? resolver.store.rawSchema(lookup.location) : null;
      schemas.set(key, raw);
    }
    return raw ? declaredField(raw.schema, raw.definitions, path) : undefined;
  };
}

const FLUX = 'kustomize and Flux';
/** Said instead of the usual message, which shows the value and its readings, when the value may be secret. */
const SENSITIVE_AMBIGUITY =
  'value is read differently by kustomize and Flux (go-yaml v3) and by kubectl apply -f (go-yaml v2); it is not shown, as it may be secret: quote it if a string is meant';
const KUBECTL = 'kubectl apply -f';

/** The message and the replacement text for one ambiguity; `field` names the field and what its schema declares. */
function describe(a: Ambiguity, field: { path: PathSegment[]; declared: DeclaredField | undefined }): { message: string; text: string } {
  const quoted = JSON.stringify(a.text);
  const at = formatPath(field.path) || 'the document';
  const types = field.declared?.types ?? [];
  switch (a.kind) {
    case 'boolean-word': {
      if (a.role === 'key') {
        const message = `key ${a.text} is the key ${quoted} for ${FLUX} but "${a.kubectl}" for ${KUBECTL} (go-yaml v2 reads YAML 1.1 boolean words); quote it (${quoted})`;
        return { message, text: quoted };
      }
      const readings = `${a.text} is the string ${quoted} for ${FLUX} (go-yaml v3) but the boolean ${a.kubectl} for ${KUBECTL} (go-yaml v2, YAML 1.1)`;
      if (types.length === 1 && types[0] === 'boolean') {
        return { message: `${readings}; ${at} is a boolean, so the API server rejects what Flux sends: write ${a.kubectl}`, text: String(a.kubectl) };
      }
      if (types.includes('string')) {
        return { message: `${readings}; ${at} is a string, so the API server rejects what kubectl sends: quote it (${quoted})`, text: quoted };
      }
      return { message: `${readings}; quote it (${quoted}) to keep what Flux applies, or write ${a.kubectl} if a boolean is meant`, text: quoted };
    }
    case 'timestamp': {
      const readings = `${a.text} is the string ${JSON.stringify(a.flux)} for ${FLUX} (go-yaml v3 reads a timestamp and writes it back in RFC 3339) but ${quoted} for ${KUBECTL}`;
      if (field.declared?.format === 'date-time') {
        const full = JSON.stringify(a.flux);
        return { message: `${readings}; ${at} is a date-time, which ${quoted} is not: write ${full}`, text: full };
      }
      return { message: `${readings}; quote it (${quoted})`, text: quoted };
    }
    case 'annotation': {
      const reading = a.kubectl.type === 'null' ? 'null' : `the ${a.kubectl.type} ${String(a.kubectl.value)}`;
      const message =
        `${a.text} is the string ${quoted} for ${FLUX} (kustomize writes annotation values back as text) but ${reading} for ${KUBECTL} ` +
        `(go-yaml v2), which the API server rejects in an annotation; quote it (${quoted})`;
      return { message, text: quoted };
    }
    case 'non-string-key': {
      const reading = a.flux.type === 'time' ? `the timestamp ${a.flux.value}` : a.flux.type === 'null' ? 'null' : `the ${a.flux.type} ${String(a.flux.value)}`;
      const message =
        `key ${a.text} is ${reading} for ${FLUX}, which cannot build a map whose key is not a string (json: unsupported type), ` +
        `so the build fails; ${KUBECTL} turns it into a string; quote it (${quoted})`;
      return { message, text: quoted };
    }
  }
}

/** Plain scalars of a position tree with their role and path; the top-level `sops` metadata of encrypted documents is skipped. */
function walk(root: YNode, skipTopKey: string | undefined, visit: (node: YNode, role: 'key' | 'value', path: PathSegment[]) => void): void {
  const path: PathSegment[] = [];
  const go = (node: YNode): void => {
    if (node.kind === 'scalar') {
      if (node.style === 'plain') visit(node, 'value', path);
      return;
    }
    for (const entry of node.entries ?? []) {
      if (path.length === 0 && entry.key === skipTopKey) continue;
      path.push(entry.key);
      if (entry.keyNode.kind === 'scalar' && entry.keyNode.style === 'plain' && entry.key !== '<<') visit(entry.keyNode, 'key', path);
      go(entry.value);
      path.pop();
    }
    (node.items ?? []).forEach((item, i) => {
      path.push(i);
      go(item);
      path.pop();
    });
  };
  go(root);
}

function checkDocument(ctx: CheckContext, file: SourceFile, doc: YamlDocument, declared: Declared): void {
  const text = file.text;
  // The cheap tests first: reading `root` builds the position tree.
  if (!doc.annotationsAsText && !MAY_HOLD_AMBIGUITY.test(text.slice(doc.start, doc.end))) return;
  if (!doc.root) return;
  walk(doc.root, doc.class === 'sops' ? 'sops' : undefined, (node, role, path) => {
    if (text.charCodeAt(node.start) === 0x21 /* ! */) return; // explicitly tagged: no implicit resolution
    const at = skipProperties(text, node.start, node.end);
    const scalar = text.slice(at, node.end);
    if (scalar.length === 0 || scalar.length > MAX_SCALAR || scalar.includes('\n')) return;
    const found = ambiguityOf(scalar, role === 'value' && isAnnotationValuePath(doc.kind, path) ? 'annotation' : role);
    if (!found) return;
    const location = rangeLocation(file.path, file.lineStarts, at, node.end);
    // A secret value stays out of the message and of the fix (whose text is the value, quoted or rewritten).
    if (role === 'value' && isSensitiveValue(doc.kind, doc.value, path)) return ctx.report({ message: SENSITIVE_AMBIGUITY, location });
    const needsType = (found.kind === 'boolean-word' && role === 'value') || found.kind === 'timestamp';
    const { message, text: replacement } = describe(found, { path, declared: needsType ? declared(doc, path) : undefined });
    ctx.report({ message, location, fix: { range: [at, node.end], text: replacement } });
  });
}

export const ambiguousValueChecks: Record<string, Check> = {
  'ambiguous-value': {
    run: (ctx) => {
      const declared = declaredFields(ctx);
      for (const file of ctx.repo.files) {
        for (const doc of file.documents) {
          if (doc.class === 'k8s' || doc.class === 'sops') checkDocument(ctx, file, doc, declared);
        }
      }
    },
  },
};
