/**
 * Which custom resource API groups a HelmRelease installs with its chart, for flux-dependson-required.
 *
 * Helm installs a chart's CRDs with the release: from its `crds/` folder (unless the HelmRelease says
 * `install.crds: Skip` or the deprecated `install.skipCRDs: true`), or from templates the chart's values switch on.
 * What a published chart installs is data, not code: the rule's `chartCrds` param (rules/flux-dependson-required.yaml,
 * each row with where it comes from) plus the config's `extraChartCrds`. A chart of this repository (a GitRepository
 * or Bucket path) is read instead: the CustomResourceDefinitions in its `crds/` folders.
 */
import type { Cluster, FluxHelmRelease } from '../graph/types.js';
import { crdKindKey, sourceKey } from '../k8s/identity.js';
import type { LoadedRepo } from '../load/types.js';

/** One row of the table: a chart (by name) and the API groups of the CRDs it installs. */
export interface ChartCrds {
  chart: string;
  groups: string[];
  /**
   * Values that switch the CRDs on, dotted paths to the chart's default: installed when any is true in the
   * HelmRelease's inline values, or by default. Absent: always installed.
   */
  values?: Record<string, boolean>;
  /** The CRDs are in the chart's crds/ folder (of the chart or a subchart): install.crds: Skip leaves them out. */
  crdsDir?: boolean;
  source?: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** The last path segment of a chart reference (`./charts/cert-manager`, `oci://ghcr.io/x/cert-manager:1.0`). */
function lastSegment(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const segment = ref.replace(/\/+$/, '').split('/').pop()?.replace(/[:@].*$/, '');
  return segment || undefined;
}

/** The chart's name: spec.chart.spec.chart or .url, or the chart / URL of the source spec.chartRef names. */
export function chartName(release: FluxHelmRelease, cluster: Cluster): string | undefined {
  const chart = obj(obj(obj(obj(release.value).spec).chart).spec);
  const direct = lastSegment(chart.chart) ?? lastSegment(chart.url);
  if (direct || !release.chartRef) return direct;
  const ref = release.chartRef;
  const key = sourceKey(ref.kind, ref.namespace || release.namespace, ref.name);
  const source = cluster.sources.find((s) => sourceKey(s.kind, s.namespace, s.name) === key);
  const spec = obj(obj(source?.doc.value).spec);
  return lastSegment(spec.url) ?? lastSegment(spec.chart);
}

/** The value at a dotted path of the HelmRelease's inline values (`crds.enabled`), or under the literal dotted key. */
function valueAt(values: Obj, path: string): unknown {
  if (path in values) return values[path];
  let v: unknown = values;
  for (const key of path.split('.')) v = obj(v)[key];
  return v;
}

function skipsCrdsDir(spec: Obj): boolean {
  const install = obj(spec.install);
  return install.crds === 'Skip' || install.skipCRDs === true;
}

/** The groups a table row says a release installs, given its values (and whether crds/ folders are skipped). */
function rowGroups(row: ChartCrds, values: Obj, skipsDir: boolean): string[] {
  if (row.crdsDir && skipsDir) return [];
  if (!row.values || Object.keys(row.values).length === 0) return row.groups;
  const on = Object.entries(row.values).some(([path, fallback]) => {
    const v = valueAt(values, path);
    return v === undefined ? fallback : v === true;
  });
  return on ? row.groups : [];
}

/** Groups of the CustomResourceDefinitions in the crds/ folders of a chart directory of this repo. */
function localChartGroups(repo: LoadedRepo, dir: string): string[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const groups = new Set<string>();
  for (const file of repo.files) {
    if (!file.path.startsWith(prefix) || !/(^|\/)crds\//.test(file.path.slice(prefix.length))) continue;
    // Chart files are parsed but not classified as manifests (templates are never parsed): read the value.
    for (const doc of file.documents) {
      if (obj(doc.value).kind !== 'CustomResourceDefinition') continue;
      const key = crdKindKey(doc.value);
      if (key) groups.add(key.slice(0, key.lastIndexOf('/')));
    }
  }
  return [...groups];
}

/** The API groups whose CRDs `release` installs, with the chart name it was recognised by. */
export function chartCrdGroups(release: FluxHelmRelease, cluster: Cluster, repo: LoadedRepo, table: readonly ChartCrds[]): { chart: string; groups: string[] } | undefined {
  const spec = obj(obj(release.value).spec);
  if (release.chartPath?.status === 'dir' && release.chartPath.path !== undefined) {
    const groups = skipsCrdsDir(spec) ? [] : localChartGroups(repo, release.chartPath.path);
    return groups.length > 0 ? { chart: release.chartPath.raw, groups } : undefined;
  }
  const name = chartName(release, cluster);
  if (!name) return undefined;
  const groups = table.filter((row) => row.chart === name).flatMap((row) => rowGroups(row, obj(spec.values), skipsCrdsDir(spec)));
  return groups.length > 0 ? { chart: name, groups } : undefined;
}

/** Helmfile's own file names: helmfile.yaml, or the files of a helmfile.d directory. */
const HELMFILE = /(^|\/)(helmfile\.ya?ml|helmfile\.d\/[^/]+\.ya?ml)$/;

/**
 * API groups whose CRDs a Helmfile of the repository installs: the bootstrap that runs before Flux (`helmfile sync`,
 * or `helmfile template --include-crds | kubectl apply` for CRDs only), so they exist before any Kustomization
 * reconciles. A release's inline `values` maps decide the table's value switches; with a values file it is assumed on.
 */
export function helmfileCrdGroups(repo: LoadedRepo, table: readonly ChartCrds[]): Set<string> {
  const groups = new Set<string>();
  for (const file of repo.files) {
    if (!HELMFILE.test(file.path)) continue;
    for (const doc of file.documents) {
      const releases = obj(doc.value).releases;
      for (const release of Array.isArray(releases) ? releases : []) {
        const name = lastSegment(obj(release).chart);
        const entries = Array.isArray(obj(release).values) ? (obj(release).values as unknown[]) : [];
        // A values file or template (often the HelmRelease's own values, read by a .gotmpl) cannot be read here:
        // the chart is installed before Flux to work, so take its CRDs as installed.
        const readable = entries.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
        const values = entries.reduce<Obj>((all, v) => ({ ...all, ...obj(v) }), {});
        for (const row of table) if (row.chart === name) for (const g of readable ? rowGroups(row, values, false) : row.groups) groups.add(g);
      }
    }
  }
  return groups;
}

export const CHART_CRDS_SCHEMA = {
  type: 'array',
  description: 'a list of charts and the API groups of the CRDs they install',
  items: {
    type: 'object',
    required: ['chart', 'groups'],
    additionalProperties: false,
    properties: {
      chart: { type: 'string', minLength: 1, description: 'the chart name (spec.chart.spec.chart, or the last segment of an OCI URL)' },
      groups: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'API groups of the CRDs the chart installs' },
      values: {
        type: 'object',
        additionalProperties: { type: 'boolean', description: "true or false, the chart's default for that value" },
        description: 'values that switch the CRDs on (dotted path: chart default); absent means always installed',
      },
      crdsDir: { type: 'boolean', description: "true when the CRDs are in the chart's crds/ folder, which install.crds: Skip leaves out" },
      source: { type: 'string', description: 'where the row comes from' },
    },
  },
} as const;
