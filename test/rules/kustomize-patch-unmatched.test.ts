import { describe, expect, it } from 'vitest';
import { hasKubectl, kustomizeBuild, NO_KUBECTL } from '../support/kubectl.js';
import { ruleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';
import { bootstrap, configMap, helmRelease, kustomization } from './flux-fixtures.js';

const k = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const component = (body: string) => `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n${body}`;
/** A `patches` entry with an inline strategic-merge patch (line 1 is `- patch: |`). */
const inlinePatch = (apiVersion: string, kind: string, name: string, namespace?: string) =>
  [
    '  - patch: |',
    `      apiVersion: ${apiVersion}`,
    `      kind: ${kind}`,
    '      metadata:',
    `        name: ${name}`,
    ...(namespace ? [`        namespace: ${namespace}`] : []),
    '      data:',
    '        patched: "true"',
    '',
  ].join('\n');
const podinfo = helmRelease('podinfo', 'podinfo', 'podinfo');
const FAILS = 'failed to find unique target for patch';
const unmatched = (what: string, build: string, hint = '') =>
  `strategic-merge patch of ${what} matches no object in the build of ${build}: kustomize fails with "${FAILS}"${hint}`;

/** Cases whose `build` directory kubectl kustomize can build as it is (no Flux additions, nothing remote). */
type Oracle = { build?: string };

const valid: (ValidCase & Oracle)[] = [
  {
    name: 'a patch naming its object exactly',
    build: 'apps/prod',
    files: {
      'apps/podinfo/release.yaml': podinfo,
      'apps/podinfo/kustomization.yaml': k('resources:\n  - release.yaml\n'),
      'apps/prod/kustomization.yaml': k(`resources:\n  - ../podinfo\npatches:\n${inlinePatch('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'podinfo', 'podinfo')}`),
    },
  },
  {
    name: "a patch naming the object as it was before the base's namePrefix and namespace",
    build: 'overlay',
    files: {
      'base/cm.yaml': configMap('settings'),
      'base/kustomization.yaml': k('namePrefix: team-\nnamespace: team\nresources:\n  - cm.yaml\n'),
      'overlay/kustomization.yaml': k(`resources:\n  - ../base\npatches:\n${inlinePatch('v1', 'ConfigMap', 'settings')}`),
    },
  },
  {
    name: "a patch without namespace over an object the kustomization's own namespace: will move",
    build: 'app',
    files: {
      'app/cm.yaml': configMap('settings'),
      'app/kustomization.yaml': k(`namespace: team\nresources:\n  - cm.yaml\npatchesStrategicMerge:\n  - patch.yaml\n`),
      'app/patch.yaml': configMap('settings'),
    },
  },
  {
    name: 'a targeted patch that selects nothing is accepted by kustomize',
    build: 'app',
    files: {
      'app/cm.yaml': configMap('settings'),
      'app/kustomization.yaml': k(
        'resources:\n  - cm.yaml\npatches:\n  - target:\n      kind: ConfigMap\n      name: other\n    patch: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: other\n      data:\n        a: b\n',
      ),
    },
  },
  {
    name: 'a patch over a ConfigMap a generator makes',
    build: 'app',
    files: {
      'app/kustomization.yaml': k(`configMapGenerator:\n  - name: settings\n    literals: [a=b]\npatches:\n${inlinePatch('v1', 'ConfigMap', 'settings')}`),
    },
  },
  {
    name: 'a build with a remote base: its objects are not known here',
    files: {
      'app/kustomization.yaml': k(`resources:\n  - https://github.com/example/apps//podinfo?ref=v1\npatches:\n${inlinePatch('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'podinfo')}`),
    },
  },
  {
    name: 'an archived Flux Kustomization nothing applies, in a repo with a bootstrapped cluster',
    files: {
      ...bootstrap('prod'),
      'clusters/prod/apps.yaml': kustomization('apps', './apps'),
      'archive/old/ks.yaml': kustomization('old', './archive/old'),
      'apps/kustomization.yaml': k('resources:\n  - cm.yaml\n'),
      'apps/cm.yaml': configMap('settings', 'default'),
      'archive/old/kustomization.yaml': k(`resources:\n  - cm.yaml\npatches:\n${inlinePatch('v1', 'ConfigMap', 'gone')}`),
      'archive/old/cm.yaml': configMap('settings', 'default'),
    },
  },
];

const invalid: (InvalidCase & Oracle)[] = [
  {
    name: 'a v2beta1 patch over a v2 HelmRelease, in an overlay of a repo without Flux roots',
    build: 'apps/prod',
    files: {
      'apps/podinfo/release.yaml': podinfo,
      'apps/podinfo/kustomization.yaml': k('resources:\n  - release.yaml\n'),
      'apps/prod/kustomization.yaml': k(`resources:\n  - ../podinfo\npatches:\n${inlinePatch('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease', 'podinfo', 'podinfo')}`),
    },
    errors: [
      {
        file: 'apps/prod/kustomization.yaml',
        line: 6,
        column: 5,
        message: unmatched(
          'HelmRelease podinfo in namespace "podinfo" (helm.toolkit.fluxcd.io/v2beta1)',
          'apps/prod/kustomization.yaml',
          "; the build has HelmRelease podinfo as helm.toolkit.fluxcd.io/v2; a patch's apiVersion must match",
        ),
      },
    ],
  },
  {
    name: 'a patch without namespace over an object in another namespace',
    build: 'app',
    files: {
      'app/release.yaml': podinfo,
      'app/kustomization.yaml': k(`resources:\n  - release.yaml\npatches:\n${inlinePatch('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'podinfo')}`),
    },
    errors: [
      {
        file: 'app/kustomization.yaml',
        line: 6,
        message: unmatched(
          'HelmRelease podinfo (helm.toolkit.fluxcd.io/v2)',
          'app/kustomization.yaml',
          '; the build has HelmRelease podinfo in namespace "podinfo" when the patch is applied, and the patch names no namespace (meaning "default"): ' +
            "the namespaces must match (a kustomization's namespace: is set after its patches run)",
        ),
      },
    ],
  },
  {
    name: 'a patchesStrategicMerge file naming an object the build does not have',
    build: 'app',
    files: {
      'app/cm.yaml': configMap('settings'),
      'app/kustomization.yaml': k('resources:\n  - cm.yaml\npatchesStrategicMerge:\n  - patch.yaml\n'),
      'app/patch.yaml': configMap('setings'),
    },
    errors: [{ file: 'app/kustomization.yaml', line: 6, message: unmatched('ConfigMap setings (v1)', 'app/kustomization.yaml') }],
  },
  {
    name: "a component's patch fails the build of the kustomization including it",
    build: 'app',
    files: {
      'app/cm.yaml': configMap('settings'),
      'app/kustomization.yaml': k('resources:\n  - cm.yaml\ncomponents:\n  - ../monitoring\n'),
      'monitoring/kustomization.yaml': component(`patches:\n${inlinePatch('v1', 'ConfigMap', 'metrics')}`),
    },
    errors: [{ file: 'monitoring/kustomization.yaml', line: 4, message: unmatched('ConfigMap metrics (v1)', 'app/kustomization.yaml') }],
  },
  {
    name: "a Flux Kustomization's spec.patches entry without target, on a bootstrapped cluster",
    files: {
      ...bootstrap('prod'),
      'clusters/prod/apps.yaml': kustomization('apps', './apps', [
        'patches:',
        '  - patch: |',
        '      apiVersion: helm.toolkit.fluxcd.io/v2beta1',
        '      kind: HelmRelease',
        '      metadata:',
        '        name: podinfo',
        '        namespace: podinfo',
        '      spec:',
        '        interval: 1m',
      ]),
      'apps/kustomization.yaml': k('resources:\n  - release.yaml\n'),
      'apps/release.yaml': podinfo,
    },
    errors: [
      {
        file: 'clusters/prod/apps.yaml',
        line: 14,
        message: unmatched(
          'HelmRelease podinfo in namespace "podinfo" (helm.toolkit.fluxcd.io/v2beta1)',
          'Flux Kustomization "apps" (clusters/prod/apps.yaml)',
          "; the build has HelmRelease podinfo as helm.toolkit.fluxcd.io/v2; a patch's apiVersion must match",
        ),
      },
    ],
  },
  {
    name: 'a kustomization a cluster builds, in a repo with a bootstrapped cluster',
    files: {
      ...bootstrap('prod'),
      'clusters/prod/apps.yaml': kustomization('apps', './apps/prod'),
      'apps/prod/kustomization.yaml': k(`resources:\n  - cm.yaml\npatches:\n${inlinePatch('v1', 'ConfigMap', 'setings', 'default')}`),
      'apps/prod/cm.yaml': configMap('settings', 'default'),
    },
    errors: [{ file: 'apps/prod/kustomization.yaml', line: 6, message: unmatched('ConfigMap setings in namespace "default" (v1)', 'apps/prod/kustomization.yaml') }],
  },
];

ruleTester.run('kustomize-patch-unmatched', { valid, invalid });

describe.skipIf(!hasKubectl)(`kustomize-patch-unmatched as kubectl kustomize builds (${hasKubectl ? 'kubectl found' : NO_KUBECTL})`, () => {
  it.each(valid.filter((c) => c.build))('builds: $name', ({ files, build }) => {
    const built = kustomizeBuild(files, build);
    expect('error' in built ? built.error : '').toBe('');
  });
  it.each(invalid.filter((c) => c.build))('fails: $name', ({ files, build }) => {
    const built = kustomizeBuild(files, build);
    expect('error' in built ? built.error : 'built without error').toContain(FAILS);
  });
});
