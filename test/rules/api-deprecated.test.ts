import { describe, expect, it } from 'vitest';
import { ruleTester, lintRule, writeRepo } from '../support/rule-tester.js';
import { bootstrap, kustomization } from './flux-fixtures.js';

/** A HelmRelease at `apiVersion`: line 1 is the apiVersion. */
const helmRelease = (apiVersion: string) =>
  [
    `apiVersion: ${apiVersion}`,
    'kind: HelmRelease',
    'metadata:',
    '  name: podinfo',
    '  namespace: default',
    'spec:',
    '  interval: 10m',
    '  chart:',
    '    spec:',
    '      chart: podinfo',
    '      sourceRef:',
    '        kind: HelmRepository',
    '        name: podinfo',
    '',
  ].join('\n');

const object = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: default\nspec: {}\n`;

const v2beta2Deprecated = (target: string) =>
  `helm.toolkit.fluxcd.io/v2beta2 HelmRelease is deprecated since Flux 2.3 and removed in 2.8 (target ${target}): use helm.toolkit.fluxcd.io/v2; --fix can do this`;
const v2beta2Removed = (target: string) =>
  `helm.toolkit.fluxcd.io/v2beta2 HelmRelease was deprecated in Flux 2.3 and removed in 2.8 (target ${target}): use helm.toolkit.fluxcd.io/v2; --fix can do this`;

/** Two bootstrap clusters that both apply ./apps. */
const twoClusters = {
  ...bootstrap('prod'),
  ...bootstrap('staging'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps'),
  'clusters/staging/apps.yaml': kustomization('apps', './apps'),
  'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - podinfo.yaml\n',
  'apps/podinfo.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta2'),
};

/** A v1 Receiver whose spec.resources name a GitRepository (line 10) and a Kustomization (line 14) at these apiVersions. */
const receiver = (git: string, ks: string) =>
  [
    'apiVersion: notification.toolkit.fluxcd.io/v1',
    'kind: Receiver',
    'metadata:',
    '  name: github',
    '  namespace: flux-system',
    'spec:',
    '  type: github',
    '  secretRef: {name: webhook-token}',
    '  resources:',
    `    - apiVersion: ${git}`,
    '      kind: GitRepository',
    '      name: flux-system',
    '    - kind: Kustomization # the apps',
    `      apiVersion: ${ks} # was beta`,
    '      name: apps',
    '',
  ].join('\n');

