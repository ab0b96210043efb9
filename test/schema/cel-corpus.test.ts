/**
 * CEL over the real repositories in ../shared/corpus (skipped visibly when absent). What the corpus holds is known, so
 * the results are asserted: kinds whose rules must be evaluated, that every rule not evaluated is a transition rule or
 * reads a Flux ${VAR} (no function the evaluator lacks, no evaluation error), the only violations (two HelmRelease
 * patches, which are partial objects), and no schema-cel finding when linting, since patches are not judged.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { loadRepo } from '../../src/load/index.js';
import { evaluateValidations } from '../../src/schema/cel/index.js';
import { SchemaStore } from '../../src/schema/index.js';
import { CORPUS_DIR, corpusAbsent, corpusRepos, itEachCorpusRepo, needsCorpus } from '../support/corpus.js';

interface CorpusCel {
  evaluated: number;
  kinds: Set<string>;
  /** Why rules were not evaluated (SkipKind), by kind. */
  skips: Set<string>;
  violations: string[];
}

/** Every CEL rule of every document with a bundled schema (patches included), over the whole corpus. */
async function evaluateCorpus(): Promise<CorpusCel> {
  const store = new SchemaStore();
  const out: CorpusCel = { evaluated: 0, kinds: new Set(), skips: new Set(), violations: [] };
  for (const name of corpusRepos()) {
    const repo = await loadRepo(path.join(CORPUS_DIR, name));
    for (const doc of repo.files.flatMap((f) => f.documents)) {
      if (doc.class !== 'k8s' || !doc.apiVersion || !doc.kind) continue;
      const location = store.locate(doc.apiVersion, doc.kind);
      if (!location) continue;
      const { schema, definitions } = store.rawSchema(location);
      const result = evaluateValidations(schema, definitions, doc.value);
      out.evaluated += result.evaluated;
      if (result.evaluated > 0) out.kinds.add(doc.kind);
      for (const s of result.skipped) out.skips.add(`${doc.kind}: ${s.kind}`);
      for (const v of result.violations) out.violations.push(`${name}/${doc.file} ${doc.kind} ${v.path.join('.')}: ${v.message}`);
    }
  }
  return out;
}

describe('schema-cel over the corpus', () => {
  it.skipIf(corpusAbsent)(needsCorpus('evaluates the CEL rules of real objects, with the known results'), async () => {
    const cel = await evaluateCorpus();
    expect(cel.evaluated).toBeGreaterThan(2000);
    // Flux, Gateway API, Envoy Gateway, CloudNativePG, Grafana and prometheus-operator objects of the corpus.
    expect([...cel.kinds]).toEqual(
      expect.arrayContaining(['ArtifactGenerator', 'GitRepository', 'HelmRelease', 'ImagePolicy', 'Kustomization', 'Provider', 'Receiver', 'Gateway', 'HTTPRoute']),
    );
    expect([...cel.kinds]).toEqual(expect.arrayContaining(['SecurityPolicy', 'Cluster', 'Database', 'GrafanaDashboard', 'ScrapeConfig']));
    // Rules on oldSelf run on updates only; a rule reading a Flux ${VAR} waits for its value. Nothing else is skipped.
    expect([...cel.skips].filter((s) => !/: (transition|substitution)$/.test(s))).toEqual([]);
    expect([...cel.skips]).toEqual(expect.arrayContaining(['GatewayClass: transition', 'SecurityPolicy: substitution']));
    expect(cel.violations).toEqual([
      'tholinka__home-ops/kubernetes/components/dragonfly/app-template/patch-helmrelease.yaml HelmRelease spec: either chart or chartRef must be set',
      'tholinka__home-ops/kubernetes/components/dragonfly/helm-tunnel/patch-helmrelease.yaml HelmRelease spec: either chart or chartRef must be set',
    ]);
  });

  itEachCorpusRepo('lints %s with schema-cel: no finding (the only violations are in patches)', async (name) => {
    const result = await lint(path.join(CORPUS_DIR, name), { config: { extends: 'none', rules: { 'schema-cel': 'error' } } });
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });
});
