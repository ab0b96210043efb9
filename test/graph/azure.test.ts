/**
 * AKS / Azure Arc entry points: one AKS-style repository whose only cluster entry point is a Flux configuration, given
 * as Bicep, as an ARM template, as Terraform, or in .gitops-lint.yaml. Every form gives the same cluster, the same
 * Flux objects (named as the microsoft.flux extension names them) and the same findings, each at the line of the
 * declaring file that writes the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { lint } from '../../src/index.js';
import { loadRepo } from '../../src/load/index.js';
import { defaultConfig, resolveConfig } from '../../src/config/index.js';
import { writeRepo } from '../support/rule-tester.js';
import { CORPUS_DIR, corpusAbsent, needsCorpus } from '../support/corpus.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/azure');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** The repository's own manifests: what the configuration's kustomizations apply. */
const MANIFESTS: Record<string, string> = {
  'infrastructure/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\n',
  'infrastructure/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
  'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - settings.yaml\n',
  'apps/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  env: ${cluster_env}\n  region: ${region}\n',
};

/** 1-based line of the first line of `text` containing `needle` (after `after`, when given). */
function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in the fixture`);
  return i + 1;
}

interface Form {
  form: string;
  file: string;
  fixture: string;
  /** Where each finding must point, found in the fixture's text. */
  dependsOnLine: (t: string) => number;
  pruneLine: (t: string) => number;
  pathLine: (t: string) => number;
  /** postBuild.substitute of the apps Kustomization (the az string form has none). */
  substitute?: Record<string, string>;
  /** The variables of apps/settings.yaml the apps Kustomization leaves undefined. */
  undefinedVariables: string[];
}

const FORMS: Form[] = [
  {
    form: 'Bicep',
    file: 'infra/aks.bicep',
    fixture: 'aks.bicep',
    dependsOnLine: (t) => lineOf(t, "'databases'"),
    pruneLine: (t) => lineOf(t, 'apps: {'),
    pathLine: (t) => lineOf(t, "'./monitoring'"),
    substitute: { cluster_env: 'prod' },
    undefinedVariables: ['region'],
  },
  {
    form: 'ARM JSON (nested deployment)',
    file: 'infra/azuredeploy.json',
    fixture: 'azuredeploy.json',
    dependsOnLine: (t) => lineOf(t, '"databases"'),
    pruneLine: (t) => lineOf(t, '"apps": {'),
    pathLine: (t) => lineOf(t, '"./monitoring"'),
    substitute: { cluster_env: 'prod' },
    undefinedVariables: ['region'],
  },
  {
    form: 'Terraform',
    file: 'terraform/main.tf',
    fixture: 'main.tf',
    dependsOnLine: (t) => lineOf(t, '"databases"'),
    pruneLine: (t) => lineOf(t, '"apps"'),
    pathLine: (t) => lineOf(t, '"./monitoring"'),
    substitute: { cluster_env: 'prod' },
    undefinedVariables: ['region'],
  },
  {
    form: '.gitops-lint.yaml (Azure REST shape)',
    file: '.gitops-lint.yaml',
    fixture: 'gitops-lint.yaml',
    dependsOnLine: (t) => lineOf(t, 'databases'),
    pruneLine: (t) => lineOf(t, 'apps:'),
    pathLine: (t) => lineOf(t, './monitoring'),
    substitute: { cluster_env: 'prod' },
    undefinedVariables: ['region'],
  },
  {
    form: '.gitops-lint.yaml (az --kustomization strings)',
    file: '.gitops-lint.yaml',
    fixture: 'gitops-lint-az.yaml',
    dependsOnLine: (t) => lineOf(t, 'name=apps'),
    pruneLine: (t) => lineOf(t, 'name=apps'),
    pathLine: (t) => lineOf(t, 'name=monitoring'),
    // No postBuild at all: Flux substitutes nothing, so nothing is undefined.
    undefinedVariables: [],
  },
];

const KUSTOMIZATIONS = ['cluster-config-apps', 'cluster-config-infra', 'cluster-config-monitoring'];

describe('AKS Flux configurations as cluster entry points', () => {
  describe.each(FORMS)('$form', (form) => {
    const files = { ...MANIFESTS, [form.file]: fixture(form.fixture) };

    it('gives the cluster the extension makes: a source named after the configuration, <configuration>-<kustomization> Kustomizations', async () => {
      const dir = writeRepo(files);
      const graph = buildGraph(await loadRepo(dir), resolveConfig(dir).config);
      expect(graph.mode).toBe('roots');
      expect(graph.clusters.map((c) => [c.name, c.origin, c.enforcesMultiTenancy])).toEqual([['aks-prod', 'azure', true]]);
      const [cluster] = graph.clusters;
      expect(cluster!.sources.map((s) => `${s.kind} ${s.namespace}/${s.name}`)).toEqual(['GitRepository cluster-config/cluster-config']);
      const ks = [...cluster!.kustomizations].sort((a, b) => a.name.localeCompare(b.name));
      expect(ks.map((k) => `${k.namespace}/${k.name}`)).toEqual(KUSTOMIZATIONS.map((n) => `cluster-config/${n}`));
      const [apps, infra, monitoring] = ks;
      // prune as written, absent when the configuration leaves it to the default (false)
      expect([apps!.prune, infra!.prune, monitoring!.prune]).toEqual([undefined, true, true]);
      expect(apps!.dependsOn.map((d) => `${d.namespace}/${d.name}`)).toEqual(['cluster-config/cluster-config-infra', 'cluster-config/cluster-config-databases']);
      expect(apps!.sourceIsThisRepo).toBe(true);
      expect([apps!.path?.status, monitoring!.path?.status]).toEqual(['dir', 'missing']);
      expect((apps!.value as { spec: { wait: unknown } }).spec.wait).toBe(true);
      expect(apps!.postBuild?.substitute).toEqual(form.substitute);
      // What the paths apply is on the cluster
      expect(cluster!.objects.map((o) => `${o.id.kind}/${o.id.name}`)).toEqual(expect.arrayContaining(['Namespace/shop', 'ConfigMap/settings']));
    });

    it('gets the findings an in-repo Kustomization gets, at the lines of the declaring file', async () => {
      const result = await lint(writeRepo(files), {}, builtinChecks);
      const text = files[form.file]!;
      const found = result.findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line, message: f.message }));
      expect(found).toEqual(
        expect.arrayContaining([
          {
            ruleId: 'flux-dependson-missing',
            file: form.file,
            line: form.dependsOnLine(text),
            message: 'Kustomization "cluster-config-apps" depends on Kustomization "cluster-config-databases" which does not exist on cluster "aks-prod"; did you mean \"cluster-config-infra\"?',
          },
          { ruleId: 'flux-kustomization-prune', file: form.file, line: form.pruneLine(text), message: expect.stringContaining('"cluster-config-apps" does not set spec.prune') },
          { ruleId: 'flux-path-missing', file: form.file, line: form.pathLine(text), message: expect.stringContaining('"./monitoring" does not exist') },
          // postBuild.substitute of the configuration is what the apps Kustomization substitutes
          ...form.undefinedVariables.map((name) => ({
            ruleId: 'postbuild-variable-undefined',
            file: 'apps/settings.yaml',
            line: lineOf(MANIFESTS['apps/settings.yaml']!, `\${${name}}`),
            message: expect.stringContaining(`variable \${${name}} is not defined in spec.postBuild of Kustomization "cluster-config-apps" (cluster "aks-prod")`),
          })),
        ]),
      );
      expect(found.length, JSON.stringify(found, null, 1)).toBe(3 + form.undefinedVariables.length);
    });
  });

  /** Each form's fixture without `infra` in the apps kustomization's dependsOn (databases stays). */
  const WITHOUT_INFRA: Record<string, (text: string) => string> = {
    'aks.bicep': (t) => t.replace(/\n\s*'infra'(?=\n\s*'databases')/, ''),
    'azuredeploy.json': (t) => t.replace('"infra", "databases"', '"databases"'),
    'main.tf': (t) => t.replace('"infra", "databases"', '"databases"'),
    'gitops-lint.yaml': (t) => t.replace('[infra, databases]', '[databases]'),
    'gitops-lint-az.yaml': (t) => t.replace('[infra,databases]', '[databases]'),
  };

  it.each(FORMS)('$form: a missing sibling dependency names the sibling to add, at the dependsOn list', async (form) => {
    const text = WITHOUT_INFRA[form.fixture]!(fixture(form.fixture));
    expect(text).not.toBe(fixture(form.fixture));
    const result = await lint(writeRepo({ ...MANIFESTS, [form.file]: text }), {}, builtinChecks);
    const found = result.findings.filter((f) => f.ruleId === 'flux-dependson-required').map((f) => ({ file: f.file, line: f.line, message: f.message }));
    expect(found).toEqual([
      {
        file: form.file,
        line: form.dependsOnLine(text),
        message:
          'Kustomization "cluster-config-apps" applies objects in namespace "shop" created by Kustomization "cluster-config-infra" but does not depend on it; add "infra" to the dependsOn of kustomization "apps" in Flux configuration "cluster-config"',
      },
    ]);
  });

  it('a Git configuration whose URL is not one of the repo remotes is another repository: its paths are not this repo', async () => {
    const dir = writeRepo({ ...MANIFESTS, 'infra/aks.bicep': fixture('aks.bicep'), '.git/config': '[remote "origin"]\n\turl = git@github.com:example/platform.git\n' });
    const graph = buildGraph(await loadRepo(dir), defaultConfig());
    const ks = graph.clusters[0]!.kustomizations;
    expect(ks.every((k) => !k.sourceIsThisRepo && k.path === undefined)).toBe(true);
    expect(graph.clusters[0]!.objects.some((o) => o.id.kind === 'Namespace')).toBe(false);
  });

  it('the same URL as a remote (ssh vs https) is this repository', async () => {
    const dir = writeRepo({ ...MANIFESTS, 'infra/aks.bicep': fixture('aks.bicep'), '.git/config': '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:example/aks-fleet.git\n' });
    const graph = buildGraph(await loadRepo(dir), defaultConfig());
    expect(graph.clusters[0]!.kustomizations.every((k) => k.sourceIsThisRepo)).toBe(true);
  });

  it.skipIf(corpusAbsent)(needsCorpus('mspnp/aks-baseline is read through the fluxConfigurations resource of its Bicep'), async () => {
    const graph = buildGraph(await loadRepo(path.join(CORPUS_DIR, 'mspnp__aks-baseline')), defaultConfig());
    expect(graph.mode).toBe('roots');
    expect(graph.clusters.map((c) => c.origin)).toEqual(['azure']);
    const [k] = graph.clusters[0]!.kustomizations;
    expect([k!.namespace, k!.name, k!.prune, k!.path?.path, k!.sourceIsThisRepo]).toEqual(['flux-system', 'bootstrap-unified', true, 'cluster-manifests', true]);
    expect(graph.clusters[0]!.objects.some((o) => o.doc.file === 'cluster-manifests/a0008/ns-a0008.yaml')).toBe(true);
  });
});
