import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, kustomization } from './flux-fixtures.js';

/** Lines: 6 replicas, 16 image. */
const deployment = (replicas = '2', containerExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
${containerExtra}`;

/** Lines: 9 sourceRef, 12 values, 13+ `extra` lines under spec. */
const helmRelease = (apiVersion: string, extra: string[] = []) =>
  [
    `apiVersion: ${apiVersion}`,
    'kind: HelmRelease',
    'metadata:',
    '  name: podinfo',
    '  namespace: apps',
    'spec:',
    '  interval: 10m',
    '  chart:',
    '    spec:',
    '      chart: podinfo',
    '      sourceRef: { kind: HelmRepository, name: podinfo }',
    '  values:',
    '    anything: { goes: [1, two], here: true }',
    ...extra.map((l) => `  ${l}`),
    '',
  ].join('\n');

/** A CRD in the repo (kind Widget, group example.com, served v1 and v1beta1; v1alpha1 not served). Line 26: color enum. */
const widgetCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size:
                  type: integer
                  format: int32
                  description: how big
                color:
                  type: string
                  enum: [red, blue]
                options:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
    - name: v1alpha1
      served: false
      storage: false
      schema:
        openAPIV3Schema: { type: object }
`;
const widget = (spec: string) => `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
${spec}`;

/** SOPS-encrypted Secret: ciphertext values and the sops block. */
const sopsSecret = (extra = '') => `apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
stringData:
  password: ENC[AES256_GCM,data:q83=,iv:abc=,tag:def=,type:str]
data:
  token: ENC[AES256_GCM,data:zz==,iv:abc=,tag:def=,type:str]
${extra}sops:
  mac: ENC[AES256_GCM,data:mac=,type:str]
  lastmodified: "2024-01-01T00:00:00Z"
  version: 3.8.1
`;

const kustomize = (lines: string[]) => ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', ...lines, ''].join('\n');

/** A user schema folder in kubeconform layout, outside the repo (as --schema-location takes it). */
const userSchemas = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-user-schemas-'));
fs.mkdirSync(path.join(userSchemas, 'acme.io'));
fs.writeFileSync(
  path.join(userSchemas, 'acme.io', 'gadget_v2.json'),
  JSON.stringify({
    $schema: 'http://json-schema.org/schema#',
    description: 'Gadget',
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: { type: 'object', properties: { port: { type: 'integer', format: 'int32' }, mode: { type: 'string', enum: ['a', 'b'] } } },
    },
  }),
);
const gadget = (spec: string) => `apiVersion: acme.io/v2\nkind: Gadget\nmetadata:\n  name: g\nspec:\n${spec}`;

