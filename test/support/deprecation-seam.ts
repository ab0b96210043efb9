/**
 * A TEMPORARY seam until the deprecation rules (issue 8 parts 1-2, branch depr) land: a test-only check that reports
 * what those rules will report (deprecated kustomize fields, Flux apiVersions older than the newest served, Kubernetes
 * apiVersions with a mechanical replacement) and attaches the migrations of src/checks/migrate, so --fix can be proved
 * end to end. It is registered through a custom rule in `options.config`, never shipped.
 */
import { builtinChecks } from '../../src/checks/index.js';
import { KUSTOMIZE_FIXABLE_FIELDS, mechanicalReplacement, migrationFor, type Migration } from '../../src/checks/migrate/index.js';
import type { Check, CheckRegistry } from '../../src/checks/types.js';
import type { LintOptions } from '../../src/engine/types.js';

export const SEAM_RULE = 'deprecation-seam';

/** The newest apiVersion Flux 2.9 serves per group and kind (../shared/upstream/deprecations.md, fluxCurrent). */
const FLUX_CURRENT: Record<string, string> = {
  'source.toolkit.fluxcd.io/GitRepository': 'v1',
  'source.toolkit.fluxcd.io/HelmRepository': 'v1',
  'source.toolkit.fluxcd.io/HelmChart': 'v1',
  'source.toolkit.fluxcd.io/Bucket': 'v1',
  'source.toolkit.fluxcd.io/OCIRepository': 'v1',
  'kustomize.toolkit.fluxcd.io/Kustomization': 'v1',
  'helm.toolkit.fluxcd.io/HelmRelease': 'v2',
  'notification.toolkit.fluxcd.io/Alert': 'v1beta3',
  'notification.toolkit.fluxcd.io/Provider': 'v1beta3',
  'notification.toolkit.fluxcd.io/Receiver': 'v1',
  'image.toolkit.fluxcd.io/ImageRepository': 'v1',
  'image.toolkit.fluxcd.io/ImagePolicy': 'v1',
  'image.toolkit.fluxcd.io/ImageUpdateAutomation': 'v1',
};

export function fluxTarget(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.split('/');
  const current = FLUX_CURRENT[`${group}/${kind}`];
  return current && current !== version ? `${group}/${current}` : undefined;
}

const withFix = (message: string, m: Migration) => ('fix' in m ? { message: `${message} (--fix can do this)`, fix: m.fix } : { message: `${message} (no fix: ${m.refused})` });

const seam: Check = {
  run: (ctx) => {
    for (const file of ctx.repo.files) {
      // (the request shape is the one the depr branch's migrationFor seam takes)
      for (const doc of file.documents) {
        if (doc.class === 'kustomization' && doc.value && typeof doc.value === 'object') {
          for (const field of KUSTOMIZE_FIXABLE_FIELDS) {
            if (!(field in doc.value)) continue;
            const m = migrationFor(ctx, { kind: 'kustomize-field', doc, field });
            ctx.report({ ...withFix(`${field} is deprecated`, m), location: ctx.locate(doc, [field]) });
          }
        }
        if (doc.class !== 'k8s' || !doc.apiVersion || !doc.kind) continue;
        const to = fluxTarget(doc.apiVersion, doc.kind);
        const location = ctx.locate(doc, ['apiVersion'], 'value');
        if (to) ctx.report({ ...withFix(`${doc.apiVersion} ${doc.kind}: use ${to}`, migrationFor(ctx, { kind: 'apiVersion', family: 'flux', doc, to })), location });
        const replacement = mechanicalReplacement(doc.apiVersion, doc.kind);
        if (replacement) ctx.report({ ...withFix(`${doc.apiVersion} ${doc.kind} is removed`, migrationFor(ctx, { kind: 'apiVersion', family: 'kubernetes', doc, to: replacement })), location });
      }
    }
  },
};

export const seamChecks: CheckRegistry = { ...builtinChecks, [SEAM_RULE]: seam };

export const seamOptions: LintOptions = {
  config: {
    customRules: [{ id: SEAM_RULE, check: SEAM_RULE, severity: 'warning', description: 'temporary deprecation seam', rationale: '-', remediation: '-', docs: '' }],
  },
};
