#!/usr/bin/env node
/**
 * Generates the JSON schemas gitops-lint ships in `schemas/` from upstream Kubernetes OpenAPI v3 documents and CRDs.
 * Run by maintainers only (the output is committed):
 *   node scripts/generate-schemas.mjs [--upstream ../shared/upstream] [--out schemas]
 *
 * Output (deterministic: sorted keys, one definition or kind per line, `\n` at EOF):
 *   schemas/index.json                 { kubernetes: [minors], crds: { "<group>/<version>/<Kind>": { file, source } } }
 *   schemas/kubernetes/v<minor>.json   { definitions: {...}, kinds: { "<apiVersion>/<Kind>": "<definition name>" } }
 *   schemas/crds/<group>.json          { definitions: { ObjectMeta and what it references, subschemas the group's kinds share },
 *                                        kinds: { "<group>/<version>/<Kind>": schema } }  (see share-subschemas.mjs)
 *
 * Conversion makes upstream schemas strict like kubeconform -strict; see src/schema/convert.ts for the rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
// The conversion is shared with the linter (CRDs found in a repo): build first (npm run build).
import { convertCrd, convertSchema, OBJECT_META, translatePattern } from '../dist/schema/convert.js';
import { QUANTITY_PATTERN } from '../dist/schema/quantity.js';
import { shareSubschemas } from './share-subschemas.mjs';

export { convertSchema, QUANTITY_PATTERN, translatePattern };

/** Oldest first; the newest is written whole, the others as their differences from it (see kubernetesDelta). */
const KUBERNETES_MINORS = ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];
/** Flux release folders, newest first: the newest release wins when a group/version/kind appears in several. */
const FLUX_RELEASES = ['v2.9.4', 'v2.8.8', 'v2.6.4'];
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

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
      const converted = convertSchema(schema);
      dropped.push(...converted.dropped);
      definitions[name] = converted.schema;
    }
  }
  // Upstream says oneOf [string, number]; add the grammar so `memory: 1GB` is caught, as in CRDs.
  if (definitions[QUANTITY]) definitions[QUANTITY] = { anyOf: [{ type: 'number' }, { type: 'string' }], pattern: QUANTITY_PATTERN };
  return { definitions, kinds };
}

/**
 * A minor as its differences from `base` (the newest minor, written whole): the definitions and kinds that differ or
 * are new, and the names `base` has that this minor has not. Most definitions are the same from one minor to the
 * next, so six minors cost little more than one; src/schema/store.ts puts the minor back together when it reads it.
 */
function kubernetesDelta(base, baseFile, doc) {
  const same = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
  const changed = (section) => Object.fromEntries(Object.entries(doc[section]).filter(([k, v]) => !(k in base[section]) || !same(v, base[section][k])));
  const removed = (section) => Object.keys(base[section]).filter((k) => !(k in doc[section])).sort();
  return { base: baseFile, definitions: changed('definitions'), kinds: changed('kinds'), removed: { definitions: removed('definitions'), kinds: removed('kinds') } };
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

/** Companion bundle folders, read in this order (file names sorted within each). */
const COMPANION_DIRS = ['companions', 'companions-more'];
/**
 * Companion bundles left out because another bundle holds all of their CRDs unchanged
 * (../shared/upstream/README.md: "use one of the two").
 */
const SUPERSEDED = new Set(['companions/prometheus-operator-v0.93.0.crds.yaml']);

function crdFiles(upstream) {
  const files = [];
  for (const release of FLUX_RELEASES) {
    const dir = path.join(upstream, 'flux', release);
    for (const f of fs.readdirSync(dir).sort()) files.push({ file: path.join(dir, f), source: `flux ${release}: ${f}`, flux: true });
  }
  for (const folder of COMPANION_DIRS) {
    for (const f of fs.readdirSync(path.join(upstream, folder)).sort()) {
      if (f.endsWith('.yaml') && !SUPERSEDED.has(`${folder}/${f}`)) files.push({ file: path.join(upstream, folder, f), source: f, flux: false });
    }
  }
  return files;
}

/**
 * Flux kinds merge version by version across releases (an older release adds the versions a newer one stopped
 * serving). A companion kind comes whole from the first bundle that defines it: a cluster installs one
 * CustomResourceDefinition per kind, so versions of two bundles (Gateway API's standard and experimental
 * channels) are never served together. Bundles are read in order, so the standard channel owns every kind it
 * has and the experimental one adds only its own kinds (gateway.networking.x-k8s.io).
 */
function buildCrds(upstream, dropped) {
  const byGroup = {};
  const index = {};
  const companionOwner = new Map();
  for (const { file, source, flux } of crdFiles(upstream)) {
    for (const crd of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      if (!flux) {
        const kind = `${crd.spec.group}/${crd.spec.names.kind}`;
        if ((companionOwner.get(kind) ?? file) !== file) continue;
        companionOwner.set(kind, file);
      }
      for (const { key, schema } of convertCrd(crd, dropped)) {
        if (index[key]) continue;
        (byGroup[crd.spec.group] ??= {})[key] = schema;
        index[key] = { file: `crds/${crd.spec.group}.json`, source: source.replace(/\.crds\.yaml$/, '') };
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
      // A value that is not a mapping of entries (a delta's `base` file, its `removed` names) stays on one line.
      if (typeof doc[section] !== 'object' || Object.values(doc[section]).every(Array.isArray)) return `${JSON.stringify(section)}:${JSON.stringify(sortKeys(doc[section]))}`;
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

export function generate(upstream, out) {
  const dropped = [];
  // Remove only what this script writes, so a mistyped --out never wipes unrelated files.
  for (const generated of ['index.json', 'kubernetes', 'crds']) fs.rmSync(path.join(out, generated), { recursive: true, force: true });
  const built = KUBERNETES_MINORS.map((minor) => buildKubernetes(path.join(upstream, 'kubernetes', 'openapi-v3', minor), dropped));
  const newest = built[built.length - 1];
  const newestFile = `kubernetes/v${KUBERNETES_MINORS[KUBERNETES_MINORS.length - 1]}.json`;
  KUBERNETES_MINORS.forEach((minor, i) => {
    write(out, `kubernetes/v${minor}.json`, built[i] === newest ? newest : kubernetesDelta(newest, newestFile, built[i]));
  });
  const objectMeta = closure(newest.definitions, OBJECT_META);
  const { byGroup, index } = buildCrds(upstream, dropped);
  for (const [group, kinds] of Object.entries(byGroup)) {
    const shared = shareSubschemas(kinds);
    write(out, `crds/${group}.json`, { definitions: { ...objectMeta, ...shared.definitions }, kinds: shared.kinds });
  }
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
