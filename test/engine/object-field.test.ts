/** The object-field check behind custom rules, as tables through the rule tester (rules declared in config). */
import { describe, expect, it } from 'vitest';
import { formatFieldPath, parseFieldPath, resolveFieldPath } from '../../src/checks/field-path.js';
import type { RuleDefinition } from '../../src/checks/types.js';
import { ruleTester } from '../support/rule-tester.js';

const rule = (id: string, params: Record<string, unknown>): RuleDefinition => ({
  id,
  severity: 'error',
  description: `custom ${id}`,
  rationale: '',
  remediation: 'fix it',
  docs: 'https://example.com/policy',
  check: 'object-field',
  params,
});

const deployment = (name: string, images: string[], extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: apps
spec:
  template:
    spec:
      containers:
${images.map((image, i) => `        - name: c${i}\n          image: ${image}`).join('\n')}
${extra}`;

const registry = { customRules: [rule('images-from-registry', {
  match: { kind: 'Deployment' },
  path: 'spec.template.spec.containers[*].image',
  pattern: '^myregistry\\.azurecr\\.io/',
})] };

ruleTester.run('images-from-registry', {
  valid: [
    { name: 'all images from the registry', files: { 'app.yaml': deployment('web', ['myregistry.azurecr.io/web:1.0', 'myregistry.azurecr.io/sidecar:2']) }, config: registry },
    { name: 'other kinds are not matched', files: { 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: docker.io/nginx\n' }, config: registry },
    { name: 'no containers: [*] matches nothing', files: { 'app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n' }, config: registry },
  ],
  invalid: [
    {
      name: 'each offending container image, at its value',
      files: { 'app.yaml': deployment('web', ['myregistry.azurecr.io/web:1.0', 'docker.io/nginx:1.27', 'ghcr.io/x/y']) },
      config: registry,
      errors: [
        { file: 'app.yaml', line: 13, column: 18, message: 'Deployment web: spec.template.spec.containers[1].image is "docker.io/nginx:1.27", which does not match /^myregistry\\.azurecr\\.io//' },
        { file: 'app.yaml', line: 15, message: /containers\[2\]\.image is "ghcr\.io\/x\/y"/ },
      ],
    },
    {
      name: 'kind brace glob from docs/custom-rules.md',
      files: { 'sts.yaml': deployment('db', ['docker.io/postgres:16']).replace('kind: Deployment', 'kind: StatefulSet') },
      config: { customRules: [rule('images-from-registry', { ...registry.customRules[0]!.params, match: { kind: '{Deployment,StatefulSet,DaemonSet}' } })] },
      errors: [{ file: 'sts.yaml', line: 11, column: 18, message: /^StatefulSet db: spec\.template\.spec\.containers\[0\]\.image is "docker\.io\/postgres:16"/ }],
    },
    {
      name: 'message template',
      files: { 'app.yaml': deployment('web', ['nginx']) },
      config: { customRules: [rule('images-from-registry', { ...registry.customRules[0]!.params, message: '{{kind}} {{namespace}}/{{name}} pulls {{value}} ({{path}}) {{unknown}}' })] },
      errors: [{ file: 'app.yaml', line: 11, message: 'Deployment apps/web pulls nginx (spec.template.spec.containers[0].image) {{unknown}}' }],
    },
  ],
});

const retries = { customRules: [rule('helmrelease-install-retries', {
  match: { apiVersion: 'helm.toolkit.fluxcd.io/*', kind: 'HelmRelease' },
  path: 'spec.install.remediation.retries',
  required: true,
})] };
const helmRelease = (spec: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: apps
spec:
${spec}`;

ruleTester.run('helmrelease-install-retries', {
  valid: [{ files: { 'hr.yaml': helmRelease('  install:\n    remediation:\n      retries: 3\n') }, config: retries }],
  invalid: [
    {
      name: 'absent: points at the nearest existing ancestor',
      files: { 'hr.yaml': helmRelease('  install:\n    createNamespace: true\n') },
      config: retries,
      errors: [{ file: 'hr.yaml', line: 7, message: 'HelmRelease podinfo: spec.install.remediation.retries is required' }],
    },
    {
      name: 'null counts as absent',
      files: { 'hr.yaml': helmRelease('  install:\n    remediation:\n      retries:\n') },
      config: retries,
      errors: [{ file: 'hr.yaml', line: 9, message: /retries is required/ }],
    },
  ],
});

const secretRule = { customRules: [rule('no-plain-password', { match: { kind: 'Secret' }, path: 'stringData.password', forbidden: true, message: '{{name}} has {{path}} = {{value}}' })] };
const enumRule = { customRules: [rule('pull-policy', { path: 'spec.template.spec.containers[*].imagePullPolicy', enum: ['IfNotPresent', 'Always'] })] };
const equalsRule = { customRules: [rule('prune-on', { match: { kind: 'Kustomization', namespace: 'flux-*' }, path: 'spec.prune', equals: true })] };
const notPatternRule = { customRules: [rule('no-latest', { path: 'spec.template.spec.containers[0].image', notPattern: ':latest$' })] };

ruleTester.run('no-plain-password', {
  valid: [{ files: { 's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  user: admin\n' }, config: secretRule }],
  invalid: [
    {
      name: 'secret values are redacted',
      files: { 's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n' },
      config: secretRule,
      errors: [{ file: 's.yaml', line: 6, column: 3, message: 's has stringData.password = ***' }],
    },
  ],
});

ruleTester.run('pull-policy', {
  valid: [{ files: { 'a.yaml': deployment('a', ['x'], '') }, config: enumRule }],
  invalid: [
    {
      files: { 'a.yaml': deployment('a', ['x']).replace('image: x', 'image: x\n          imagePullPolicy: Never') },
      config: enumRule,
      errors: [{ file: 'a.yaml', line: 12, message: 'Deployment a: spec.template.spec.containers[0].imagePullPolicy is "Never", not one of IfNotPresent, Always' }],
    },
  ],
});

const fluxKs = (ns: string, prune: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: ${ns}\nspec:\n  prune: ${prune}\n`;
ruleTester.run('prune-on', {
  valid: [
    { files: { 'ks.yaml': fluxKs('flux-system', 'true') }, config: equalsRule },
    { name: 'namespace glob does not match', files: { 'ks.yaml': fluxKs('apps', 'false') }, config: equalsRule },
  ],
  invalid: [{ files: { 'ks.yaml': fluxKs('flux-system', 'false') }, config: equalsRule, errors: [{ file: 'ks.yaml', line: 7, message: 'Kustomization apps: spec.prune is "false", expected true' }] }],
});

ruleTester.run('no-latest', {
  valid: [{ files: { 'a.yaml': deployment('a', ['nginx:1.27']) }, config: notPatternRule }],
  invalid: [{ files: { 'a.yaml': deployment('a', ['nginx:latest']) }, config: notPatternRule, errors: [{ file: 'a.yaml', line: 11, message: /matches \/:latest\$\// }] }],
});

describe('field paths', () => {
  it('parses keys, indexes, wildcards and quoted keys; rejects malformed paths', () => {
    expect(parseFieldPath('metadata.annotations["fluxcd.io/automated"]')).toEqual([
      { key: 'metadata' },
      { key: 'annotations' },
      { key: 'fluxcd.io/automated' },
    ]);
    expect(parseFieldPath('a[*].b[2]')).toEqual([{ key: 'a' }, { any: true }, { key: 'b' }, { index: 2 }]);
    for (const bad of ['', '.a', 'a..b', 'a[x]', 'a[0]b', 'a.']) expect(parseFieldPath(bad), bad).toBeUndefined();
  });

  it('resolves present, absent and wildcard paths', () => {
    const value = { spec: { items: [{ v: 1 }, { w: 2 }] } };
    expect(resolveFieldPath(value, parseFieldPath('spec.items[*].v')!)).toEqual([
      { path: ['spec', 'items', 0, 'v'], present: true, value: 1 },
      { path: ['spec', 'items', 1, 'v'], present: false, value: undefined },
    ]);
    expect(resolveFieldPath(value, parseFieldPath('spec.x.y[*].z')!)).toEqual([{ path: ['spec', 'x', 'y'], present: false, value: undefined }]);
    expect(formatFieldPath(['metadata', 'annotations', 'a.b/c', 0])).toBe('metadata.annotations["a.b/c"][0]');
  });
});
