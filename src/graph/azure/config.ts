/**
 * `fluxConfigurations` of .gitops-lint.yaml: Flux configurations made outside the repo (the portal, `az
 * k8s-configuration flux create`), in the Azure REST shape (its `properties` inline or under `properties`) plus
 * `name` and an optional `cluster`. `kustomizations` is the REST map, or a list of `az` `--kustomization` strings
 * (`name=apps path=./apps prune=true depends_on=[infra]`). Findings point at the config file when it is in the repo.
 */
import type { YamlDocument, YNode } from '../../load/types.js';
import type { FluxConfiguration, Written } from './model.js';
import { readRestConfiguration } from './rest.js';
import { child, isObj, items, text } from './written.js';

export const CONFIG_FILES = ['.gitops-lint.yaml', '.gitops-lint.yml'];

/** `doc`: the config file's document when the repo holds it (positions), else undefined. */
export function configConfigurations(list: readonly unknown[], doc: YamlDocument | undefined): FluxConfiguration[] {
  const at: YamlDocument = doc ?? { file: CONFIG_FILES[0]!, index: 0, value: { fluxConfigurations: list }, start: 0, end: 0, class: 'other' };
  const nowhere: YNode = { kind: 'scalar', start: 0, end: 0 };
  const fromDoc = doc?.root && isObj(doc.value) && JSON.stringify(doc.value.fluxConfigurations) === JSON.stringify(list) ? child({ value: doc.value, node: doc.root }, 'fluxConfigurations') : undefined;
  const entries = fromDoc ? items(fromDoc) : list.map((value): Written => ({ value, node: mirror(value, nowhere) }));
  return entries.flatMap((entry) => {
    const name = child(entry, 'name');
    if (!text(name)) return [];
    const properties = child(entry, 'properties') ?? entry;
    const withKustomizations = azKustomizations(properties);
    const cluster = text(child(entry, 'cluster')) ?? text(name)!;
    return [readRestConfiguration(at, cluster, name as Written<string>, entry.node, withKustomizations, (w) => w)];
  });
}

/** The `az` string form turned into the REST map, each field's node the string it was read from. */
function azKustomizations(properties: Written): Written {
  const list = child(properties, 'kustomizations');
  if (!list || !Array.isArray(list.value) || !isObj(properties.value)) return properties;
  const map: Record<string, unknown> = {};
  const mapEntries: NonNullable<YNode['entries']> = [];
  for (const item of items(list)) {
    if (typeof item.value !== 'string') continue;
    const fields = parseAzKustomization(item.value);
    const name = fields.name;
    if (typeof name !== 'string' || name === '') continue;
    map[name] = fields;
    mapEntries.push({ key: name, keyNode: item.node, value: mirror(fields, item.node) });
  }
  const value = { ...properties.value, kustomizations: map };
  const node: YNode = {
    ...properties.node,
    entries: [...(properties.node.entries ?? []).filter((e) => e.key !== 'kustomizations'), { key: 'kustomizations', keyNode: list.node, value: { kind: 'map', start: list.node.start, end: list.node.end, entries: mapEntries } }],
  };
  return { value, node };
}

const AZ_FIELDS: Record<string, string> = {
  path: 'path',
  prune: 'prune',
  force: 'force',
  wait: 'wait',
  depends_on: 'dependsOn',
  timeout: 'timeoutInSeconds',
  sync_interval: 'syncIntervalInSeconds',
  retry_interval: 'retryIntervalInSeconds',
};

/**
 * `name=apps path=./apps prune=true depends_on=[infra, "other"]`. Durations (`timeout=10m`) are kept as written.
 * Unknown keys are left out.
 */
export function parseAzKustomization(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of raw.matchAll(/([A-Za-z_-]+)=(\[[^\]]*\]|"[^"]*"|'[^']*'|\S+)/g)) {
    const key = m[1]!.replace(/-/g, '_');
    let value: unknown = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
    if (key === 'depends_on') {
      value = String(value)
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/)
        .map((s) => s.replace(/^["']|["']$/g, ''))
        .filter(Boolean);
    } else if (value === 'true' || value === 'false') value = value === 'true';
    if (key === 'name') out.name = value;
    else if (AZ_FIELDS[key]) out[AZ_FIELDS[key]!] = value;
  }
  return out;
}

/** A position tree for `value` whose every node is `at`: a value without its own positions (an `az` string's fields). */
function mirror(value: unknown, at: YNode): YNode {
  if (Array.isArray(value)) return { kind: 'seq', start: at.start, end: at.end, items: value.map((v) => mirror(v, at)) };
  if (isObj(value)) return { kind: 'map', start: at.start, end: at.end, entries: Object.entries(value).map(([key, v]) => ({ key, keyNode: at, value: mirror(v, at) })) };
  return at;
}
