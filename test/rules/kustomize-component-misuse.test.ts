import { describe, expect, it } from 'vitest';
import { hasKubectl, kustomizeBuild, NO_KUBECTL } from '../support/kubectl.js';
import { ruleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const k = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const component = (body: string) => `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n${body}`;
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

const valid: ValidCase[] = [
  {
    name: 'components under components, kustomizations under resources',
    files: {
      'app/kustomization.yaml': k('resources:\n  - ../base\ncomponents:\n  - ../comp\n'),
      'base/kustomization.yaml': k('resources:\n  - cm.yaml\n'),
      'base/cm.yaml': cm('a'),
      'comp/kustomization.yaml': component('resources:\n  - cm.yaml\n'),
      'comp/cm.yaml': cm('b'),
    },
  },
  {
    name: 'a component listing a component under components',
    files: {
      'app/kustomization.yaml': k('components:\n  - ../outer\n'),
      'outer/kustomization.yaml': component('components:\n  - ../inner\n'),
      'inner/kustomization.yaml': component('resources:\n  - cm.yaml\n'),
      'inner/cm.yaml': cm('a'),
    },
  },
];

const invalid: (InvalidCase & { kustomize: string })[] = [
  {
    name: 'a component under resources',
    files: {
      'app/kustomization.yaml': k('resources:\n  - ../comp\n'),
      'comp/kustomization.yaml': component('resources:\n  - cm.yaml\n'),
      'comp/cm.yaml': cm('a'),
    },
    kustomize: "expected kind != 'Component'",
    errors: [
      {
        file: 'app/kustomization.yaml',
        line: 4,
        column: 5,
        message:
          'resources entry "../comp" is a kustomize Component (comp/kustomization.yaml has kind: Component); list it under components: ' +
          `kustomize fails with "expected kind != 'Component'"`,
      },
    ],
  },
  {
    name: 'a component under the deprecated bases, from inside a component',
    files: {
      'app/kustomization.yaml': k('components:\n  - ../outer\n'),
      'outer/kustomization.yaml': component('bases:\n  - ../comp\n'),
      'comp/kustomization.yaml': component('resources:\n  - cm.yaml\n'),
      'comp/cm.yaml': cm('a'),
    },
    kustomize: "expected kind != 'Component'",
    errors: [{ file: 'outer/kustomization.yaml', line: 4, message: /^bases entry "..\/comp" is a kustomize Component \(comp\/kustomization.yaml/ }],
  },
  {
    name: 'a plain kustomization under components, with and without kind',
    files: {
      'app/kustomization.yaml': k('components:\n  - ../base\n  - ../kindless\n'),
      'base/kustomization.yaml': k('resources:\n  - cm.yaml\n'),
      'base/cm.yaml': cm('a'),
      'kindless/kustomization.yaml': 'resources:\n  - cm.yaml\n',
      'kindless/cm.yaml': cm('b'),
    },
    kustomize: "expected kind 'Component' for path",
    errors: [
      {
        file: 'app/kustomization.yaml',
        line: 4,
        message:
          'components entry "../base" is a plain kustomization, not a Component (base/kustomization.yaml has kind: Kustomization); list it under ' +
          `resources, or make it kind: Component: kustomize fails with "expected kind 'Component' ... but got 'Kustomization'"`,
      },
      { file: 'app/kustomization.yaml', line: 5, message: /^components entry "..\/kindless" is a plain kustomization, not a Component \(kindless\/kustomization.yaml/ },
    ],
  },
];

ruleTester.run('kustomize-component-misuse', { valid, invalid });

describe.skipIf(!hasKubectl)(`kustomize-component-misuse as kubectl kustomize builds (${hasKubectl ? 'kubectl found' : NO_KUBECTL})`, () => {
  it.each(valid)('builds: $name', ({ files }) => {
    const built = kustomizeBuild(files, 'app');
    expect('error' in built ? built.error : '').toBe('');
  });
  it.each(invalid)('fails: $name', ({ files, kustomize }) => {
    const built = kustomizeBuild(files, 'app');
    expect('error' in built ? built.error : 'built without error').toContain(kustomize);
  });
});
