/** kustomize field migrations on text: the result (exact text) for each field, and refusals with their reason. */
import { describe, expect, it } from 'vitest';
import { migrateKustomization, migrateKustomizationField, type KustomizeFixableField } from '../../../src/checks/migrate/kustomize.js';
import type { Migration } from '../../../src/checks/migrate/verify.js';

const files: Record<string, number> = { 'patch.yaml': 1, 'two.yaml': 2, 'patches/replicas.yaml': 1 };

function apply(text: string, fields?: KustomizeFixableField[]): string | { refused: string } {
  const m: Migration = migrateKustomization({ text, start: 0, patchFileDocuments: (ref) => files[ref] }, fields);
  if ('refused' in m) return m;
  return text.slice(0, m.fix.range[0]) + m.fix.text + text.slice(m.fix.range[1]);
}

describe('migrateKustomization', () => {
  it.each([
    {
      name: 'bases renamed to resources when there is none, comments kept',
      before: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n# the base\nbases: # old\n  - ../base # shared\n  # - ../other\nnamespace: x\n',
      after: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n# the base\nresources: # old\n  - ../base # shared\n  # - ../other\nnamespace: x\n',
    },
    {
      name: 'bases appended to resources, at its indentation',
      before: 'resources:\n- a.yaml\n# tail of resources\nbases:\n    - ../base # b\nnamespace: x\n',
      after: 'resources:\n- a.yaml\n- ../base # b\n# tail of resources\nnamespace: x\n',
    },
    {
      name: 'a key-line comment moves with the items',
      before: 'resources:\n  - a.yaml\nbases: # from v2\n  - ../base\n',
      after: 'resources:\n  - a.yaml\n  # from v2\n  - ../base\n',
    },
    {
      name: 'imageTags renamed to images',
      before: 'imageTags:\n  - name: nginx\n    newTag: "1.2"\n',
      after: 'images:\n  - name: nginx\n    newTag: "1.2"\n',
    },
    {
      name: 'patchesStrategicMerge: a file becomes path, an inline patch becomes patch',
      before: 'resources: [a.yaml]\npatchesStrategicMerge:\n  - patch.yaml # replicas\n  - |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n',
      after: 'resources: [a.yaml]\npatches:\n  - path: patch.yaml # replicas\n  - patch: |-\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: c\n',
    },
    {
      name: 'patchesStrategicMerge go first in patches (kustomize applied them first), patchesJson6902 last',
      before:
        'patchesStrategicMerge:\n- patches/replicas.yaml\npatches:\n- path: b.yaml\n  target: {kind: Deployment}\npatchesJson6902:\n- target:\n    kind: Service\n    name: s\n  path: ops.yaml\n',
      after: 'patches:\n- path: patches/replicas.yaml\n- path: b.yaml\n  target: {kind: Deployment}\n- target:\n    kind: Service\n    name: s\n  path: ops.yaml\n',
    },
    {
      name: 'commonLabels becomes a labels item with includeSelectors',
      before: 'commonLabels:\n  app: web # the app\n  tier: front\nresources:\n  - a.yaml\n',
      after: 'labels:\n- pairs:\n    app: web # the app\n    tier: front\n  includeSelectors: true\nresources:\n  - a.yaml\n',
    },
    {
      name: 'commonLabels in flow style appended to labels',
      before: 'labels:\n  - pairs: {team: a}\ncommonLabels: {app: web}\n',
      after: 'labels:\n  - pairs: {team: a}\n  - pairs: {app: web}\n    includeSelectors: true\n',
    },
    {
      name: 'a generator env becomes envs, each item on its own, comments kept',
      before: 'configMapGenerator:\n  - name: app\n    env: app.env # the settings\nsecretGenerator:\n  - name: creds\n    # legacy form\n    env: creds.env\n    type: Opaque\n',
      after: 'configMapGenerator:\n  - name: app\n    envs:\n      - app.env # the settings\nsecretGenerator:\n  - name: creds\n    # legacy form\n    envs:\n      - creds.env\n    type: Opaque\n',
    },
    {
      name: 'a generator env goes last in envs (FixKustomization appends it), an empty one is dropped',
      before: 'configMapGenerator:\n- name: app\n  envs:\n  - a.env\n  env: b.env\n- name: other\n  env: ""\n  literals:\n  - k=v\n',
      after: 'configMapGenerator:\n- name: app\n  envs:\n  - a.env\n  - b.env\n- name: other\n  literals:\n  - k=v\n',
    },
  ])('$name', ({ before, after }) => {
    expect(apply(before)).toBe(after);
    expect(apply(after as string)).toEqual({ refused: 'nothing to migrate' });
  });

  it.each([
    { name: 'a generator item whose env shares the line of its dash', before: 'configMapGenerator:\n- env: a.env\n  name: app\n', reason: 'a key shares its line with other content' },
    { name: 'a patch file with two documents', before: 'patchesStrategicMerge:\n  - two.yaml\n', reason: 'two.yaml holds 2 documents: split it into one file per patch, then list each under patches' },
    { name: 'a label in both commonLabels and labels', before: 'labels:\n- pairs: {app: a}\ncommonLabels:\n  app: b\n', reason: 'label app is in both commonLabels and labels: merge them by hand' },
    { name: 'a target list in flow style', before: 'resources: [a.yaml]\nbases:\n  - ../base\n', reason: 'resources is empty or in flow style' },
  ])('refuses $name', ({ before, reason }) => {
    expect(apply(before)).toEqual({ refused: reason });
  });

  it('migrates only the fields asked for', () => {
    expect(apply('bases:\n- a\nimageTags:\n- name: x\n', ['imageTags'])).toBe('bases:\n- a\nimages:\n- name: x\n');
  });

  it('gives the smallest edit, at the document\'s offset in its file', () => {
    const m = migrateKustomization({ text: 'kind: Kustomization\nbases:\n- a\n', start: 100, patchFileDocuments: () => undefined });
    // 'bases' -> 'resources' share their last two letters: only 'bas' is replaced.
    expect(m).toEqual({ fix: { range: [120, 123], text: 'resourc' } });
  });

  it('changes nothing when there is nothing to migrate', () => {
    expect(apply('resources:\n- a\n')).toEqual({ refused: 'nothing to migrate' });
  });
});

