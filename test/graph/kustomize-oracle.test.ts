/**
 * The identities and custom-resource values the graph models for a kustomize build, compared with what
 * `kubectl kustomize` outputs for the same files: namespace (including its renaming of Namespace objects),
 * namePrefix/nameSuffix, nested builds, components, patches with selectors and replacements.
 */
import { describe, expect, it } from 'vitest';
import type { AppliedObject } from '../../src/graph/types.js';
import { hasKubectl, kustomizeBuild, NO_KUBECTL } from '../support/kubectl.js';
import { cluster, graphOf } from './helpers.js';

const k = (body: string, kind = 'Kustomization') => `apiVersion: kustomize.config.k8s.io/${kind === 'Component' ? 'v1alpha1' : 'v1beta1'}\nkind: ${kind}\n${body}`;
const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const cm = (name: string, namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  a: "1"\n`;
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
`;
const fluxKs = (name: string, labels = '') => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
${labels ? `  labels:\n${labels}` : ''}spec:
  interval: 10m
  path: ./somewhere
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

const cases: { name: string; files: Record<string, string>; dir: string }[] = [
  {
    name: 'namespace: renames every Namespace object and moves namespaced objects, not cluster-scoped ones',
    dir: 'app',
    files: {
      'app/kustomization.yaml': k('namespace: media\nresources:\n  - ns.yaml\n  - cm.yaml\n  - crd.yaml\n'),
      'app/ns.yaml': ns('_'),
      'app/cm.yaml': cm('settings', 'elsewhere'),
      'app/crd.yaml': crd,
    },
  },
  {
    name: 'namePrefix and nameSuffix skip Namespace and CustomResourceDefinition',
    dir: 'app',
    files: {
      'app/kustomization.yaml': k('namePrefix: pre-\nnameSuffix: -suf\nresources:\n  - ns.yaml\n  - cm.yaml\n  - crd.yaml\n'),
      'app/ns.yaml': ns('media'),
      'app/cm.yaml': cm('settings'),
      'app/crd.yaml': crd,
    },
  },
  {
    name: 'an outer namespace overrides the inner one; prefixes stack',
    dir: 'overlay',
    files: {
      'overlay/kustomization.yaml': k('namespace: outer\nnamePrefix: o-\nresources:\n  - ../base\n'),
      'base/kustomization.yaml': k('namespace: inner\nnamePrefix: b-\nresources:\n  - cm.yaml\n  - ns.yaml\n'),
      'base/cm.yaml': cm('settings'),
      'base/ns.yaml': ns('not-used'),
    },
  },
  {
    name: 'a component adds its resources and patches what the including build accumulated',
    dir: 'app',
    files: {
      'app/kustomization.yaml': k('namespace: web\nresources:\n  - ks.yaml\ncomponents:\n  - ../component\n'),
      'app/ks.yaml': fluxKs('app', '    tier: apps\n'),
      'component/kustomization.yaml': k(
        'resources:\n  - ns.yaml\npatches:\n  - target: {kind: Kustomization, labelSelector: tier=apps}\n    patch: |\n      - {op: add, path: /spec/prune, value: true}\n',
        'Component',
      ),
      'component/ns.yaml': ns('not-used'),
    },
  },
  {
    name: 'patches of an overlay reach objects of its base, strategic merge by name and JSON 6902 by selector',
    dir: 'overlay',
    files: {
      'overlay/kustomization.yaml': k(
        'resources:\n  - ../base\npatches:\n  - patch: |\n      apiVersion: kustomize.toolkit.fluxcd.io/v1\n      kind: Kustomization\n      metadata:\n        name: a\n        namespace: flux-system\n      spec:\n        wait: true\n  - target: {group: kustomize.toolkit.fluxcd.io, name: "b|c"}\n    patch: |\n      - {op: replace, path: /spec/interval, value: 1h}\n',
      ),
      'base/kustomization.yaml': k('namespace: flux-system\nresources:\n  - ks.yaml\n'),
      'base/ks.yaml': [fluxKs('a'), fluxKs('b'), fluxKs('c')].join('---\n'),
    },
  },
  {
    name: 'replacements copy the renamed Namespace name into every Flux Kustomization targetNamespace',
    dir: 'apps/media',
    files: {
      'apps/media/kustomization.yaml': k('namespace: media\nresources:\n  - ns.yaml\n  - ks.yaml\nreplacements:\n  - path: ../../replacements/ks.yaml\n'),
      'apps/media/ns.yaml': ns('_'),
      'apps/media/ks.yaml': [fluxKs('plex'), fluxKs('sonarr')].join('---\n'),
      'replacements/ks.yaml': `- source:
    kind: Namespace
    fieldPath: metadata.name
  targets:
    - select:
        kind: Kustomization
        group: kustomize.toolkit.fluxcd.io
      fieldPaths:
        - spec.targetNamespace
      options:
        create: true
`,
    },
  },
];

/** `Kind namespace/name` and, for custom resources, the value. */
function summary(objects: { kind: string; namespace?: string; name: string; value?: unknown }[]): string[] {
  return objects.map((o) => `${o.kind} ${o.namespace ?? '-'}/${o.name}${o.value === undefined ? '' : ` ${JSON.stringify(sortKeys(o.value))}`}`).sort();
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, x]) => [key, sortKeys(x)]));
}

const isCustom = (apiVersion: string) => apiVersion.includes('.') && !apiVersion.startsWith('apiextensions.k8s.io');

describe.skipIf(!hasKubectl)(`kustomize builds as kubectl kustomize renders them (${hasKubectl ? 'kubectl found' : NO_KUBECTL})`, () => {
  it.each(cases)('$name', async ({ files, dir }) => {
    const built = kustomizeBuild(files, dir);
    if ('error' in built) throw new Error(built.error);
    const expected = built.objects.map((o) => {
      const meta = o.metadata as { name: string; namespace?: string };
      return { kind: o.kind as string, namespace: meta.namespace, name: meta.name, value: isCustom(o.apiVersion as string) ? o : undefined };
    });
    const graph = await graphOf(files, { entryPoints: [{ cluster: 'oracle', path: `./${dir}` }] });
    const applied = cluster(graph, 'oracle').objects.map((o: AppliedObject) => ({
      kind: o.id.kind,
      namespace: o.id.namespace,
      name: o.id.name,
      value: isCustom(o.id.apiVersion) ? o.value : undefined,
    }));
    expect(summary(applied)).toEqual(summary(expected));
  });
});
