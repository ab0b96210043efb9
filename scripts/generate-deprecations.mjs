#!/usr/bin/env node
/**
 * Generates the deprecation data gitops-lint ships (rules/data/deprecations.json) and the source tables of the
 * deprecation rule pages (docs/rules/*.md, between `<!-- deprecations:<table> -->` markers) from the research table
 * ../shared/upstream/deprecations.yaml, whose every row cites its sources. Run by maintainers (the output is
 * committed; test/rules/deprecation-data.test.ts checks it is fresh):
 *   node scripts/generate-deprecations.mjs [--upstream ../shared/upstream] [--out .]
 *
 * Every kept row carries `row` (its section and index in deprecations.yaml) and `sources`. Rows that name no object
 * the linter can match (a controller flag, keys inside a referenced Secret, a field list of another project) are
 * left out and printed, so nothing is dropped silently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const upstream = path.resolve(option('--upstream', path.join(here, '..', '..', 'shared', 'upstream')));
const out = path.resolve(option('--out', path.join(here, '..')));

/** "flux 2.7.0" / "v1.25.0" / "kustomize v5.0.0 (warning)" -> "2.7.0" / "1.25.0" / "5.0.0"; null stays null. */
function version(text) {
  if (text === null || text === undefined) return null;
  const m = /(\d+\.\d+(?:\.\d+)?)/.exec(String(text));
  return m ? m[1] : null;
}

const sourcesOf = (r) => (Array.isArray(r.sources) ? r.sources : r.source ? String(r.source).split(' ; ') : []).map(String);
const API_VERSION = /^[a-z0-9.-]+\/v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const skipped = [];

function fluxApis(rows) {
  return rows.map((r, i) => ({
    row: `flux[${i}]`,
    apiVersion: r.apiVersion,
    kind: r.kind,
    introducedIn: version(r.introducedIn),
    deprecatedIn: version(r.deprecatedIn),
    supersededIn: version(r.supersededIn),
    removedIn: version(r.removedIn),
    replacement: r.replacement ?? null,
    sources: sourcesOf(r),
  }));
}

/** Flux Legacy (Flux v1 projects): no Flux v2 release ever served them; the project milestone dates are kept as text. */
function fluxLegacy(rows) {
  return rows.map((r, i) => ({
    row: `fluxLegacy[${i}]`,
    apiVersion: r.apiVersion,
    kind: r.kind,
    project: r.project,
    removed: String(r.removedIn),
    replacement: r.replacement,
    sources: sourcesOf(r),
  }));
}

/**
 * How each free-text `field` of fluxFields is matched: paths of the object (`[]` walks every item of a list), and for
 * a few rows a value the field must hold or a text it must contain. Rows about something other than the object's own
 * fields (keys inside a referenced Secret, controller flags) map to null and are left out.
 */
const FIELD_MATCHERS = {
  'spec.secretRef (TLS keys caFile/certFile/keyFile)': null,
  'spec.certSecretRef Secret keys caFile/certFile/keyFile': null,
  'spec.certSecretRef Secret key caFile': null,
  '--aws-autologin-for-ecr / --gcp-autologin-for-gcr / --azure-autologin-for-acr': null,
  '--feature-gates=ForceGoGitImplementation': null,
  'spec.type: oci': { paths: ['spec.type'], equals: 'oci' },
  'spec.git.commit.messageTemplate data .Updated / .Changed.ImageResult': { paths: ['spec.git.commit.messageTemplate'], contains: ['.Updated', '.Changed.ImageResult'] },
  'spec.commit (authorName/authorEmail/messageTemplate/signingKey)': { paths: ['spec.commit'] },
};

function matcherOf(field) {
  if (Object.hasOwn(FIELD_MATCHERS, field)) return FIELD_MATCHERS[field];
  const paths = field.split(' / ').map((p) => p.trim());
  for (const p of paths) if (!/^[A-Za-z][\w]*(?:(?:\[\])?\.[A-Za-z][\w]*)*$/.test(p)) throw new Error(`fluxFields: cannot read field ${JSON.stringify(field)}: add it to FIELD_MATCHERS`);
  return { paths };
}

const splitPath = (p) => p.split('.').flatMap((seg) => (seg.endsWith('[]') ? [seg.slice(0, -2), '[]'] : [seg]));

