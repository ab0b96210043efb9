import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, configMap, kustomization } from './flux-fixtures.js';

const kustomizationFile = (lines: string[]) => ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', ...lines, ''].join('\n');
const generic = 'add it to a kustomization.yaml resources list or to a directory a Flux Kustomization spec.path applies';

/** prod applies apps/prod, which lists deploy.yaml and the base. */
const fleet = {
  ...bootstrap('prod'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps/prod'),
  'apps/base/kustomization.yaml': kustomizationFile(['resources:', '  - settings.yaml']),
  'apps/base/settings.yaml': configMap('settings', 'podinfo'),
  'apps/prod/kustomization.yaml': kustomizationFile(['resources:', '  - ../base', '  - deploy.yaml', 'patches:', '  - path: settings-patch.yaml']),
  'apps/prod/deploy.yaml': configMap('deploy', 'podinfo'),
  'apps/prod/settings-patch.yaml': configMap('settings', 'podinfo'),
};

/** Tool configuration with apiVersion/kind that the loader does not know (Talos machine configs). */
const talos = (group: string) => `apiVersion: ${group}/v1alpha1
kind: MachineConfig
metadata:
  name: node-1
`;
/** orphan-manifest with ignoreApiGroups set. */
const ignoring = (...groups: string[]) => ({ rules: { 'orphan-manifest': { severity: 'warning' as const, params: { ignoreApiGroups: groups } } } });

const kindCluster = `apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
nodes:
  - role: control-plane
`;

ruleTester.run('orphan-manifest', {
  valid: [
    { name: 'everything applied, patches are not orphans', files: fleet },
    {
      name: 'manifests in hidden directories (.archive) are not deployed by convention',
      files: { ...fleet, '.archive/old/cm.yaml': configMap('old', 'podinfo') },
    },
    {
      name: 'a plain kustomize repo without Flux entry point',
      files: { 'base/kustomization.yaml': kustomizationFile(['resources:', '  - a.yaml']), 'base/a.yaml': configMap('a'), 'base/unused.yaml': configMap('unused') },
    },
    {
      name: 'Helm chart files and tool configuration',
      files: {
        ...fleet,
        'charts/podinfo/Chart.yaml': 'apiVersion: v2\nname: podinfo\nversion: 1.0.0\n',
        'charts/podinfo/crds/crd.yaml': configMap('not-a-crd-but-in-a-chart'),
        'hack/kind.yaml': kindCluster,
        '.taskfiles/restore.tmpl.yaml': configMap('${APP}-restore'),
      },
    },
    {
      name: 'ignoreApiGroups: documents of a listed group are tool configuration, in a loose file',
      files: { ...fleet, 'talos/node-1.yaml': talos('talos.dev') },
      config: ignoring('kustomize.config.k8s.io', 'talos.dev'),
    },
    {
      name: 'ignoreApiGroups: and under an unreached kustomization',
      files: {
        ...fleet,
        'talos/kustomization.yaml': kustomizationFile(['resources:', '  - node-1.yaml']),
        'talos/node-1.yaml': talos('talos.dev'),
      },
      config: ignoring('talos.dev'),
    },
  ],
  invalid: [
    {
      name: "under a Flux path without kustomization.yaml, Flux stops at the first kustomization: one it does not list is not built",
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps'),
        'apps/web/kustomization.yaml': kustomizationFile(['resources:', '  - cm.yaml']),
        'apps/web/cm.yaml': configMap('web', 'web'),
        'apps/web/extra/kustomization.yaml': kustomizationFile(['resources:', '  - cm.yaml']),
        'apps/web/extra/cm.yaml': configMap('extra', 'web'),
      },
      errors: [
        {
          file: 'apps/web/extra/kustomization.yaml',
          line: 1,
          message:
            'apps/web/extra/kustomization.yaml is not applied on any cluster, so its 1 object is never applied; add "apps/web/extra" to the resources of an applied kustomization.yaml or point a Flux Kustomization spec.path at ./apps/web/extra',
        },
      ],
    },
    {
      name: 'an archived app: one finding at its Flux Kustomization, none for its app folder',
      files: {
        ...fleet,
        'archive/old/ks.yaml': kustomization('old', './apps/old/app'),
        'archive/old/app/kustomization.yaml': kustomizationFile(['resources:', '  - cm.yaml']),
        'archive/old/app/cm.yaml': configMap('old', 'old'),
        'archive/old/app/extra.yaml': configMap('extra', 'old'),
      },
      errors: [
        {
          file: 'archive/old/ks.yaml',
          line: 1,
          message:
            'Kustomization "old" in archive/old/ks.yaml is not applied on any cluster: no cluster root reaches it; list archive/old/ks.yaml in the resources ' +
            'of an applied kustomization.yaml, or delete it (or move it to a hidden directory such as .archive/) if it is retired',
        },
      ],
    },
    {
      name: 'file next to an applied kustomization.yaml but not listed',
      files: { ...fleet, 'apps/prod/extra.yaml': configMap('extra', 'podinfo') },
      errors: [
        {
          file: 'apps/prod/extra.yaml',
          line: 1,
          column: 1,
          message: 'ConfigMap "extra" in apps/prod/extra.yaml is not applied on any cluster: nothing includes it; add it to the resources of apps/prod/kustomization.yaml',
        },
      ],
    },
    {
      name: 'a file nothing applies is one finding, at its first object',
      files: { ...fleet, 'misc/lost.yaml': `${configMap('lost')}---\n${configMap('found')}` },
      errors: [
        {
          file: 'misc/lost.yaml',
          line: 1,
          message: `misc/lost.yaml holds 2 objects and none is applied on any cluster: nothing includes the file; ${generic}`,
        },
      ],
    },
    {
      name: 'each orphan of a file that also holds tool configuration',
      files: { ...fleet, 'misc/lost.yaml': `${configMap('lost')}---\n${configMap('found')}---\n${kindCluster}` },
      errors: [
        { file: 'misc/lost.yaml', line: 1, message: `ConfigMap "lost" in misc/lost.yaml is not applied on any cluster: nothing includes it; ${generic}` },
        { file: 'misc/lost.yaml', line: 8, message: `ConfigMap "found" in misc/lost.yaml is not applied on any cluster: nothing includes it; ${generic}` },
      ],
    },
    {
      name: 'an unreached overlay is reported once, at its top-most kustomization',
      files: {
        ...fleet,
        'apps/staging/kustomization.yaml': kustomizationFile(['resources:', '  - ../base', '  - extra', '  - deploy.yaml']),
        'apps/staging/deploy.yaml': configMap('deploy', 'podinfo'),
        'apps/staging/extra/kustomization.yaml': kustomizationFile(['resources:', '  - cm.yaml']),
        'apps/staging/extra/cm.yaml': configMap('extra', 'podinfo'),
      },
      errors: [
        {
          file: 'apps/staging/kustomization.yaml',
          line: 1,
          message:
            'apps/staging/kustomization.yaml is not applied on any cluster, so its 2 objects are never applied; add "apps/staging" to the resources of an applied kustomization.yaml or point a Flux Kustomization spec.path at ./apps/staging',
        },
      ],
    },
    {
      name: 'ignoreApiGroups: a group that is not listed is still reported (default: none)',
      files: { ...fleet, 'talos/node-1.yaml': talos('talos.dev') },
      errors: [{ file: 'talos/node-1.yaml', line: 1, message: `MachineConfig "node-1" in talos/node-1.yaml is not applied on any cluster: nothing includes it; ${generic}` }],
    },
    {
      name: 'ignoreApiGroups: groups match exactly, not as a suffix',
      files: { ...fleet, 'talos/node-1.yaml': talos('config.talos.dev') },
      config: ignoring('talos.dev'),
      errors: [{ file: 'talos/node-1.yaml', line: 1, message: `MachineConfig "node-1" in talos/node-1.yaml is not applied on any cluster: nothing includes it; ${generic}` }],
    },
    {
      name: 'ignoreApiGroups: an unreached kustomization with other objects still counts those',
      files: {
        ...fleet,
        'talos/kustomization.yaml': kustomizationFile(['resources:', '  - node-1.yaml', '  - cm.yaml']),
        'talos/node-1.yaml': talos('talos.dev'),
        'talos/cm.yaml': configMap('talos-settings', 'default'),
      },
      config: ignoring('talos.dev'),
      errors: [
        {
          file: 'talos/kustomization.yaml',
          line: 1,
          message:
            'talos/kustomization.yaml is not applied on any cluster, so its 1 object is never applied; add "talos" to the resources of an applied kustomization.yaml or point a Flux Kustomization spec.path at ./talos',
        },
      ],
    },
    {
      name: 'a Flux Kustomization path elsewhere leaves a sibling directory orphaned',
      files: { ...fleet, 'apps/dev/cm.yaml': configMap('dev', 'podinfo') },
      errors: [{ file: 'apps/dev/cm.yaml', line: 1, message: `ConfigMap "dev" in apps/dev/cm.yaml is not applied on any cluster: nothing includes it; ${generic}` }],
    },
  ],
});
