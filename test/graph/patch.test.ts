import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { applyPatch, matchesSelector, selects, splitApiVersion, toPatch, type PatchSubject } from '../../src/graph/patch.js';
import { hasKubectl, kustomizeBuild, NO_KUBECTL } from '../support/kubectl.js';

const kustomization = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
  labels:
    tier: apps
  annotations:
    team: web
spec:
  interval: 10m
  path: ./apps
  sourceRef:
    kind: GitRepository
    name: flux-system
  dependsOn:
    - name: infra
  postBuild:
    substitute:
      A: "1"
    substituteFrom:
      - kind: Secret
        name: secrets
`;

/** Patch entries as written under `patches:` of a kustomization file. */
const cases: { name: string; object: string; patches: string }[] = [
  {
    name: 'merge by label selector: maps merge, lists are replaced',
    object: kustomization,
    patches: `- target: {kind: Kustomization, labelSelector: "tier=apps"}
  patch: |
    apiVersion: kustomize.toolkit.fluxcd.io/v1
    kind: Kustomization
    metadata:
      name: not-used
    spec:
      prune: true
      dependsOn:
        - name: crds
      postBuild:
        substituteFrom:
          - kind: ConfigMap
            name: vars`,
  },
  {
    name: 'annotation selector and JSON 6902 operations',
    object: kustomization,
    patches: `- target: {group: kustomize.toolkit.fluxcd.io, kind: Kustomization, annotationSelector: "team in (web,db)"}
  patch: |
    - op: add
      path: /spec/timeout
      value: 5m
    - op: replace
      path: /spec/interval
      value: 1h
    - op: remove
      path: /spec/postBuild/substitute
    - op: add
      path: /spec/dependsOn/0
      value: {name: first}
    - op: add
      path: /spec/dependsOn/-
      value: {name: last}
    - op: copy
      from: /spec/path
      path: /metadata/annotations/path
    - op: move
      from: /spec/sourceRef
      path: /spec/source`,
  },
  {
    name: 'a selector that does not match leaves the object alone',
    object: kustomization,
    patches: `- target: {kind: Kustomization, labelSelector: "tier!=apps"}
  patch: |
    - op: add
      path: /spec/prune
      value: false
- target: {kind: HelmRelease}
  patch: |
    - op: add
      path: /spec/prune
      value: false`,
  },
  {
    name: 'null deletes a key; $patch: replace replaces a map',
    object: kustomization,
    patches: `- patch: |
    apiVersion: kustomize.toolkit.fluxcd.io/v1
    kind: Kustomization
    metadata:
      name: apps
      namespace: flux-system
    spec:
      interval: null
      postBuild:
        $patch: replace
        substitute:
          B: "2"`,
  },
  {
    name: 'name regex and namespace in the target',
    object: kustomization,
    patches: `- target: {kind: Kustomization, name: "ap.*", namespace: flux-system}
  patch: |
    - op: add
      path: /spec/wait
      value: true
- target: {kind: Kustomization, name: "p"}
  patch: |
    - op: add
      path: /spec/force
      value: true`,
  },
];

function subjectOf(value: Record<string, unknown>): PatchSubject {
  const meta = value.metadata as { name: string; namespace?: string };
  const [group, version] = splitApiVersion(value.apiVersion as string);
  return { group, version, kind: value.kind as string, name: meta.name, namespace: meta.namespace, previous: [], value };
}

function applyAll(objectText: string, patchesText: string): unknown {
  let value = yaml.load(objectText) as Record<string, unknown>;
  for (const entry of yaml.load(patchesText) as { patch: string; target?: unknown }[]) {
    const patch = toPatch(entry.patch, entry.target);
    if (!patch) throw new Error('patch did not parse');
    if (selects(patch, subjectOf(value))) value = applyPatch(patch, value) as Record<string, unknown>;
  }
  return value;
}

describe.skipIf(!hasKubectl)(`patches as kubectl kustomize applies them (${hasKubectl ? 'kubectl found' : NO_KUBECTL})`, () => {
  it.each(cases)('$name', ({ object, patches }) => {
    const built = kustomizeBuild({
      'object.yaml': object,
      'kustomization.yaml': `resources: [object.yaml]\npatches:\n${patches.replace(/^/gm, '  ')}\n`,
    });
    if ('error' in built) throw new Error(built.error);
    expect(applyAll(object, patches)).toEqual(built.objects[0]);
  });

  it('a strategic-merge patch without target must name its object exactly, version and namespace included', () => {
    const patchFor = (apiVersion: string, namespace: string) => `- patch: |
    apiVersion: ${apiVersion}
    kind: Kustomization
    metadata:
      name: apps
${namespace ? `      namespace: ${namespace}\n` : ''}    spec:
      prune: true`;
    const table: [string, string][] = [
      ['kustomize.toolkit.fluxcd.io/v1', 'flux-system'],
      ['kustomize.toolkit.fluxcd.io/v1beta2', 'flux-system'],
      ['kustomize.toolkit.fluxcd.io/v1', 'other'],
      ['kustomize.toolkit.fluxcd.io/v1', ''],
    ];
    for (const [apiVersion, namespace] of table) {
      const patches = patchFor(apiVersion, namespace);
      const built = kustomizeBuild({
        'object.yaml': kustomization,
        'kustomization.yaml': `resources: [object.yaml]\npatches:\n${patches.replace(/^/gm, '  ')}\n`,
      });
      const entry = (yaml.load(patches) as { patch: string }[])[0]!;
      const ours = selects(toPatch(entry.patch, undefined)!, subjectOf(yaml.load(kustomization) as Record<string, unknown>));
      expect({ apiVersion, namespace, matches: ours }).toEqual({ apiVersion, namespace, matches: !('error' in built) });
    }
  });
});

describe('patch values', () => {
  it('never mutates the object it patches', () => {
    const value = yaml.load(kustomization) as Record<string, unknown>;
    const before = structuredClone(value);
    applyPatch(toPatch('- {op: remove, path: /spec/dependsOn/0}', { kind: 'Kustomization' })!, value);
    applyPatch(toPatch('spec: {interval: null, postBuild: {substitute: {A: "2"}}}', undefined)!, value);
    expect(value).toEqual(before);
  });

  it('a list of operations needs a target, a mapping is a strategic merge, anything else is no patch', () => {
    expect(toPatch('- {op: remove, path: /spec}', undefined)).toBeUndefined();
    expect(toPatch('- {op: remove, path: /spec}', { kind: 'X' })?.type).toBe('json6902');
    expect(toPatch('spec: {}', undefined)?.type).toBe('merge');
    expect(toPatch('just text', undefined)).toBeUndefined();
    expect(toPatch('a: [unclosed', undefined)).toBeUndefined();
  });

  it('$patch: delete removes the object', () => {
    expect(applyPatch(toPatch('$patch: delete\nkind: X', undefined)!, { kind: 'X' })).toBeUndefined();
  });

  it.each([
    ['tier=apps', true],
    ['tier==apps', true],
    ['tier!=apps', false],
    ['tier in (db, apps)', true],
    ['tier notin (apps)', false],
    ['tier', true],
    ['!tier', false],
    ['tier=apps,env', false],
    ['', true],
  ])('label selector %j', (selector, expected) => {
    expect(matchesSelector(selector, { tier: 'apps' })).toBe(expected);
  });
});