ruleTester.run('schema-validation', {
  valid: [
    { name: 'a valid Deployment', files: { 'apps/web.yaml': deployment() } },
    {
      // kustomize writes annotation values back as their text (src/load/annotations.ts): Flux sends "true" and "9090".
      name: 'unquoted annotation values, strings once kustomize built them',
      files: { 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    prometheus.io/scrape: true\n    prometheus.io/port: 9090\n    empty:\n' },
    },
    { name: 'no Kubernetes objects at all', files: { 'values.yaml': 'replicas: "3"\n', '.github/workflows/ci.yaml': 'on: push\njobs: {}\n' } },
    {
      name: 'a partial patch with no selector (patches with path)',
      files: {
        'apps/kustomization.yaml': kustomize(['resources:', '  - web.yaml', 'patches:', '  - path: replicas.yaml']),
        'apps/web.yaml': deployment(),
        'apps/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n',
      },
    },
    {
      name: 'strategic-merge directives in a patch are not fields',
      files: {
        'apps/kustomization.yaml': kustomize(['resources:', '  - web.yaml', 'patchesStrategicMerge:', '  - delete.yaml']),
        'apps/web.yaml': deployment(),
        'apps/delete.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          $patch: delete\n',
      },
    },
    { name: 'HelmRelease v2 with an open values block', files: { 'apps/hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2', ['commonMetadata:', '  labels: { team: a }']) } },
    { name: 'a valid HelmRelease v2beta1', files: { 'apps/hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta1') } },
    { name: 'a custom resource valid against an in-repo CRD', files: { 'crds/widget.yaml': widgetCrd, 'apps/w.yaml': widget('  size: 3\n  color: red\n  options: { free: [form] }\n') } },
    { name: 'a SOPS-encrypted Secret', files: { 'apps/secret.sops.yaml': sopsSecret() } },
    {
      name: 'a SOPS-encrypted Deployment with an encrypted integer',
      files: {
        'apps/web.sops.yaml': `${deployment('ENC[AES256_GCM,data:Mw==,iv:a=,tag:b=,type:int]')}sops:\n  mac: ENC[AES256_GCM,data:x=,type:str]\n  version: 3.8.1\n`,
      },
    },
    {
      name: '${var} in an integer field of an object applied by a Flux Kustomization with postBuild',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', ['postBuild:', '  substitute:', '    replica_count: "3"']),
        'apps/web.yaml': deployment('${replica_count}'),
      },
    },
    {
      name: 'a quoted ${var} stays a string after substitution; a variable from a substituteFrom object not in the repo is not a type error',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', [
          'postBuild:',
          '  substitute:',
          '    version: "3"',
          '  substituteFrom:',
          '    - kind: ConfigMap',
          '      name: cluster-settings',
        ]),
        'apps/web.yaml': deployment('${replica_count}').replace('app: web\n    spec', 'app: web\n        version: "${version}"\n    spec'),
      },
    },
    {
      name: 'kustomize transformer configs and kustomization files are not objects',
      files: {
        'apps/kustomization.yaml': kustomize(['resources:', '  - web.yaml', 'transformers:', '  - labels.yaml']),
        'apps/web.yaml': deployment(),
        'apps/labels.yaml': 'apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: x\nlabels: { a: b }\nfieldSpecs: []\n',
      },
    },
    {
      name: 'a user schema from --schema-location (config schemaLocations)',
      files: { 'apps/g.yaml': gadget('  port: 80\n  mode: a\n') },
      config: { schemaLocations: [userSchemas] },
    },
    {
      name: 'a Pod field added in Kubernetes 1.34, linted for 1.35',
      files: { 'apps/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostnameOverride: db\n  containers: [{ name: a, image: b }]\n' },
      config: { kubernetesVersion: '1.35' },
    },
    {
      name: 'a valid JSON 6902 patch file and inline list',
      files: {
        'apps/kustomization.yaml': kustomize([
          'resources:',
          '  - web.yaml',
          'patchesJson6902:',
          '  - target: { group: apps, version: v1, kind: Deployment, name: web }',
          '    path: ops.yaml',
          'patches:',
          '  - target: { kind: Deployment }',
          '    patch: |-',
          '      - op: move',
          '        from: /spec/a',
          '        path: /spec/b',
        ]),
        'apps/web.yaml': deployment(),
        'apps/ops.yaml': '- op: replace\n  path: /spec/replicas\n  value: 3\n- op: remove\n  path: /metadata/labels/a~1b\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a JSON manifest a kustomization lists is validated like YAML',
      files: {
        'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - svc.json\n',
        'apps/svc.json': '{\n  "apiVersion": "v1",\n  "kind": "Service",\n  "metadata": {"name": "web"},\n  "spec": {"ports": [{"port": "80"}]}\n}\n',
      },
      errors: [{ file: 'apps/svc.json', line: 5, message: 'spec.ports[0].port must be integer, got string "80"' }],
    },
    {
      name: 'replicas: "3" and an unknown field with a did-you-mean',
      files: { 'apps/web.yaml': deployment('"3"', '          imagePullPolice: Always\n') },
      errors: [
        { file: 'apps/web.yaml', line: 6, column: 13, message: 'spec.replicas must be integer, got string "3"' },
        {
          file: 'apps/web.yaml',
          line: 18,
          column: 11,
          message: 'unknown field "imagePullPolice" in spec.template.spec.containers[0] (did you mean "imagePullPolicy"?)',
        },
      ],
    },
    {
      name: 'missing required field: at the parent key',
      files: { 'apps/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n' },
      errors: [
        { file: 'apps/web.yaml', line: 5, column: 1, message: 'spec is missing required field "selector"' },
        { file: 'apps/web.yaml', line: 5, column: 1, message: 'spec is missing required field "template"' },
      ],
    },
    {
      name: 'an enum violation and a missing required field in a custom resource, by the in-repo CRD',
      files: { 'crds/widget.yaml': widgetCrd, 'apps/w.yaml': widget('  color: green\n  shape: round\n') },
      errors: [
        { file: 'apps/w.yaml', line: 5, message: 'spec is missing required field "size"' },
        { file: 'apps/w.yaml', line: 6, column: 10, message: 'spec.color must be one of: red, blue' },
        { file: 'apps/w.yaml', line: 7, column: 3, message: 'unknown field "shape" in spec' },
      ],
    },
    {
      name: 'HelmRelease v2beta1 is validated against its own schema (commonMetadata is v2 only)',
      files: { 'apps/hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta1', ['commonMetadata:', '  labels: { team: a }']) },
      errors: [{ file: 'apps/hr.yaml', line: 14, column: 3, message: 'unknown field "commonMetadata" in spec' }],
    },
    {
      name: 'a closed HelmRelease spec next to an open values block',
      files: { 'apps/hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2', ['valuesFile: x.yaml', 'driftDetection: { mode: on }']) },
      errors: [
        { file: 'apps/hr.yaml', line: 14, column: 3, message: 'unknown field "valuesFile" in spec (did you mean "valuesFrom"?)' },
        { file: 'apps/hr.yaml', line: 15, column: 27, message: 'spec.driftDetection.mode must be one of: enabled, warn, disabled' },
      ],
    },
    {
      name: 'a patch file with a wrong type (partial: no required fields reported)',
      files: {
        'apps/kustomization.yaml': kustomize(['resources:', '  - web.yaml', 'patchesStrategicMerge:', '  - replicas.yaml']),
        'apps/web.yaml': deployment(),
        'apps/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: two\n',
      },
      errors: [{ file: 'apps/replicas.yaml', line: 6, column: 13, message: 'spec.replicas must be integer, got string "two"' }],
    },
    {
      name: 'inline patches: a kustomize patch taking its kind from target, a Flux Kustomization patch, a HelmRelease post-renderer patch',
      files: {
        'apps/kustomization.yaml': kustomize([
          'resources:',
          '  - web.yaml',
          '  - hr.yaml',
          'patches:',
          '  - target: { group: apps, version: v1, kind: Deployment, name: web }',
          '    patch: |-',
          '      metadata:',
          '        name: web',
          '      spec:',
          '        paused: sometimes',
        ]),
        'apps/web.yaml': deployment(),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', [
          'patches:',
          '  - patch: |',
          '      apiVersion: apps/v1',
          '      kind: Deployment',
          '      metadata: { name: web }',
          '      spec: { replicas: "3" }',
        ]),
        'apps/hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2', [
          'postRenderers:',
          '  - kustomize:',
          '      patches:',
          '        - target: { kind: Service }',
          '          patch: |',
          '            apiVersion: v1',
          '            kind: Service',
          '            metadata: { name: podinfo }',
          '            spec: { typ: ClusterIP }',
        ]),
      },
      errors: [
        { file: 'apps/kustomization.yaml', line: 12, column: 17, message: 'inline patch patches[0] (apps/v1 Deployment): spec.paused must be boolean, got string "sometimes"' },
        { file: 'clusters/prod/apps.yaml', line: 18, column: 27, message: 'inline patch patches[0] (apps/v1 Deployment): spec.replicas must be integer, got string "3"' },
        { file: 'apps/hr.yaml', line: 22, column: 23, message: 'inline patch patches[0] (v1 Service): unknown field "typ" in spec (did you mean "type"?)' },
      ],
    },
    {
      name: 'HelmRelease v2beta1 post-renderer patches written as objects: partial patch at its node, operations by the CRD schema (once)',
      files: {
        'apps/hr.yaml': helmRelease('helm.toolkit.fluxcd.io/v2beta1', [
          'postRenderers:',
          '  - kustomize:',
          '      patchesStrategicMerge:',
          '        - apiVersion: apps/v1',
          '          kind: Deployment',
          '          metadata: { name: podinfo }',
          '          spec: { replicas: many }',
          '      patchesJson6902:',
          '        - target: { version: v1, kind: Service, name: podinfo }',
          '          patch:',
          '            - op: delete',
          '              path: /spec/type',
        ]),
      },
      errors: [
        { file: 'apps/hr.yaml', line: 20, column: 31, message: 'spec.replicas must be integer, got string "many"' },
        { file: 'apps/hr.yaml', line: 24, column: 21, message: 'spec.postRenderers[0].kustomize.patchesJson6902[0].patch[0].op must be one of: test, remove, add, replace, move, copy' },
      ],
    },
    {
      name: 'an in-repo CRD wins over the bundled schema of the same version (the repo pins what the cluster runs)',
      files: {
        'crds/hr.yaml': widgetCrd
          .replace('widgets.example.com', 'helmreleases.helm.toolkit.fluxcd.io')
          .replace('group: example.com', 'group: helm.toolkit.fluxcd.io')
          .replace('kind: Widget, plural: widgets', 'kind: HelmRelease, plural: helmreleases')
          .replace('name: v1\n', 'name: v2\n'),
        'apps/hr.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: x\nspec:\n  size: 1\n  interval: 1m\n',
      },
      errors: [{ file: 'apps/hr.yaml', line: 7, column: 3, message: 'unknown field "interval" in spec' }],
    },
    {
      name: 'a patch string that is not a literal block points at its entry',
      files: {
        'apps/kustomization.yaml': kustomize(['resources:', '  - web.yaml', 'patches:', '  - patch: "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {paused: 1}}"']),
        'apps/web.yaml': deployment(),
      },
      errors: [{ file: 'apps/kustomization.yaml', line: 6, column: 5, message: 'inline patch patches[0] (apps/v1 Deployment): spec.paused must be boolean, got number 1' }],
    },
    {
      name: 'JSON 6902 patches: a bad op in a file, a missing value and a bad path inline',
      files: {
        'apps/kustomization.yaml': kustomize([
          'resources:',
          '  - web.yaml',
          'patchesJson6902:',
          '  - target: { group: apps, version: v1, kind: Deployment, name: web }',
          '    path: ops.yaml',
          'patches:',
          '  - target: { kind: Deployment }',
          '    patch: |-',
          '      - op: add',
          '        path: spec/replicas',
        ]),
        'apps/web.yaml': deployment(),
        'apps/ops.yaml': '- op: update\n  path: /spec/replicas\n  value: 3\n',
      },
      errors: [
        { file: 'apps/ops.yaml', line: 1, column: 7, message: 'operation 0: op "update" must be one of: add, remove, replace, move, copy, test' },
        {
          file: 'apps/kustomization.yaml',
          line: 12,
          column: 15,
          message: 'inline patch patches[0]: operation 0: path "spec/replicas" is not a JSON pointer: it must start with "/" and escape "~" as ~0 and "/" as ~1',
        },
        { file: 'apps/kustomization.yaml', line: 11, column: 9, message: 'inline patch patches[0]: operation 0 (add) is missing "value"' },
      ],
    },
    {
      name: 'a SOPS-encrypted Secret still gets unknown fields reported',
      files: { 'apps/secret.sops.yaml': sopsSecret('strngData:\n  user: ENC[AES256_GCM,data:q=,type:str]\n') },
      errors: [{ file: 'apps/secret.sops.yaml', line: 10, column: 1, message: 'unknown field "strngData" (did you mean "stringData"?)' }],
    },
    {
      name: 'a user schema from --schema-location',
      files: { 'apps/g.yaml': gadget('  port: "80"\n  mode: c\n') },
      config: { schemaLocations: [userSchemas] },
      errors: [
        { file: 'apps/g.yaml', line: 6, column: 9, message: 'spec.port must be integer, got string "80"' },
        { file: 'apps/g.yaml', line: 7, column: 9, message: 'spec.mode must be one of: a, b' },
      ],
    },
    {
      name: '--kubernetes-version picks the minor: hostnameOverride does not exist in 1.33',
      files: { 'apps/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostnameOverride: db\n  containers: [{ name: a, image: b }]\n' },
      config: { kubernetesVersion: '1.33' },
      errors: [{ file: 'apps/pod.yaml', line: 6, column: 3, message: 'unknown field "hostnameOverride" in spec' }],
    },
    {
      name: '${var} validates as the value it becomes; without postBuild it stays a string',
      files: {
        ...bootstrap('prod'),
        'clusters/prod/apps.yaml': kustomization('apps', './apps', ['postBuild:', '  substitute:', '    replica_count: three']),
        'clusters/prod/db.yaml': kustomization('db', './db'),
        'apps/web.yaml': deployment('${replica_count}'),
        'db/web.yaml': deployment('${replica_count}'),
      },
      errors: [
        { file: 'apps/web.yaml', line: 6, column: 13, message: 'spec.replicas must be integer, got string "three"' },
        { file: 'db/web.yaml', line: 6, column: 13, message: 'spec.replicas must be integer, got string "${replica_count}"' },
      ],
    },
    {
      // kubectl and kustomize both read a leading 0 as octal (strconv.ParseInt with base 0): the message shows their number.
      name: 'numbers as the Go YAML readers make them, with the text the file has',
      files: { 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  mode: 0755\n  mask: 0x1F\n  size: 1000\n' },
      errors: [
        { file: 'apps/cm.yaml', line: 6, column: 9, message: 'data.mode must be string, got number 493 (written 0755: Go YAML readers take a leading 0 as octal)' },
        { file: 'apps/cm.yaml', line: 7, column: 9, message: 'data.mask must be string, got number 31 (written 0x1F)' },
        { file: 'apps/cm.yaml', line: 8, column: 9, message: 'data.size must be string, got number 1000' },
      ],
    },
    {
      name: 'the items of a v1 List are validated; a fully encrypted SOPS document is skipped',
      files: {
        'apps/list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n    data: { n: 1 }\n',
        'apps/secret.sops.yaml': 'apiVersion: ENC[AES256_GCM,data:dj8=,type:str]\nkind: ENC[AES256_GCM,data:U2VjcmV0,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:x=,type:str]\n',
      },
      errors: [{ file: 'apps/list.yaml', line: 7, column: 16, message: 'data.n must be string, got number 1' }],
    },
    {
      name: 'an inline patch that is not YAML',
      files: {
        'apps/kustomization.yaml': kustomize(['resources:', '  - web.yaml', 'patches:', '  - patch: |-', '      a: 1', '      a: 2']),
        'apps/web.yaml': deployment(),
      },
      errors: [{ file: 'apps/kustomization.yaml', line: 8, column: 7, message: 'inline patch patches[0] is not valid YAML: duplicated mapping key (line 2 of the patch)' }],
    },
  ],
});