ruleTester.run('api-deprecated', {
  valid: [
    { name: 'current Flux, Kubernetes and companion apiVersions', files: { 'a.yaml': `${helmRelease('helm.toolkit.fluxcd.io/v2')}---\n${object('policy/v1', 'PodDisruptionBudget')}---\n${object('external-secrets.io/v1', 'ExternalSecret')}` } },
    { name: 'HelmRelease v2beta2 on Flux 2.2, before it was deprecated', files: { 'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta2') }, config: { fluxVersion: '2.2' } },
    { name: 'policy/v1beta1 PodDisruptionBudget on Kubernetes 1.20, before it was deprecated', files: { 'pdb.yaml': object('policy/v1beta1', 'PodDisruptionBudget') }, config: { kubernetesVersion: '1.20' } },
    { name: 'a version no release served is api-version-unknown, not this rule', files: { 'r.yaml': object('notification.toolkit.fluxcd.io/v1beta3', 'Receiver') } },
    {
      name: 'with cluster roots, an archived object no cluster applies is not judged',
      files: { ...bootstrap('prod'), '.archive/old/podinfo.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta1') },
    },
    { name: 'Receiver resources at served versions', files: { 'r.yaml': receiver('source.toolkit.fluxcd.io/v1', 'kustomize.toolkit.fluxcd.io/v1') } },
    { name: 'kustomize files are not objects', files: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n' } },
  ],
  invalid: [
    {
      name: 'Receiver spec.resources at versions Flux 2.8 stopped serving: notification-controller asks for them there',
      files: { 'r.yaml': receiver('source.toolkit.fluxcd.io/v1beta2', '"kustomize.toolkit.fluxcd.io/v1beta2"') },
      config: { fluxVersion: '2.8' },
      errors: [
        {
          file: 'r.yaml',
          line: 10,
          column: 19,
          message:
            'spec.resources[0] of Receiver github names source.toolkit.fluxcd.io/v1beta2 GitRepository, which was deprecated in Flux 2.0 and removed in 2.8 (target Flux 2.8): notification-controller asks for the object at that version; use source.toolkit.fluxcd.io/v1; --fix can do this',
          fix: { output: receiver('source.toolkit.fluxcd.io/v1', '"kustomize.toolkit.fluxcd.io/v1beta2"') },
        },
        {
          file: 'r.yaml',
          line: 14,
          message: /^spec.resources\[1\] of Receiver github names kustomize.toolkit.fluxcd.io\/v1beta2 Kustomization, which .*; use kustomize.toolkit.fluxcd.io\/v1; --fix can do this$/,
          // Quotes and the comment stay.
          fix: { output: receiver('source.toolkit.fluxcd.io/v1beta2', '"kustomize.toolkit.fluxcd.io/v1"') },
        },
      ],
    },
    { name: 'HelmRelease v2beta2: a warning for Flux 2.7', files: { 'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta2') }, config: { fluxVersion: '2.7' }, errors: [{ file: 'hr.yaml', line: 1, column: 13, message: v2beta2Deprecated('Flux 2.7'), fix: { output: helmRelease('helm.toolkit.fluxcd.io/v2') } }] },
    { name: 'HelmRelease v2beta2: an error for Flux 2.8', files: { 'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta2') }, config: { fluxVersion: 'v2.8.0' }, errors: [{ file: 'hr.yaml', line: 1, message: v2beta2Removed('Flux 2.8.0') }] },
    { name: 'default target: the newest Flux in the table (2.9)', files: { 'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta1') }, errors: [{ file: 'hr.yaml', line: 1, message: 'helm.toolkit.fluxcd.io/v2beta1 HelmRelease was deprecated in Flux 2.2 and removed in 2.7 (target Flux 2.9): use helm.toolkit.fluxcd.io/v2; --fix can do this' }] },
    {
      name: 'the replacement is what the target serves: v2beta1 on Flux 2.2 moves to v2beta2',
      files: { 'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta1') },
      config: { fluxVersion: '2.2' },
      errors: [{ file: 'hr.yaml', line: 1, message: 'helm.toolkit.fluxcd.io/v2beta1 HelmRelease is deprecated since Flux 2.2 and removed in 2.7 (target Flux 2.2): use helm.toolkit.fluxcd.io/v2beta2; --fix can do this' }],
    },
    {
      name: 'microsoft.flux@1.24.1 runs Flux 2.7.5: upstream still serves v2beta2 (a warning), v2beta1 is gone',
      files: { 'hr.yaml': `${helmRelease('helm.toolkit.fluxcd.io/v2beta2')}---\n${helmRelease('helm.toolkit.fluxcd.io/v2beta1')}` },
      config: { fluxVersion: 'microsoft.flux@1.24.1' },
      errors: [
        { file: 'hr.yaml', line: 1, message: v2beta2Deprecated('Flux 2.7.5 (microsoft.flux 1.24.1)') },
        { file: 'hr.yaml', line: 15, message: /^helm.toolkit.fluxcd.io\/v2beta1 HelmRelease was deprecated in Flux 2.2 and removed in 2.7 \(target Flux 2.7.5 \(microsoft.flux 1.24.1\)\)/ },
      ],
    },
    {
      name: 'microsoft.flux@1.22.2 runs Flux 2.6.4, which still serves v2beta1',
      files: { 'hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta1') },
      config: { fluxVersion: 'microsoft.flux@1.22.2' },
      errors: [{ file: 'hr.yaml', line: 1, message: /^helm.toolkit.fluxcd.io\/v2beta1 HelmRelease is deprecated since Flux 2.2 and removed in 2.7 \(target Flux 2.6.4 \(microsoft.flux 1.22.2\)\): use helm.toolkit.fluxcd.io\/v2;/ }],
    },
    {
      name: 'per-cluster targets: an object two clusters apply is judged against each',
      files: twoClusters,
      config: { fluxVersion: '2.7', clusters: { prod: { fluxVersion: '2.8' } } },
      errors: [
        { file: 'apps/podinfo.yaml', line: 1, message: v2beta2Removed('Flux 2.8 on cluster prod') },
        { file: 'apps/podinfo.yaml', line: 1, message: v2beta2Deprecated('Flux 2.7 on cluster staging') },
      ],
    },
    {
      name: 'clusters sharing a target get one finding naming both',
      files: twoClusters,
      config: { fluxVersion: '2.8', clusters: { other: { fluxVersion: '2.7' } } },
      errors: [{ file: 'apps/podinfo.yaml', line: 1, message: v2beta2Removed('Flux 2.8 on clusters prod, staging') }],
    },
    {
      name: 'Kubernetes removal: policy/v1beta1 PodDisruptionBudget on 1.25 and later',
      files: { 'pdb.yaml': object('policy/v1beta1', 'PodDisruptionBudget') },
      config: { kubernetesVersion: '1.25' },
      errors: [{ file: 'pdb.yaml', line: 1, message: 'policy/v1beta1 PodDisruptionBudget was deprecated in Kubernetes 1.21 and removed in 1.25 (target Kubernetes 1.25): use policy/v1; --fix cannot do this (its selector is empty: policy/v1beta1 selects no pod with it, policy/v1 every pod of the namespace; give it a selector first)' }],
    },
    {
      name: 'Kubernetes 1.21 to 1.24: deprecated, still served',
      files: { 'pdb.yaml': object('policy/v1beta1', 'PodDisruptionBudget') },
      config: { kubernetesVersion: 'v1.24.3' },
      errors: [{ file: 'pdb.yaml', line: 1, message: 'policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1.21 and removed in 1.25 (target Kubernetes 1.24): use policy/v1; --fix cannot do this (its selector is empty: policy/v1beta1 selects no pod with it, policy/v1 every pod of the namespace; give it a selector first)' }],
    },
    {
      name: 'removals up to Kubernetes 1.36, beyond the bundled schemas',
      files: { 'dra.yaml': object('resource.k8s.io/v1beta1', 'ResourceClaim') },
      config: { kubernetesVersion: '1.36' },
      errors: [{ file: 'dra.yaml', line: 1, message: /^resource.k8s.io\/v1beta1 ResourceClaim was deprecated in Kubernetes 1.33 and removed in 1.36 \(target Kubernetes 1.36\)/ }],
    },
    {
      name: 'default Kubernetes target (1.35): resource.k8s.io/v1beta1 is deprecated, not removed',
      files: { 'dra.yaml': object('resource.k8s.io/v1beta1', 'ResourceClaim') },
      errors: [{ file: 'dra.yaml', line: 1, message: /^resource.k8s.io\/v1beta1 ResourceClaim is deprecated since Kubernetes 1.33 and removed in 1.36 \(target Kubernetes 1.35\)/ }],
    },
    {
      name: 'companions: external-secrets v1beta1 is not served, cert-manager v1alpha2 is gone, Kyverno v2beta1 deprecated',
      files: { 'c.yaml': `${object('external-secrets.io/v1beta1', 'ExternalSecret')}---\n${object('cert-manager.io/v1alpha2', 'Certificate')}---\n${object('kyverno.io/v2beta1', 'PolicyException')}` },
      errors: [
        { file: 'c.yaml', line: 1, message: 'external-secrets.io/v1beta1 ExternalSecret was deprecated in external-secrets v0.17.0 and is not served by external-secrets since v0.17.0: use external-secrets.io/v1; --fix cannot do this' },
        { file: 'c.yaml', line: 8, message: 'cert-manager.io/v1alpha2 Certificate was deprecated in cert-manager v1.4.0 and is not served by cert-manager since v1.6.0: use cert-manager.io/v1; --fix cannot do this' },
        { file: 'c.yaml', line: 15, message: 'kyverno.io/v2beta1 PolicyException is deprecated since kyverno v1.13.0: use kyverno.io/v2; --fix cannot do this' },
      ],
    },
    {
      name: 'the Helm Operator HelmRelease (Flux v1)',
      files: { 'hr.yaml': object('helm.fluxcd.io/v1', 'HelmRelease') },
      errors: [{ file: 'hr.yaml', line: 1, message: /^helm.fluxcd.io\/v1 HelmRelease belongs to the Flux v1 Helm Operator \(Flux Legacy\), archived 2022-11-01: no Flux v2 controller serves it: use helm.toolkit.fluxcd.io\/v2;/ }],
    },
    {
      name: 'a patch written at a removed apiVersion is reported too (it must move with its object)',
      files: {
        'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - hr.yaml\npatches:\n  - path: patch.yaml\n',
        'apps/hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2'),
        'apps/patch.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2beta1\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: default\nspec:\n  interval: 5m\n',
      },
      errors: [{ file: 'apps/patch.yaml', line: 1, message: /^helm.toolkit.fluxcd.io\/v2beta1 HelmRelease was deprecated/ }],
    },
  ],
});

