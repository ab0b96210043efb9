#!/usr/bin/env node
/**
 * Generates the JSON schemas gitops-lint ships in `schemas/` from upstream Kubernetes OpenAPI v3 documents and CRDs.
 * Run by maintainers only (the output is committed):
 *   node scripts/generate-schemas.mjs [--upstream ../shared/upstream] [--out schemas]
 *
 * Output (deterministic: sorted keys, one definition or kind per line, `\n` at EOF):
 *   schemas/index.json                 { kubernetes: [minors], crds: { "<group>/<version>/<Kind>": { file, source } } }
 *   schemas/kubernetes/v<minor>.json   { definitions: {...}, kinds: { "<apiVersion>/<Kind>": "<definition name>" } }
 *   schemas/crds/<group>.json          { definitions: { ObjectMeta and what it references }, kinds: { "<group>/<version>/<Kind>": schema } }
 *
 * Conversion makes upstream schemas strict like kubeconform -strict; see convertNode for the rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const KUBERNETES_MINORS = ['1.33', '1.34', '1.35'];
/** Flux release folders, newest first: the newest release wins when a group/version/kind appears in several. */
const FLUX_RELEASES = ['v2.9.4', 'v2.8.8', 'v2.6.4'];
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
/** The grammar of resource.Quantity, exactly as Kubernetes writes it into CRDs. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
/** Formats ajv-formats checks the way the API server does; every other format is dropped (uri, url, double, "string", ...). */
const KEPT_FORMATS = new Set(['byte', 'date-time', 'int32', 'int64', 'ipv4', 'ipv6']);
/** Documentation-only or unused keys, dropped to keep the output small. */
const DROPPED_KEYS = new Set([
  'default',
  'description',
  'example',
  'examples',
  'externalDocs',
  'title',
  'x-kubernetes-group-version-kind',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-unions',
]);
/** Keys whose values are schemas. */
const SCHEMA_KEYS = new Set(['items', 'additionalProperties']);
const SCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions']);

// ---------------------------------------------------------------------------------------------------------------
// Go RE2 -> JavaScript patterns

/** Makes every letter outside escapes match both cases: the JavaScript equivalent of a leading `(?i)`. */
function caseInsensitive(pattern) {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '(' && pattern[i + 1] === '?') {
      // Group syntax such as (?: or (?<name> holds letters that are not to be matched.
      const end = pattern[i + 2] === '<' ? pattern.indexOf('>', i) : i + 2;
      out += pattern.slice(i, end + 1);
      i = end;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      out += caseInsensitiveClass(pattern.slice(i + 1, end));
      i = end;
    } else if (/[a-zA-Z]/.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else {
      out += c;
    }
  }
  return out;
}

function classEnd(pattern, start) {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  throw new Error(`unterminated character class in ${pattern}`);
}

function caseInsensitiveClass(body) {
  const extra = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
    } else if (body[i + 1] === '-' && body[i + 2] !== undefined && body[i + 2] !== ']') {
      const [from, to] = [body[i], body[i + 2]];
      if (/[a-z]/.test(from) && /[a-z]/.test(to)) extra.push(`${from.toUpperCase()}-${to.toUpperCase()}`);
      if (/[A-Z]/.test(from) && /[A-Z]/.test(to)) extra.push(`${from.toLowerCase()}-${to.toLowerCase()}`);
      i += 2;
    } else if (/[a-zA-Z]/.test(body[i])) {
      const other = body[i] === body[i].toLowerCase() ? body[i].toUpperCase() : body[i].toLowerCase();
      extra.push(other);
    }
  }
  return `[${body}${extra.join('')}]`;
}

/**
 * Translates a Go RE2 pattern into one JavaScript accepts with the `u` flag (as ajv compiles them),
 * or returns undefined when that is not possible.
 */