function fluxFields(rows) {
  const kept = [];
  rows.forEach((r, i) => {
    const matcher = matcherOf(r.field);
    if (!matcher || !KIND.test(r.kind)) {
      skipped.push(`fluxFields[${i}] ${r.kind} ${r.field}: not a field of the object`);
      return;
    }
    kept.push({
      row: `fluxFields[${i}]`,
      group: r.group,
      kind: r.kind,
      versions: r.versions,
      field: r.field,
      paths: matcher.paths.map(splitPath),
      ...(matcher.equals !== undefined ? { equals: matcher.equals } : {}),
      ...(matcher.contains ? { contains: matcher.contains } : {}),
      status: r.status,
      deprecatedIn: version(r.deprecatedIn),
      removedIn: version(r.removedIn),
      replacement: r.replacement ?? null,
      fix: r.fix ?? null,
      sources: sourcesOf(r),
    });
  });
  return kept;
}

/** kustomizeFields rows name a field path in kustomization files; `configMapGenerator[].env / ...` lists two. */
function kustomizeFields(rows) {
  const kept = [];
  rows.forEach((r, i) => {
    const paths = r.field.split(' / ').map((p) => p.trim());
    if (!paths.every((p) => /^[A-Za-z]\w*(?:\[\]\.[A-Za-z]\w*)?$/.test(p)) || r.removedIn) {
      skipped.push(`kustomizeFields[${i}] ${r.field}: not a deprecated field (a removal in kustomize 2.0, or a missing apiVersion)`);
      return;
    }
    kept.push({
      row: `kustomizeFields[${i}]`,
      field: r.field,
      paths: paths.map(splitPath),
      deprecatedIn: version(r.deprecatedIn),
      warningSince: version(r.warningSince),
      replacement: r.replacement,
      editFix: r.fix,
      verified: r.verified !== false,
      sources: sourcesOf(r),
    });
  });
  return kept;
}

/** The official deprecation guide wins over pluto where the row records both (see deprecations.md). */
function kubernetes(rows) {
  return rows.map((r, i) => ({
    row: `kubernetes[${i}]`,
    apiVersion: r.apiVersion,
    kind: r.kind,
    deprecatedIn: version(r.deprecatedInOfficial ?? r.deprecatedIn),
    removedIn: version(r.removedInOfficialGuide ?? r.removedIn),
    replacement: r.replacement ?? null,
    ...(r.notes ? { notes: r.notes } : {}),
    sources: sourcesOf(r),
  }));
}

/**
 * Companion rows about an apiVersion that is deprecated, not served or removed. Kinds written as a list
 * ("Prometheus/ServiceMonitor/Alertmanager (...)") are split; a null kind means every kind of the apiVersion.
 */
function companions(rows) {
  const kept = [];
  rows.forEach((r, i) => {
    const kinds = r.kind === null ? ['*'] : String(r.kind).replace(/\(.*\)/, '').split('/').map((k) => k.trim());
    const status = r.status === 'not-served' ? 'removed' : r.status;
    if (!API_VERSION.test(r.apiVersion) || !kinds.every((k) => k === '*' || KIND.test(k)) || !['removed', 'deprecated'].includes(status)) {
      skipped.push(`companions[${i}] ${r.apiVersion} ${r.kind} (${r.status}): ${API_VERSION.test(r.apiVersion) && kinds.every((k) => k === '*' || KIND.test(k)) ? 'not deprecated' : 'not an apiVersion and kind'}`);
      return;
    }
    for (const kind of kinds) {
      kept.push({
        row: `companions[${i}]`,
        project: r.project,
        apiVersion: r.apiVersion,
        kind,
        status,
        deprecatedIn: version(r.deprecatedIn),
        notServedFrom: r.notServedFrom === null ? null : String(r.notServedFrom),
        removedFromCrdIn: version(r.removedFromCrdIn),
        replacement: r.replacement ?? null,
        sources: sourcesOf(r),
      });
    }
  });
  return kept;
}

