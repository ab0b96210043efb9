import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, helmRelease, helmRepository, kustomization } from './flux-fixtures.js';

const release = (version: string | undefined, kind = 'HelmRepository') => {
  const text = helmRelease('podinfo', 'flux-system', 'podinfo').replace('kind: HelmRepository', `kind: ${kind}`);
  return version === undefined ? text.replace("      version: '6.x'\n", '') : text.replace("'6.x'", version);
};
const repo = (r: string) => ({ ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/repo.yaml': helmRepository('podinfo'), 'apps/release.yaml': r });

ruleTester.run('helmrelease-chart-unpinned', {
  valid: [
    { name: 'exact version', files: repo(release('6.5.4')) },
    { name: 'exact version with v and pre-release', files: repo(release('v6.5.4-rc.1')) },
    { name: 'chart from a GitRepository ignores the version', files: repo(release("'*'", 'GitRepository')) },
    { name: 'a ${VAR} filled by post-build substitution', files: repo(release('${PODINFO_VERSION}')) },
    {
      name: 'outside the configured production paths',
      files: repo(release("'6.x'")),
      config: { rules: { 'helmrelease-chart-unpinned': { params: { paths: ['clusters/production/**'] } } } },
    },
  ],
  invalid: [
    {
      name: 'a 6.x range',
      files: repo(release("'6.x'")),
      errors: [
        {
          file: 'apps/release.yaml',
          line: 11,
          column: 16,
          message: 'HelmRelease "podinfo" chart version "6.x" is a range: Flux upgrades to every matching chart release on its own; pin an exact version (e.g. 1.2.3)',
        },
      ],
    },
    { name: 'a caret range', files: repo(release("'^6.0.0'")), errors: [{ file: 'apps/release.yaml', line: 11, message: /chart version "\^6\.0\.0" is a range/ }] },
    { name: 'a partial version (6.5 = 6.5.x)', files: repo(release('6.5')), errors: [{ file: 'apps/release.yaml', line: 11, message: /chart version "6\.5" is a range/ }] },
    {
      name: 'no version: newest chart',
      files: repo(release(undefined)),
      errors: [{ file: 'apps/release.yaml', line: 9, message: /^HelmRelease "podinfo" does not set spec\.chart\.spec\.version: Flux installs the newest chart/ }],
    },
    {
      name: 'a range set by an overlay patch: at the patch file',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps/prod'),
        'apps/base/kustomization.yaml': 'resources:\n  - release.yaml\n  - repo.yaml\n',
        'apps/base/release.yaml': release('6.5.4'),
        'apps/base/repo.yaml': helmRepository('podinfo'),
        'apps/prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: version.yaml\n',
        'apps/prod/version.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: flux-system\nspec:\n  chart:\n    spec:\n      version: ">=6.0.0"\n',
      },
      errors: [{ file: 'apps/prod/version.yaml', line: 9, message: /chart version ">=6\.0\.0" is a range/ }],
    },
  ],
});