export function translatePattern(goPattern) {
  let p = goPattern.replace(/\(\?P</g, '(?<').replace(/\\z/g, '$').replace(/\\A/g, '^');
  const flags = /^(\^?)\(\?i\)/.exec(p);
  if (flags) p = flags[1] + caseInsensitive(p.slice(flags[0].length));
  try {
    new RegExp(p, 'u');
    return p;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Schema conversion

/**
 * Converts one schema node (recursively). `ctx.inLogic` is true inside allOf/anyOf/oneOf/not branches, which must
 * not be closed (a branch lists a subset of its parent's properties); `ctx.dropped` collects untranslatable patterns.
 */
function convertNode(node, ctx) {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (SCHEMA_MAP_KEYS.has(key)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, convertNode(sub, { ...ctx, inLogic: false })]),
      );
    } else if (SCHEMA_LIST_KEYS.has(key) || key === 'not') {
      const branchCtx = { ...ctx, inLogic: true };
      out[key] = Array.isArray(value) ? value.map((sub) => convertNode(sub, branchCtx)) : convertNode(value, branchCtx);
    } else if (SCHEMA_KEYS.has(key) && typeof value === 'object') {
      out[key] = Array.isArray(value)
        ? value.map((sub) => convertNode(sub, { ...ctx, inLogic: false }))
        : convertNode(value, { ...ctx, inLogic: false });
    } else if (key === '$ref') {
      out[key] = value.replace('#/components/schemas/', '#/definitions/');
    } else if (key === 'format') {
      if (KEPT_FORMATS.has(value)) out[key] = value;
    } else if (key === 'pattern') {
      const translated = translatePattern(value);
      if (translated === undefined) {
        out['x-go-pattern'] = value;
        ctx.dropped.push(value);
      } else {
        out[key] = translated;
      }
    } else {
      out[key] = value;
    }
  }
  return normalize(out, ctx);
}

function normalize(s, ctx) {
  // OpenAPI wraps a $ref in allOf to give it a description or default; with those stripped, keep the plain $ref.
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && s.allOf[0].$ref && Object.keys(s.allOf[0]).length === 1) {
    s.$ref = s.allOf[0].$ref;
    delete s.allOf;
  }
  // A oneOf of plain types (IntOrString, Quantity) is an anyOf: same meaning, simpler errors.
  if (Array.isArray(s.oneOf) && s.oneOf.every((b) => Object.keys(b).length === 1 && typeof b.type === 'string')) {
    s.anyOf = s.oneOf;
    delete s.oneOf;
  }
  const isQuantity = s.format === 'quantity' || s.pattern === QUANTITY_PATTERN;
  if (s['x-kubernetes-int-or-string'] === true || isQuantity) {
    // Quantities are strings or any number (`cpu: 0.5`); other int-or-string fields are integers or strings.
    s.anyOf = [{ type: isQuantity ? 'number' : 'integer' }, { type: 'string' }];
    delete s.type;
    delete s.format;
  }
  if (s.nullable === true) {
    if (typeof s.type === 'string') s.type = [s.type, 'null'];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
  }
  delete s.nullable;
  if (s['x-kubernetes-embedded-resource'] === true) {
    const metadata = s.properties?.metadata?.properties ? s.properties.metadata : { $ref: `#/definitions/${OBJECT_META}` };
    s.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...s.properties, metadata };
  }
  if (s.properties && !ctx.inLogic && !('additionalProperties' in s) && !s['x-kubernetes-preserve-unknown-fields']) {
    s.additionalProperties = false;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes built-ins

function kubernetesDocuments(minorDir) {
  const files = [path.join(minorDir, 'api', 'v1.json')];
  const apis = path.join(minorDir, 'apis');
  for (const group of fs.readdirSync(apis).sort()) {
    for (const version of fs.readdirSync(path.join(apis, group)).sort()) files.push(path.join(apis, group, version));
  }
  return files.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
}

function buildKubernetes(minorDir, dropped) {
  const definitions = {};
  const kinds = {};
  for (const doc of kubernetesDocuments(minorDir)) {
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      const gvks = schema['x-kubernetes-group-version-kind'] ?? [];
      // Definitions with several GVKs are meta types (DeleteOptions, WatchEvent), not objects a repo holds.
      if (gvks.length === 1) {
        const { group, version, kind } = gvks[0];
        kinds[`${group ? `${group}/` : ''}${version}/${kind}`] = name;
      }
      definitions[name] = convertNode(schema, { inLogic: false, dropped });
    }
  }
  // Upstream says oneOf [string, number]; add the grammar so `memory: 1GB` is caught, as in CRDs.
  if (definitions[QUANTITY]) definitions[QUANTITY] = { anyOf: [{ type: 'number' }, { type: 'string' }], pattern: QUANTITY_PATTERN };
  return { definitions, kinds };
}