describe('a document whose text ends without a newline (the next document or the end of the file follows)', () => {
  it.each([
    { name: 'renamed in place', before: 'patchesStrategicMerge:\n  - patch.yaml', after: 'patches:\n  - path: patch.yaml' },
    { name: 'appended at the end', before: 'bases:\n  - ../base\nresources:\n  - a.yaml', after: 'resources:\n  - a.yaml\n  - ../base' },
    { name: 'commonLabels last', before: 'resources:\n- a\ncommonLabels:\n  app: web', after: 'resources:\n- a\nlabels:\n- pairs:\n    app: web\n  includeSelectors: true' },
  ])('$name', ({ before, after }) => {
    expect(apply(before)).toBe(after);
  });
});

describe('migrateKustomizationField', () => {
  const input = (text: string) => ({ text, start: 0, patchFileDocuments: (ref: string) => files[ref] });
  it('gives every field of a document the same edit, moving all migratable fields at once', () => {
    const text = 'patchesStrategicMerge:\n  - patch.yaml\npatchesJson6902:\n  - target: {kind: Service}\n    path: ops.yaml\ncommonLabels:\n  a: b\nlabels:\n- pairs: {a: c}\n';
    const smp = migrateKustomizationField(input(text), 'patchesStrategicMerge');
    expect(migrateKustomizationField(input(text), 'patchesJson6902')).toEqual(smp);
    // commonLabels conflicts with labels: it keeps its refusal and is left out of the others' edit.
    expect(migrateKustomizationField(input(text), 'commonLabels')).toEqual({ refused: 'label a is in both commonLabels and labels: merge them by hand' });
    if (!('fix' in smp)) throw new Error(smp.refused);
    const after = text.slice(0, smp.fix.range[0]) + smp.fix.text + text.slice(smp.fix.range[1]);
    expect(after).toBe('patches:\n  - path: patch.yaml\n  - target: {kind: Service}\n    path: ops.yaml\ncommonLabels:\n  a: b\nlabels:\n- pairs: {a: c}\n');
  });
});