describe('api-deprecated severities', () => {
  it('reports a removed API as an error and a deprecated one as a warning, and never above the rule configured to warning', async () => {
    const dir = writeRepo({ 'a.yaml': `${helmRelease('helm.toolkit.fluxcd.io/v2beta1')}---\n${helmRelease('helm.toolkit.fluxcd.io/v2beta2')}` });
    const byTarget = await lintRule('api-deprecated', dir, { fluxVersion: '2.7' });
    expect(byTarget.map((f) => [f.line, f.severity])).toEqual([
      [1, 'error'],
      [15, 'warning'],
    ]);
    const lowered = await lintRule('api-deprecated', dir, { fluxVersion: '2.7', rules: { 'api-deprecated': 'warning' } });
    expect(lowered.map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('reports companion removals as warnings: no target says which release of the project a cluster runs', async () => {
    const dir = writeRepo({ 'a.yaml': object('external-secrets.io/v1beta1', 'ExternalSecret') });
    expect((await lintRule('api-deprecated', dir)).map((f) => f.severity)).toEqual(['warning']);
  });

  it('rejects a microsoft.flux version the table does not know, naming the known ones', async () => {
    const dir = writeRepo({ 'a.yaml': helmRelease('helm.toolkit.fluxcd.io/v2') });
    await expect(lintRule('api-deprecated', dir, { fluxVersion: 'microsoft.flux@9.9.9' })).rejects.toThrow(/fluxVersion: unknown microsoft.flux extension version 9.9.9 \(known: 1.24.1, /);
    await expect(lintRule('api-deprecated', dir, { clusters: { prod: { fluxVersion: 'two' } } })).rejects.toThrow(/clusters.prod.fluxVersion: must be a Flux version/);
  });
});
