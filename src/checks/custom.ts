/**
 * `object-field`: the generic check behind custom rules. Params:
 *   match:   { apiVersion?, kind?, namespace?, name? }  (globs) which objects
 *   path:    field path, e.g. spec.template.spec.containers[*].image
 *   one of:  required: true | forbidden: true | pattern: regex | notPattern: regex | enum: [...] | equals: value
 *   message: optional template with {{kind}} {{name}} {{namespace}} {{apiVersion}} {{path}} {{value}}
 * Sensitive values (src/k8s/sensitive.ts: Secrets, credential-named keys and env vars) and data/stringData/binaryData
 * payloads are never printed ({{value}} is ***).
 */
import picomatch from 'picomatch';
import type { Check, CheckContext } from './types.js';
import { objectRef } from '../k8s/object-ref.js';
import { isSensitiveValue } from '../k8s/sensitive.js';
import type { YamlDocument } from '../load/types.js';
import { formatFieldPath, parseFieldPath, resolveFieldPath, type FieldMatch } from './field-path.js';

const MATCH_KEYS = ['apiVersion', 'kind', 'namespace', 'name'] as const;
const ASSERTIONS = ['required', 'forbidden', 'pattern', 'notPattern', 'enum', 'equals'] as const;
const MAX_VALUE_CHARS = 100;
/** {{value}} prints whole values: payloads (often config files holding credentials) are never shown, in any kind. */
const PAYLOAD_FIELDS = new Set(['data', 'stringData', 'binaryData']);

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

const globParam = { type: 'string', minLength: 1, description: 'a non-empty string (globs allowed)' };
const regexParam = { type: 'string', description: 'a regular expression string' };
const scalarParam = { type: ['string', 'number', 'boolean', 'null'], description: 'a scalar value' };

/** The params of object-field, as a JSON schema; checkParams adds what a schema cannot say. */
const PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    match: {
      type: 'object',
      additionalProperties: false,
      description: 'a mapping of apiVersion, kind, namespace, name',
      properties: Object.fromEntries(MATCH_KEYS.map((k) => [k, globParam])),
    },
    path: { type: 'string', description: 'a field path such as spec.template.spec.containers[*].image' },
    message: { type: 'string', pattern: '\\S', description: 'a non-empty string' },
    required: { const: true },
    forbidden: { const: true },
    pattern: regexParam,
    notPattern: regexParam,
    enum: { type: 'array', minItems: 1, items: scalarParam, description: 'a non-empty list of scalar values' },
    equals: scalarParam,
  },
};

/** What the schema cannot say: the path parses, exactly one assertion is given, regular expressions compile. */
function objectFieldParamProblems(params: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!parseFieldPath(params.path as string)) problems.push('path: must be a field path such as spec.template.spec.containers[*].image');
  const given = ASSERTIONS.filter((a) => params[a] !== undefined);
  if (given.length !== 1) problems.push(`give exactly one of ${ASSERTIONS.join(', ')} (got ${given.length === 0 ? 'none' : given.join(', ')})`);
  for (const key of ['pattern', 'notPattern'] as const) {
    if (typeof params[key] !== 'string') continue;
    try {
      new RegExp(params[key]);
    } catch (err) {
      problems.push(`${key}: invalid regular expression: ${(err as Error).message}`);
    }
  }
  return problems;
}

/** What a field value fails, as a message template; undefined when it passes. */
type Assertion = (m: FieldMatch) => string | undefined;

function assertionOf(params: Record<string, unknown>): Assertion {
  const shown = '{{kind}} {{name}}: {{path}} is "{{value}}"';
  if (params.required) return (m) => (m.present ? undefined : '{{kind}} {{name}}: {{path}} is required');
  if (params.forbidden) return (m) => (m.present ? '{{kind}} {{name}}: {{path}} must not be set' : undefined);
  if (typeof params.pattern === 'string') {
    const re = new RegExp(params.pattern);
    return (m) => (!m.present || (isScalar(m.value) && re.test(String(m.value))) ? undefined : `${shown}, which does not match /${params.pattern}/`);
  }
  if (typeof params.notPattern === 'string') {
    const re = new RegExp(params.notPattern);
    return (m) => (m.present && isScalar(m.value) && re.test(String(m.value)) ? `${shown}, which matches /${params.notPattern}/` : undefined);
  }
  if (Array.isArray(params.enum)) {
    const allowed = params.enum;
    return (m) => (!m.present || allowed.includes(m.value) ? undefined : `${shown}, not one of ${allowed.map(String).join(', ')}`);
  }
  return (m) => (!m.present || m.value === params.equals ? undefined : `${shown}, expected ${String(params.equals)}`);
}

