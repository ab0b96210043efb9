import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, helmRelease, helmRepository, kustomization } from './flux-fixtures.js';

const deployment = (image: string, init?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${init ? `      initContainers:\n        - name: init\n          image: ${init}\n` : ''}      containers:
        - name: web
          image: ${image}
`;
const repo = (files: Record<string, string>) => ({ ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps'), ...files });

ruleTester.run('image-tag-mutable', {
  valid: [
    { name: 'a version tag', files: repo({ 'apps/web.yaml': deployment('nginx:1.27.2') }) },
    { name: 'a digest without a tag', files: repo({ 'apps/web.yaml': deployment('nginx@sha256:0f8e2e0d5bbbdf3bb3f2d6ee4f1a6e3a26c2d31e6e1c7ff3a8f17a5c0d7e1b9a') }) },
    { name: 'latest pinned by digest', files: repo({ 'apps/web.yaml': deployment('nginx:latest@sha256:0f8e2e0d5bbbdf3bb3f2d6ee4f1a6e3a26c2d31e6e1c7ff3a8f17a5c0d7e1b9a') }) },
    { name: 'a registry port is not a tag: a real tag after it', files: repo({ 'apps/web.yaml': deployment('registry.local:5000/web:2.1.0') }) },
    {
      name: 'kustomize images: sets the tag the cluster gets',
      files: repo({ 'apps/kustomization.yaml': 'resources:\n  - web.yaml\nimages:\n  - name: nginx\n    newTag: 1.27.2\n', 'apps/web.yaml': deployment('nginx') }),
    },
    {
      name: 'HelmRelease values image without a tag (the chart defaults it)',
      files: repo({ 'apps/repo.yaml': helmRepository('charts'), 'apps/release.yaml': helmRelease('web', 'flux-system', 'charts', ['values:', '  image:', '    repository: nginx']) }),
    },
    { name: 'not applied by any cluster', files: { ...bootstrap('prod'), 'archive/web.yaml': deployment('nginx:latest') } },
  ],
  invalid: [
    {
      name: ':latest in a container',
      files: repo({ 'apps/web.yaml': deployment('nginx:latest') }),
      errors: [
        {
          file: 'apps/web.yaml',
          line: 15,
          column: 18,
          message:
            'Deployment "web" runs image "nginx:latest" on :latest: it changes whenever a node pulls it again and Git no longer says what runs; pin a version tag or a digest',
        },
      ],
    },
    {
      name: 'no tag in an init container (a registry port is not a tag)',
      files: repo({ 'apps/web.yaml': deployment('nginx:1.27.2', 'registry.local:5000/tools/init') }),
      errors: [{ file: 'apps/web.yaml', line: 15, message: /^Deployment "web" runs image "registry\.local:5000\/tools\/init" without a tag \(read as :latest\)/ }],
    },
    {
      name: 'HelmRelease values tag: latest beside repository',
      files: repo({
        'apps/repo.yaml': helmRepository('charts'),
        'apps/release.yaml': helmRelease('web', 'flux-system', 'charts', ['values:', '  image:', '    repository: ghcr.io/example/web', '    tag: latest']),
      }),
      errors: [{ file: 'apps/release.yaml', line: 19, message: /^HelmRelease "web" runs image "ghcr\.io\/example\/web:latest" on :latest/ }],
    },
  ],
});
