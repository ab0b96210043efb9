import { describe, expect, it } from 'vitest';
import { lintRule, ruleTester, writeRepo } from '../support/rule-tester.js';

const object = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: default\nspec: {}\n`;

ruleTester.run('api-version-unknown', {
  valid: [
    { name: 'served Flux and built-in versions', files: { 'a.yaml': `${object('notification.toolkit.fluxcd.io/v1', 'Receiver')}---\n${object('apps/v1', 'Deployment')}` } },
    { name: 'deprecated and removed versions are api-deprecated', files: { 'a.yaml': `${object('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease')}---\n${object('policy/v1beta1', 'PodDisruptionBudget')}` } },
    { name: 'a kind the Flux group does not have (a typo) is left to schema-missing', files: { 'a.yaml': object('source.toolkit.fluxcd.io/v1', 'GitRepo') } },
    { name: 'custom resources of other groups', files: { 'a.yaml': object('acme.io/v1', 'Gadget') } },
    { name: 'a built-in version the target serves', files: { 'a.yaml': object('admissionregistration.k8s.io/v1beta1', 'MutatingAdmissionPolicy') }, config: { kubernetesVersion: '1.34' } },
    {
      name: 'a target minor whose schemas are not bundled: what it serves is unknown (MutatingAdmissionPolicy v1 is GA in 1.36)',
      files: { 'a.yaml': object('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy') },
      config: { kubernetesVersion: '1.36' },
    },
    { name: 'a $patch: delete patch removes its object', files: { 'p.yaml': `$patch: delete\n${object('apps/v1beta3', 'Deployment')}` } },
  ],
  invalid: [
    {
      name: 'a Receiver at v1beta3, a version only Alert and Provider have',
      files: { 'r.yaml': object('notification.toolkit.fluxcd.io/v1beta3', 'Receiver') },
      errors: [{ file: 'r.yaml', line: 1, column: 13, message: 'notification.toolkit.fluxcd.io/v1beta3 Receiver is a version no Flux release ever served (target Flux 2.9); Flux 2.9 serves notification.toolkit.fluxcd.io/v1' }],
    },
    {
      name: 'the served versions follow the target: Flux 2.7 still serves v1beta2',
      files: { 'r.yaml': object('notification.toolkit.fluxcd.io/v1beta3', 'Receiver') },
      config: { fluxVersion: '2.7' },
      errors: [{ file: 'r.yaml', line: 1, message: 'notification.toolkit.fluxcd.io/v1beta3 Receiver is a version no Flux release ever served (target Flux 2.7); Flux 2.7 serves notification.toolkit.fluxcd.io/v1beta2, notification.toolkit.fluxcd.io/v1' }],
    },
    {
      name: 'a version newer than the target: image v1 on Flux 2.6',
      files: { 'p.yaml': object('image.toolkit.fluxcd.io/v1', 'ImagePolicy') },
      config: { fluxVersion: '2.6' },
      errors: [{ file: 'p.yaml', line: 1, message: 'image.toolkit.fluxcd.io/v1 ImagePolicy is served from Flux 2.7 on (target Flux 2.6); Flux 2.6 serves image.toolkit.fluxcd.io/v1beta1, image.toolkit.fluxcd.io/v1beta2' }],
    },
    {
      name: 'a built-in version another bundled minor serves: MutatingAdmissionPolicy v1beta1 on 1.33',
      files: { 'm.yaml': object('admissionregistration.k8s.io/v1beta1', 'MutatingAdmissionPolicy') },
      config: { kubernetesVersion: '1.33' },
      errors: [
        {
          file: 'm.yaml',
          line: 1,
          message: 'admissionregistration.k8s.io/v1beta1 MutatingAdmissionPolicy is not served by Kubernetes 1.33 (Kubernetes 1.34, 1.35 serve it) (target Kubernetes 1.33); Kubernetes 1.33 serves admissionregistration.k8s.io/v1alpha1',
        },
      ],
    },
    {
      name: 'a built-in version no bundled minor serves',
      files: { 'd.yaml': object('apps/v1beta3', 'Deployment') },
      errors: [{ file: 'd.yaml', line: 1, message: 'apps/v1beta3 Deployment is not served by any Kubernetes release from 1.30 to 1.35 (target Kubernetes 1.35); Kubernetes 1.35 serves apps/v1' }],
    },
    {
      name: 'a version above every bundled one: a newer Kubernetes may serve it (a warning saying how to target it)',
      files: { 'm.yaml': object('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy') },
      errors: [
        {
          file: 'm.yaml',
          line: 1,
          message:
            'admissionregistration.k8s.io/v1 MutatingAdmissionPolicy is newer than every version Kubernetes 1.30 to 1.35 serves (target Kubernetes 1.35); Kubernetes 1.35 serves admissionregistration.k8s.io/v1alpha1, admissionregistration.k8s.io/v1beta1 (if the cluster runs a newer Kubernetes, say so with --kubernetes-version)',
        },
      ],
    },
  ],
});

describe('api-version-unknown severities', () => {
  it('is an error for a version the target cannot serve, a warning for one a newer Kubernetes may', async () => {
    const dir = writeRepo({ 'a.yaml': `${object('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy')}---\n${object('notification.toolkit.fluxcd.io/v1beta3', 'Receiver')}` });
    expect((await lintRule('api-version-unknown', dir)).map((f) => [f.line, f.severity])).toEqual([
      [1, 'warning'],
      [8, 'error'],
    ]);
  });
});
