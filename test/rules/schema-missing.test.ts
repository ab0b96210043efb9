import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ruleTester } from '../support/rule-tester.js';

const cr = (kind: string, name: string, apiVersion = 'acme.io/v1') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec: {}\n`;
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.acme.io
spec:
  group: acme.io
  names: { kind: Gadget, plural: gadgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;

const userSchemas = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-user-schemas-'));
fs.writeFileSync(path.join(userSchemas, 'gadget_v1.json'), JSON.stringify({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }));

const hint = (file: string) => `commit its CustomResourceDefinition to the repo, or pass --schema-location DIR with ${file}`;

ruleTester.run('schema-missing', {
  valid: [
    { name: 'built-in and bundled CRD kinds', files: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', 'b.yaml': cr('GitRepository', 'x', 'source.toolkit.fluxcd.io/v1') } },
    { name: 'a kind whose CRD is in the repo', files: { 'crds/gadget.yaml': crd, 'apps/g.yaml': cr('Gadget', 'g') } },
    {
      name: 'versions the deprecation rules speak for: unserved Flux, companion and built-in versions (no CRD to commit)',
      files: {
        'r.yaml': cr('Receiver', 'r', 'notification.toolkit.fluxcd.io/v1beta3'),
        'e.yaml': cr('ExternalSecret', 'e', 'external-secrets.io/v1beta1'),
        'i.yaml': cr('Ingress', 'i', 'extensions/v1beta1'),
        'm.yaml': cr('MutatingAdmissionPolicy', 'm', 'admissionregistration.k8s.io/v1beta1'),
        'h.yaml': cr('HelmRelease', 'h', 'helm.toolkit.fluxcd.io/v2alpha1'),
        'v.yaml': 'apiVersion: storage.k8s.io/v1\nkind: VolumeAttributesClass\nmetadata:\n  name: fast\ndriverName: x\n',
      },
      config: { kubernetesVersion: '1.33' },
    },
    { name: 'a kind with a user schema (--schema-location)', files: { 'apps/g.yaml': cr('Gadget', 'g') }, config: { schemaLocations: [userSchemas] } },
    {
      name: 'kustomize files, patches and non-Kubernetes YAML',
      files: {
        'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\npatches:\n  - path: p.yaml\n',
        'apps/p.yaml': cr('Gadget', 'g'),
        'values.yaml': 'kind: NotAnObject\nreplicas: 1\n',
      },
    },
  ],
  invalid: [
    {
      name: 'one finding per kind, at its first object in file order, counting every object',
      files: {
        'b/more.yaml': `${cr('Gadget', 'g2')}---\n${cr('Gadget', 'g3')}---\n${cr('Widget', 'w1', 'acme.io/v1beta1')}`,
        'a/first.yaml': cr('Gadget', 'g1'),
      },
      errors: [
        { file: 'a/first.yaml', line: 2, column: 7, message: `no schema for acme.io/v1 Gadget in Kubernetes 1.35 or the bundled CRDs: 3 objects of this kind not validated; ${hint('acme.io/gadget_v1.json')}` },
        { file: 'b/more.yaml', line: 14, message: `no schema for acme.io/v1beta1 Widget in Kubernetes 1.35 or the bundled CRDs: 1 object of this kind not validated; ${hint('acme.io/widget_v1beta1.json')}` },
      ],
    },
    {
      name: 'counts the objects clusters apply, not a template nothing applies',
      files: {
        '.taskfiles/restore.yaml': cr('Gadget', 'template'),
        'clusters/prod/apps.yaml': [
          'apiVersion: kustomize.toolkit.fluxcd.io/v1',
          'kind: Kustomization',
          'metadata:',
          '  name: apps',
          '  namespace: flux-system',
          'spec:',
          '  interval: 10m',
          '  path: ./apps',
          '  prune: true',
          '  sourceRef:',
          '    kind: GitRepository',
          '    name: flux-system',
          '',
        ].join('\n'),
        'apps/gadget.yaml': cr('Gadget', 'live'),
      },
      errors: [{ file: 'apps/gadget.yaml', line: 2, message: `no schema for acme.io/v1 Gadget in Kubernetes 1.35 or the bundled CRDs: 1 object of this kind not validated; ${hint('acme.io/gadget_v1.json')}` }],
    },
    {
      name: 'a CRD version that is not served, and a SOPS-encrypted object',
      files: {
        'crds/gadget.yaml': crd.replace('served: true', 'served: false'),
        'apps/g.sops.yaml': `${cr('Gadget', 'g')}sops:\n  mac: ENC[AES256_GCM,data:x=,type:str]\n  version: 3.8.1\n`,
      },
      errors: [{ file: 'apps/g.sops.yaml', line: 2, message: /^no schema for acme.io\/v1 Gadget .*: 1 object of this kind not validated/ }],
    },
    {
      name: 'configured to error like any rule',
      files: { 'a.yaml': cr('Gadget', 'g') },
      config: { rules: { 'schema-missing': 'error' } },
      errors: [{ file: 'a.yaml', line: 2, message: /^no schema for acme.io\/v1 Gadget/ }],
    },
  ],
});
