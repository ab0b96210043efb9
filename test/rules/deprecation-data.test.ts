/**
 * The shipped deprecation data (rules/data/deprecations.json) and the source tables of the rule pages are generated
 * from ../shared/upstream/deprecations.yaml by scripts/generate-deprecations.mjs: regenerating gives the committed
 * files byte for byte. Plus what the data must hold for the rules to be right, checked against the table itself.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deprecationData } from '../../src/k8s/deprecations/data.js';
import { needsUpstream, upstreamAbsent, UPSTREAM_DIR } from '../support/corpus.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const script = path.join(repoRoot, 'scripts', 'generate-deprecations.mjs');
const pages = fs.readdirSync(path.join(repoRoot, 'docs', 'rules')).filter((f) => fs.readFileSync(path.join(repoRoot, 'docs', 'rules', f), 'utf8').includes('<!-- deprecations:'));

describe.skipIf(upstreamAbsent)(needsUpstream('generate-deprecations.mjs against ../shared/upstream'), () => {
  it('regenerates the committed data and the rule pages’ source tables byte for byte', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-deprecations-'));
    fs.mkdirSync(path.join(out, 'docs', 'rules'), { recursive: true });
    // The pages with their tables emptied: the generator must write them back.
    for (const page of pages) {
      const text = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', page), 'utf8');
      fs.writeFileSync(path.join(out, 'docs', 'rules', page), text.replace(/(<!-- deprecations:([a-z-]+) -->\n)[\s\S]*?(<!-- \/deprecations:\2 -->)/g, '$1$3'));
    }
    execFileSync(process.execPath, [script, '--upstream', UPSTREAM_DIR, '--out', out], { stdio: 'pipe' });
    const generated = fs.readFileSync(path.join(out, 'rules', 'data', 'deprecations.json'), 'utf8');
    expect(generated === fs.readFileSync(path.join(repoRoot, 'rules', 'data', 'deprecations.json'), 'utf8'), 'rules/data/deprecations.json is stale: run npm run deprecations').toBe(true);
    for (const page of pages) {
      const text = fs.readFileSync(path.join(out, 'docs', 'rules', page), 'utf8');
      expect(text === fs.readFileSync(path.join(repoRoot, 'docs', 'rules', page), 'utf8'), `docs/rules/${page} tables are stale: run npm run deprecations`).toBe(true);
    }
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('keeps every Flux, Kubernetes and legacy row of the table, each with its sources', () => {
    const raw = parse(fs.readFileSync(path.join(UPSTREAM_DIR, 'deprecations.yaml'), 'utf8')) as Record<string, { apiVersion: string; kind: string }[]>;
    const data = deprecationData();
    const keys = (rows: { apiVersion: string; kind: string }[]) => rows.map((r) => `${r.apiVersion} ${r.kind}`);
    expect(keys(data.fluxApis)).toEqual(keys(raw.flux!));
    expect(keys(data.kubernetes)).toEqual(keys(raw.kubernetes!));
    expect(keys(data.fluxLegacy)).toEqual(keys(raw.fluxLegacy!));
    for (const row of [...data.fluxApis, ...data.kubernetes, ...data.fluxFields, ...data.kustomizeFields, ...data.companions]) {
      expect(row.sources.length, row.row).toBeGreaterThan(0);
    }
  });
});

describe('the shipped deprecation data', () => {
  it('dates the Flux removal waves as the announcements do', () => {
    const removed = (apiVersion: string, kind: string) => deprecationData().fluxApis.find((r) => r.apiVersion === apiVersion && r.kind === kind)?.removedIn;
    expect(removed('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease')).toBe('2.7.0');
    expect(removed('helm.toolkit.fluxcd.io/v2beta2', 'HelmRelease')).toBe('2.8.0');
    expect(removed('kustomize.toolkit.fluxcd.io/v1beta2', 'Kustomization')).toBe('2.8.0');
    expect(removed('notification.toolkit.fluxcd.io/v1beta2', 'Alert')).toBe('2.9.0');
    expect(removed('image.toolkit.fluxcd.io/v1beta2', 'ImagePolicy')).toBe('2.9.0');
  });

  it('maps every AKS extension version to the Flux it runs, and covers every kustomize field the rule names', () => {
    const data = deprecationData();
    expect(data.aksExtension.versions.find((v) => v.extension === '1.24.1')?.flux).toBe('2.7.5');
    expect(data.aksExtension.versions.find((v) => v.extension === '1.22.2')?.flux).toBe('2.6.4');
    expect(data.kustomizeFields.map((r) => r.field)).toEqual([
      'bases',
      'patchesStrategicMerge',
      'patchesJson6902',
      'commonLabels',
      'vars',
      'imageTags',
      'configMapGenerator[].env / secretGenerator[].env',
      'helmChartInflationGenerator',
    ]);
  });
});
