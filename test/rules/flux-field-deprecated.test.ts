import { ruleTester } from '../support/rule-tester.js';

/** A Flux Kustomization at `apiVersion` with `extra` lines under spec from line 13. */
const kustomization = (apiVersion: string, extra: string[]) =>
  [`apiVersion: ${apiVersion}`, 'kind: Kustomization', 'metadata:', '  name: apps', '  namespace: flux-system', 'spec:', '  interval: 10m', '  path: ./apps', '  prune: true', '  sourceRef:', '    kind: GitRepository', '    name: flux-system', ...extra.map((l) => `  ${l}`), ''].join('\n');

/** A HelmRelease at `apiVersion` whose chart spec holds `chart` lines (from line 10) and spec `extra` lines after it. */
const helmRelease = (apiVersion: string, chart: string[], extra: string[] = []) =>
  [`apiVersion: ${apiVersion}`, 'kind: HelmRelease', 'metadata:', '  name: podinfo', 'spec:', '  interval: 10m', '  chart:', '    spec:', '      chart: podinfo', ...chart.map((l) => `      ${l}`), ...extra.map((l) => `  ${l}`), ''].join('\n');

ruleTester.run('flux-field-deprecated', {
  valid: [
    { name: 'v1 Kustomization with spec.patches', files: { 'k.yaml': kustomization('kustomize.toolkit.fluxcd.io/v1', ['patches: []']) } },
    { name: 'the same field name in another kind', files: { 'k.yaml': helmRelease('helm.toolkit.fluxcd.io/v2', ['valuesFiles: [values.yaml]'], ['validation: client']) } },
    { name: 'Alert summary before Flux 2.5 deprecated it', files: { 'a.yaml': 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: a\nspec:\n  summary: hi\n' }, config: { fluxVersion: '2.4' } },
    { name: 'HelmRepository type default', files: { 'r.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: r\nspec:\n  type: default\n  url: https://x\n' } },
  ],
  invalid: [
    {
      name: 'Kustomization v1beta2 validation: a warning while Flux 2.7 serves v1beta2',
      files: { 'k.yaml': kustomization('kustomize.toolkit.fluxcd.io/v1beta2', ['validation: client']) },
      config: { fluxVersion: '2.7' },
      errors: [
        {
          file: 'k.yaml',
          line: 13,
          column: 3,
          message: 'spec.validation of Kustomization kustomize.toolkit.fluxcd.io/v1beta2 is deprecated since Flux 0.18 and gone from the Kustomization versions of Flux 2.0 on (target Flux 2.7): delete it; --fix can do this',
          // The same edit as api-deprecated's: the object moves to the version Flux 2.7 serves, without the field.
          fix: { output: kustomization('kustomize.toolkit.fluxcd.io/v1', []) },
        },
      ],
    },
    {
      name: 'and an error once the target serves no version with it (Flux 2.8)',
      files: { 'k.yaml': kustomization('kustomize.toolkit.fluxcd.io/v1beta2', ['patchesStrategicMerge:', '  - kind: Deployment', '    metadata:', '      name: web']) },
      config: { fluxVersion: '2.8' },
      errors: [
        {
          file: 'k.yaml',
          line: 13,
          message: 'spec.patchesStrategicMerge of Kustomization kustomize.toolkit.fluxcd.io/v1beta2 is deprecated since Flux 0.18 and is in no Kustomization version the target serves (target Flux 2.8): use spec.patches; --fix can do this',
          fix: { output: kustomization('kustomize.toolkit.fluxcd.io/v1', ['patches:', '  - patch: |', '      kind: Deployment', '      metadata:', '        name: web']) },
        },
      ],
    },
    {
      name: 'HelmRelease valuesFile and post-renderer patches, at each item',
      files: {
        'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta2', ['valuesFile: values.yaml'], ['postRenderers:', '  - kustomize:', '      patchesJson6902: []', '  - kustomize:', '      patchesStrategicMerge: []']),
      },
      config: { fluxVersion: '2.7' },
      errors: [
        { file: 'hr.yaml', line: 10, message: /^spec.chart.spec.valuesFile of HelmRelease helm.toolkit.fluxcd.io\/v2beta2 is deprecated since Flux 0.13 and gone from the HelmRelease versions of Flux 2.3 on \(target Flux 2.7\): use spec.chart.spec.valuesFiles;/ },
        { file: 'hr.yaml', line: 13, message: /^spec.postRenderers\[0\].kustomize.patchesJson6902 of HelmRelease .* use spec.postRenderers\[\].kustomize.patches;/ },
        { file: 'hr.yaml', line: 15, message: /^spec.postRenderers\[1\].kustomize.patchesStrategicMerge of HelmRelease/ },
      ],
    },
    {
      name: 'a field deprecated in the current version: HelmRelease v2 install.skipCRDs true is left to a person',
      files: { 'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2', [], ['install:', '  skipCRDs: true']) },
      errors: [
        {
          file: 'hr.yaml',
          line: 11,
          message:
            'spec.install.skipCRDs of HelmRelease helm.toolkit.fluxcd.io/v2 is deprecated since Flux 0.13 (target Flux 2.9): use spec.install.crds; --fix cannot do this (helm-controller ignores skipCRDs since Flux 2.2 and installs CRDs as spec.install.crds says (default Create): write crds: Skip to skip them as skipCRDs asks, or delete skipCRDs to keep what installs do now)',
          fix: null,
        },
      ],
    },
    {
      name: 'install.skipCRDs false next to a crds policy is deleted; rollback.recreate on Flux 2.8',
      files: { 'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2', [], ['install:', '  crds: CreateReplace', '  skipCRDs: false # was the default', 'rollback:', '  recreate: true']) },
      config: { fluxVersion: '2.8' },
      errors: [
        {
          file: 'hr.yaml',
          line: 12,
          message: 'spec.install.skipCRDs of HelmRelease helm.toolkit.fluxcd.io/v2 is deprecated since Flux 0.13 (target Flux 2.8): use spec.install.crds; --fix can do this',
          fix: { output: helmRelease('helm.toolkit.fluxcd.io/v2', [], ['install:', '  crds: CreateReplace', '  # was the default', 'rollback:', '  recreate: true']) },
        },
        {
          file: 'hr.yaml',
          line: 14,
          message: 'spec.rollback.recreate of HelmRelease helm.toolkit.fluxcd.io/v2 is deprecated since Flux 2.8 (target Flux 2.8): delete it; --fix can do this',
          fix: { output: helmRelease('helm.toolkit.fluxcd.io/v2', [], ['install:', '  crds: CreateReplace', '  skipCRDs: false # was the default']) },
        },
      ],
    },
    {
      name: 'GitRepository gitImplementation and Alert summary',
      files: {
        'g.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: GitRepository\nmetadata:\n  name: g\nspec:\n  gitImplementation: go-git\n  url: https://x\n',
        'a.yaml': 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: a\nspec:\n  summary: hi\n',
      },
      errors: [
        { file: 'g.yaml', line: 6, message: /^spec.gitImplementation of GitRepository source.toolkit.fluxcd.io\/v1beta2 is deprecated since Flux 0.37 and is in no GitRepository version the target serves \(target Flux 2.9\): delete it;/ },
        {
          file: 'a.yaml',
          line: 6,
          message: 'spec.summary of Alert notification.toolkit.fluxcd.io/v1beta3 is deprecated since Flux 2.5 (target Flux 2.9): use spec.eventMetadata.summary; --fix can do this',
          fix: { output: 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: a\nspec:\n  eventMetadata:\n    summary: hi\n' },
        },
      ],
    },
    {
      name: 'Provider v1beta3: interval deleted (unused), proxy left to a person with what to write',
      files: { 'p.yaml': 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata:\n  name: p\nspec:\n  type: slack\n  interval: 5m\n  proxy: http://proxy:3128\n' },
      errors: [
        {
          file: 'p.yaml',
          line: 7,
          message: 'spec.interval of Provider notification.toolkit.fluxcd.io/v1beta3 is deprecated since Flux 2.2 (target Flux 2.9): delete it; --fix can do this',
          fix: { output: 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata:\n  name: p\nspec:\n  type: slack\n  proxy: http://proxy:3128\n' },
        },
        {
          file: 'p.yaml',
          line: 8,
          message: /^spec.proxy of Provider notification.toolkit.fluxcd.io\/v1beta3 is deprecated since Flux 2.7 \(target Flux 2.9\): use spec.proxySecretRef .*; --fix cannot do this \(put the proxy URL in a Secret under the key address .* and name that Secret in spec.proxySecretRef; --fix writes no Secrets\)$/,
          fix: null,
        },
      ],
    },
    {
      name: 'a commit template using data Flux 2.7 no longer provides, and HelmRepository type oci (info)',
      files: {
        'u.yaml': 'apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageUpdateAutomation\nmetadata:\n  name: u\nspec:\n  git:\n    commit:\n      messageTemplate: "{{ range .Updated.Images }}{{ . }}{{ end }}"\n',
        'r.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: r\nspec:\n  type: oci\n  url: oci://ghcr.io/x\n',
      },
      config: { fluxVersion: '2.8' },
      errors: [
        {
          file: 'u.yaml',
          line: 8,
          message:
            /^spec.git.commit.messageTemplate of ImageUpdateAutomation image.toolkit.fluxcd.io\/v1beta2 uses data Flux 2.7 no longer provides \(.Updated, .Changed.ImageResult\) .*; --fix cannot do this \(a Go template is rewritten by a person: where it ranged over .Updated.Images, \{\{ range .Changed.Changes \}\}\{\{ .NewValue \}\}\{\{ end \}\} lists the new image references/,
          fix: null,
        },
        { file: 'r.yaml', line: 6, message: /^spec.type of HelmRepository source.toolkit.fluxcd.io\/v1 is discouraged since Flux 2.8 \(target Flux 2.8\): use OCIRepository \+ HelmRelease spec.chartRef;/ },
      ],
    },
  ],
});