function objectMatcher(match: Record<string, string>): (doc: YamlDocument, namespaces: string[]) => boolean {
  const glob = (key: (typeof MATCH_KEYS)[number]) => (match[key] === undefined ? undefined : picomatch(match[key], { dot: true }));
  const [apiVersion, kind, namespace, name] = MATCH_KEYS.map(glob);
  const ok = (m: ReturnType<typeof glob>, v: string | undefined) => !m || (v !== undefined && m(v));
  return (doc, namespaces) =>
    ok(apiVersion, doc.apiVersion) &&
    ok(kind, doc.kind) &&
    ok(name, doc.name) &&
    (!namespace || namespaces.some((ns) => namespace(ns)));
}

/** Namespaces a document ends up in: as applied on clusters when the graph knows, else as written. */
function namespacesByDoc(ctx: CheckContext): Map<YamlDocument, string[]> {
  const out = new Map<YamlDocument, string[]>();
  for (const cluster of ctx.graph.clusters) {
    for (const o of cluster.objects) {
      if (o.id.namespace === undefined) continue;
      const list = out.get(o.doc) ?? [];
      if (!list.includes(o.id.namespace)) list.push(o.id.namespace);
      out.set(o.doc, list);
    }
  }
  return out;
}

function formatValue(m: FieldMatch, redact: boolean): string {
  if (!m.present) return '';
  if (redact) return '***';
  // One line: a block scalar's newlines would break the message.
  const text = (typeof m.value === 'string' ? m.value : JSON.stringify(m.value)).replace(/\r?\n/g, '\\n');
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}...` : text;
}

function objectField(ctx: CheckContext): void {
  const tokens = parseFieldPath(ctx.params.path as string)!;
  const matches = objectMatcher((ctx.params.match as Record<string, string> | undefined) ?? {});
  const failure = assertionOf(ctx.params);
  const template = ctx.params.message as string | undefined;
  const applied = namespacesByDoc(ctx);
  // Presence rules point at the key; value rules at the offending value.
  const onKey = ctx.params.required === true || ctx.params.forbidden === true;
  for (const file of ctx.repo.files) {
    for (const doc of file.documents) {
      if (doc.class !== 'k8s' || ctx.graph.patchDocs.has(doc)) continue;
      const namespaces = applied.get(doc) ?? (doc.namespace !== undefined ? [doc.namespace] : []);
      if (!matches(doc, namespaces)) continue;
      for (const m of resolveFieldPath(doc.value, tokens)) {
        const defaultMessage = failure(m);
        if (defaultMessage === undefined) continue;
        const redact = isSensitiveValue(doc.kind, doc.value, m.path) || m.path.some((s) => typeof s === 'string' && PAYLOAD_FIELDS.has(s));
        const vars: Record<string, string> = {
          kind: doc.kind ?? '',
          name: doc.name ?? '',
          namespace: namespaces[0] ?? '',
          apiVersion: doc.apiVersion ?? '',
          path: formatFieldPath(m.path),
          value: formatValue(m, redact),
        };
        const message = (template ?? defaultMessage).replace(/\{\{\s*(\w+)\s*\}\}/g, (all, key: string) => vars[key] ?? all);
        const object = objectRef({ apiVersion: doc.apiVersion, kind: doc.kind, namespace: namespaces[0], name: doc.name });
        ctx.report({ message, location: ctx.locate(doc, m.path, onKey || !m.present ? 'key' : 'value'), object });
      }
    }
  }
}

export const customChecks: Record<string, Check> = {
  'object-field': { params: PARAMS, checkParams: objectFieldParamProblems, run: objectField },
};