/** The named definition and everything it references, transitively. */
function closure(definitions, root) {
  const out = {};
  const pending = [root];
  while (pending.length > 0) {
    const name = pending.pop();
    if (out[name] || !definitions[name]) continue;
    out[name] = definitions[name];
    for (const m of JSON.stringify(definitions[name]).matchAll(/"#\/definitions\/([^"]+)"/g)) pending.push(m[1]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// CRDs

function crdFiles(upstream) {
  const files = [];
  for (const release of FLUX_RELEASES) {
    const dir = path.join(upstream, 'flux', release);
    for (const f of fs.readdirSync(dir).sort()) files.push({ file: path.join(dir, f), source: `flux ${release}: ${f}` });
  }
  const companions = path.join(upstream, 'companions');
  for (const f of fs.readdirSync(companions).sort()) files.push({ file: path.join(companions, f), source: f });
  return files;
}

function buildCrds(upstream, dropped) {
  const byGroup = {};
  const index = {};
  for (const { file, source } of crdFiles(upstream)) {
    for (const crd of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const { group, names } = crd.spec;
      for (const version of crd.spec.versions ?? []) {
        const key = `${group}/${version.name}/${names.kind}`;
        const schema = version.schema?.openAPIV3Schema;
        if (!version.served || !schema || index[key]) continue;
        const converted = convertNode(schema, { inLogic: false, dropped });
        converted.properties = { ...converted.properties, metadata: { $ref: `#/definitions/${OBJECT_META}` } };
        (byGroup[group] ??= {})[key] = converted;
        index[key] = { file: `crds/${group}.json`, source: source.replace(/\.crds\.yaml$/, '') };
      }
    }
  }
  return { byGroup, index };
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** JSON with sorted keys; top-level maps get one entry per line so diffs between upstream releases stay readable. */
function render(doc) {
  const sections = Object.keys(doc)
    .sort()
    .map((section) => {
      const entries = Object.keys(doc[section])
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(sortKeys(doc[section][k]))}`);
      return `${JSON.stringify(section)}:{\n${entries.join(',\n')}\n}`;
    });
  return `{\n${sections.join(',\n')}\n}\n`;
}

function write(out, rel, doc) {
  const file = path.join(out, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, render(doc));
}

/** Converts one upstream schema (OpenAPI v3 or CRD openAPIV3Schema) the way the generator does; for tests. */
export function convertSchema(schema) {
  const dropped = [];
  return { schema: convertNode(schema, { inLogic: false, dropped }), dropped };
}

export function generate(upstream, out) {
  const dropped = [];
  // Remove only what this script writes, so a mistyped --out never wipes unrelated files.
  for (const generated of ['index.json', 'kubernetes', 'crds']) fs.rmSync(path.join(out, generated), { recursive: true, force: true });
  let newest;
  for (const minor of KUBERNETES_MINORS) {
    newest = buildKubernetes(path.join(upstream, 'kubernetes', 'openapi-v3', minor), dropped);
    write(out, `kubernetes/v${minor}.json`, newest);
  }
  const objectMeta = closure(newest.definitions, OBJECT_META);
  const { byGroup, index } = buildCrds(upstream, dropped);
  for (const [group, kinds] of Object.entries(byGroup)) write(out, `crds/${group}.json`, { definitions: objectMeta, kinds });
  write(out, 'index.json', { crds: index, kubernetes: Object.fromEntries(KUBERNETES_MINORS.map((m) => [m, `kubernetes/v${m}.json`])) });
  return { dropped };
}

function parseArgs(argv) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = { upstream: path.resolve(repoRoot, '..', 'shared', 'upstream'), out: path.join(repoRoot, 'schemas') };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if ((flag !== '--upstream' && flag !== '--out') || !value) {
      throw new Error(`usage: generate-schemas.mjs [--upstream <dir>] [--out <dir>] (bad argument: ${flag})`);
    }
    args[flag.slice(2)] = path.resolve(value);
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { upstream, out } = parseArgs(process.argv.slice(2));
    if (!fs.existsSync(path.join(upstream, 'kubernetes'))) throw new Error(`upstream data not found at ${upstream}`);
    const { dropped } = generate(upstream, out);
    for (const p of new Set(dropped)) console.warn(`warning: pattern kept as x-go-pattern (JavaScript cannot compile it): ${p}`);
    console.log(`schemas written to ${out}`);
  } catch (err) {
    console.error(`generate-schemas: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