function aksExtension(section) {
  return {
    source: section.source,
    versions: section.versions.map((v) => ({ extension: String(v.extension), flux: String(v.flux) })),
    removedPerMicrosoft: { from: '1.23.0', apiVersions: section.removedPerMicrosoftFrom_1_23_0 },
    restoredPerMicrosoft: { from: '1.24.0', note: section.note_1_24_0 },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Doc tables

const cell = (v) => (v === null || v === undefined || v === '' ? '–' : String(v).replaceAll('|', '\\|').replaceAll('\n', ' '));
const sourceCell = (sources) => sources.map((s) => s.replace(/^(https?:\/\/\S+)/, '<$1>')).join('<br>');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
const withSources = (head, rows) => table([...head, 'row', 'sources'], rows.map(([cells, r]) => [...cells, `\`${r.row}\``, sourceCell(r.sources)]));

function docTables(data) {
  return {
    'flux-apis': withSources(
      ['apiVersion', 'kind', 'introduced', 'deprecated', 'removed', 'replacement'],
      data.fluxApis.filter((r) => r.removedIn || r.deprecatedIn).map((r) => [[`\`${r.apiVersion}\``, r.kind, r.introducedIn, r.deprecatedIn ?? (r.supersededIn ? `superseded ${r.supersededIn}` : null), r.removedIn, r.replacement], r]),
    ),
    'flux-legacy': withSources(['apiVersion', 'kind', 'project', 'removed', 'replacement'], data.fluxLegacy.map((r) => [[`\`${r.apiVersion}\``, r.kind, r.project, r.removed, r.replacement], r])),
    kubernetes: withSources(
      ['apiVersion', 'kind', 'deprecated', 'removed', 'replacement'],
      data.kubernetes.map((r) => [[`\`${r.apiVersion}\``, r.kind, r.deprecatedIn, r.removedIn, r.replacement], r]),
    ),
    companions: withSources(
      ['project', 'apiVersion', 'kind', 'deprecated', 'not served / removed', 'replacement'],
      data.companions.map((r) => [[r.project, `\`${r.apiVersion}\``, r.kind === '*' ? 'every kind' : r.kind, r.deprecatedIn, r.status === 'removed' ? (r.notServedFrom ?? r.removedFromCrdIn) : null, r.replacement], r]),
    ),
    'aks-extension': table(
      ['microsoft.flux', 'Flux'],
      data.aksExtension.versions.map((v) => [v.extension, v.flux]),
    ),
    'flux-fields': withSources(
      ['kind', 'versions', 'field', 'deprecated', 'removed', 'replacement'],
      data.fluxFields.map((r) => [[r.kind, r.versions.join(', '), `\`${r.field}\``, r.deprecatedIn, r.removedIn, r.replacement], r]),
    ),
    'kustomize-fields': withSources(
      ['field', 'deprecated in kustomize', 'build warning since', 'replacement', 'verified'],
      data.kustomizeFields.map((r) => [[`\`${r.field}\``, r.deprecatedIn, r.warningSince, r.replacement, r.verified ? 'yes' : 'no'], r]),
    ),
  };
}

/** Replaces the text between `<!-- deprecations:NAME -->` and `<!-- /deprecations:NAME -->` in every rule page. */
function fillDocs(docsDir, tables) {
  const written = [];
  for (const file of fs.readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort()) {
    const full = path.join(docsDir, file);
    const text = fs.readFileSync(full, 'utf8');
    const next = text.replace(/(<!-- deprecations:([a-z-]+) -->\n)[\s\S]*?(<!-- \/deprecations:\2 -->)/g, (_all, open, name, close) => {
      if (!tables[name]) throw new Error(`${file}: unknown deprecation table ${name}`);
      return `${open}${tables[name]}\n${close}`;
    });
    if (next !== text) {
      fs.writeFileSync(full, next);
      written.push(file);
    }
  }
  return written;
}

// ---------------------------------------------------------------------------------------------------------------

const raw = parse(fs.readFileSync(path.join(upstream, 'deprecations.yaml'), 'utf8'));
const data = {
  $comment: 'Generated by scripts/generate-deprecations.mjs from deprecations.yaml (../shared/upstream); do not edit. `row` is the row of deprecations.yaml, `sources` its citations.',
  generated: String(raw.meta.generated),
  snapshotCommits: raw.meta.snapshotCommits,
  fluxApis: fluxApis(raw.flux),
  fluxLegacy: fluxLegacy(raw.fluxLegacy),
  fluxFields: fluxFields(raw.fluxFields),
  kustomizeFields: kustomizeFields(raw.kustomizeFields),
  kubernetes: kubernetes(raw.kubernetes),
  companions: companions(raw.companions),
  aksExtension: aksExtension(raw.aksExtension),
};
// One row per line: small diffs when the table changes.
const json = `{\n${Object.entries(data)
  .map(([k, v]) => `  ${JSON.stringify(k)}: ${Array.isArray(v) ? `[\n${v.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]` : JSON.stringify(v)}`)
  .join(',\n')}\n}\n`;
const dataFile = path.join(out, 'rules', 'data', 'deprecations.json');
fs.mkdirSync(path.dirname(dataFile), { recursive: true });
fs.writeFileSync(dataFile, json);
const docsDir = path.join(out, 'docs', 'rules');
const docs = fs.existsSync(docsDir) ? fillDocs(docsDir, docTables(data)) : [];
process.stdout.write(`wrote ${path.relative(process.cwd(), dataFile)}${docs.length ? ` and tables in ${docs.join(', ')}` : ''}\n`);
for (const s of skipped) process.stdout.write(`left out ${s}\n`);
