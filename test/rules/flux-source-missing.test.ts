import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, configMap, kustomization } from './flux-fixtures.js';

const target = { 'deploy/cm.yaml': configMap('a', 'default') };
const define = 'define it, fix the reference, or list it in externalSources in .gitops-lint.yaml if it is created outside the repo';
const withSource = (kind: string, name: string) =>
  kustomization('apps', './deploy').replace('    kind: GitRepository\n    name: flux-system', `    kind: ${kind}\n    name: ${name}`);

const gitRepository = (name: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 5m
  url: https://github.com/example/${name}
  ref:
    branch: main
`;

const ociRepository = (name: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 5m
  url: oci://ghcr.io/example/${name}
  ref:
    tag: latest
`;

const imageUpdate = `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageUpdateAutomation
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 30m
  sourceRef:
    name: fleet
  git:
    commit:
      author:
        email: fluxcdbot@users.noreply.github.com
        name: fluxcdbot
  update:
    path: ./apps
    strategy: Setters
`;

ruleTester.run('flux-source-missing', {
  valid: [
    { name: 'bootstrap GitRepository', files: { ...bootstrap('prod'), ...target, 'clusters/prod/apps.yaml': kustomization('apps', './deploy') } },
    {
      name: 'OCIRepository defined in another file, namespace defaulted',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withSource('OCIRepository', 'manifests'), 'clusters/prod/sources.yaml': ociRepository('manifests') },
    },
    {
      name: 'source declared in externalSources',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withSource('GitRepository', 'platform') },
      config: { externalSources: [{ kind: 'GitRepository', name: 'platform', namespace: 'flux-system' }] },
    },
    {
      name: 'ImageUpdateAutomation whose sourceRef kind defaults to GitRepository',
      files: { ...bootstrap('prod'), 'clusters/prod/images.yaml': imageUpdate.replace('name: fleet', 'name: flux-system') },
    },
  ],
  invalid: [
    {
      name: 'typo in the source name',
      files: { ...bootstrap('prod'), ...target, 'clusters/prod/apps.yaml': withSource('GitRepository', 'flux-sytem') },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 12,
          column: 11,
          message: 'Kustomization "apps" sourceRef refers to GitRepository "flux-sytem" which does not exist on cluster "prod"; did you mean "flux-system"?',
        },
      ],
    },
    {
      name: 'kind does not match the source of that name',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withSource('OCIRepository', 'podinfo'), 'clusters/prod/sources.yaml': gitRepository('podinfo') },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 12,
          message: 'Kustomization "apps" sourceRef refers to OCIRepository "podinfo" which does not exist on cluster "prod"; a GitRepository "podinfo" exists: set kind: GitRepository',
        },
      ],
    },
    {
      name: 'source defined only on the other cluster',
      files: {
        ...bootstrap('prod'),
        ...bootstrap('staging'),
        'clusters/prod/apps.yaml': withSource('GitRepository', 'platform'),
        'clusters/staging/apps.yaml': withSource('GitRepository', 'platform'),
        'clusters/staging/sources.yaml': gitRepository('platform'),
      },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 12,
          message: 'Kustomization "apps" sourceRef refers to GitRepository "platform" which does not exist on cluster "prod"; it is defined in clusters/staging/sources.yaml, which only cluster "staging" applies',
        },
      ],
    },
    {
      name: 'namespace defaults to the Kustomization namespace',
      files: { ...bootstrap('prod'), ...target, 'clusters/prod/apps.yaml': kustomization('apps', './deploy').replace('namespace: flux-system', 'namespace: apps') },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 12,
          message: 'Kustomization "apps" sourceRef refers to GitRepository "flux-system" which does not exist on cluster "prod"; it exists in namespace "flux-system": set namespace: flux-system',
        },
      ],
    },
    {
      name: 'ImageUpdateAutomation to a missing GitRepository',
      files: { ...bootstrap('prod'), 'clusters/prod/images.yaml': imageUpdate },
      errors: [
        { file: 'clusters/prod/images.yaml', line: 9, column: 11, message: `ImageUpdateAutomation "apps" sourceRef refers to GitRepository "fleet" which does not exist on cluster "prod"; ${define}` },
      ],
    },
  ],
});
