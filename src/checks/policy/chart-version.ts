/**
 * helmrelease-chart-unpinned: a HelmRelease whose chart from a HelmRepository is not pinned to one version. Flux
 * resolves `spec.chart.spec.version` as a semver constraint (Masterminds semver; missing means `*`) on every chart
 * fetch, so `4.x`, `^4`, `>=4.0.0` or a partial `4.2` (= 4.2.x) upgrades the release on its own the day the chart
 * publishes, untested. A chart from a GitRepository or Bucket ignores the version (the chart is the path's content),
 * so only HelmRepository charts are judged, as each cluster gets them (overlays often patch the version).
 * `paths` limits the rule to production paths.
 */
import picomatch from 'picomatch';
import type { AppliedObject } from '../../graph/types.js';
import type { Check, CheckContext } from '../types.js';
import { appliedDocuments, appliedRef, judged, isObj, locateField } from './applied.js';

/** One exact version: optional `v` or `=`, MAJOR.MINOR.PATCH, optional pre-release and build. */
const EXACT = /^=?\s*v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The chart version constraint of a HelmRepository chart ('' when unset), or undefined when pinned or not judged. */
function unpinnedVersion(value: unknown): string | undefined {
  const chart = isObj(value) && isObj(value.spec) && isObj(value.spec.chart) && isObj(value.spec.chart.spec) ? value.spec.chart.spec : undefined;
  if (!chart || !isObj(chart.sourceRef) || (chart.sourceRef.kind ?? 'HelmRepository') !== 'HelmRepository') return undefined;
  if (chart.version === undefined || chart.version === null) return '';
  const version = String(chart.version).trim();
  return EXACT.test(version) || version.includes('${') ? undefined : version;
}

function helmReleaseChartUnpinned(ctx: CheckContext): void {
  const paths = (ctx.params.paths as string[] | undefined) ?? [];
  const inScope = paths.length === 0 ? () => true : picomatch(paths, { dot: true });
  for (const instances of appliedDocuments(ctx)) {
    const first = instances[0]!;
    if (first.id.kind !== 'HelmRelease' || !inScope(first.doc.file)) continue;
    const where = (a: AppliedObject, version: string) => (version === '' ? locateField(ctx, a, ['spec', 'chart', 'spec'], 'key') : locateField(ctx, a, ['spec', 'chart', 'spec', 'version']));
    for (const { a, verdict: version, location } of judged(ctx, instances, (a) => unpinnedVersion(a.value), where)) {
      ctx.report({
      message:
        version === ''
          ? `HelmRelease "${a.id.name}" does not set spec.chart.spec.version: Flux installs the newest chart (*) and upgrades to every new release on its own; pin an exact version`
          : `HelmRelease "${a.id.name}" chart version "${version}" is a range: Flux upgrades to every matching chart release on its own; pin an exact version (e.g. 1.2.3)`,
        location,
        object: appliedRef(a),
      });
    }
  }
}

export const chartVersionChecks: Record<string, Check> = {
  'helmrelease-chart-unpinned': {
    run: helmReleaseChartUnpinned,
    params: {
      type: 'object',
      properties: {
        paths: {
          type: 'array',
          items: { type: 'string', description: 'a glob of repo-relative files' },
          description: 'a list of globs of repo-relative files where HelmReleases must pin their chart, e.g. [clusters/production/**] (empty: everywhere)',
        },
      },
      additionalProperties: false,
    },
  },
};
