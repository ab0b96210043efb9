/**
 * Proof that --fix migrations are safe (issue 8 part 4): on a repo using every migrated form and on copies of two
 * corpus repos, --fix removes every finding it has a fix for, keeps every comment, changes nothing when run again,
 * and every kustomize overlay renders the same objects with `kubectl kustomize`, modulo migrated apiVersions and the
 * Flux fields moved on purpose. The findings are the shipped deprecation rules' (api-deprecated, flux-field-deprecated,
 * kustomize-field-deprecated) with the built-in checks, as `gitops-lint --fix` runs them, judged against Flux 2.9 (the
 * release where every beta the fixtures use is gone, so each of their moves is an error with its fix).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import type { LintOptions } from '../../src/engine/types.js';
import { fixRepo } from '../../src/fix/run.js';
import { CORPUS_DIR, corpusAbsent, needsCorpus } from '../support/corpus.js';
import { tempRepos } from '../support/temp-repo.js';
import { canRenderOffline, commentCounts, differingRenders, NO_OFFLINE_KUBECTL, walk } from '../support/fix-proof.js';

if (!canRenderOffline) console.warn(NO_OFFLINE_KUBECTL);

const { write: writeRepo, copy: copyRepo } = tempRepos('gitops-lint-fix-proof-');

/** The rules that judge deprecations (a fixable finding of theirs must be gone after --fix). */
const DEPRECATION_RULES = new Set(['api-deprecated', 'api-version-unknown', 'flux-field-deprecated', 'kustomize-field-deprecated']);
const options: LintOptions = { fluxVersion: '2.9' };

interface Proof {
  fixedFiles: number;
  /** Fixes the deprecation rules' findings carried and --fix applied, by rule, over every pass. */
  deprecationFixes: Record<string, number>;
  remainingFixable: number;
  refused: string[];
  commentsBefore: Record<string, number>;
  commentsAfter: Record<string, number>;
  secondRunFixed: number;
  renderedDirs: number;
  differingDirs: string[];
}

/** Directories whose build may include a changed file: those holding one below them, and those reaching outside themselves. */
function affectedDirs(root: string, dirs: readonly string[], changed: readonly string[]): string[] {
  return dirs.filter((dir) => {
    if (changed.some((f) => dir === '' || f.startsWith(`${dir}/`))) return true;
    const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((n) => path.join(root, dir, n)).find((f) => fs.existsSync(f));
    return file !== undefined && fs.readFileSync(file, 'utf8').includes('..');
  });
}

/** Fixes `root` (a copy); `pristine` is an untouched copy of the same files, rendered for comparison. */
async function prove(root: string, pristine: string | undefined): Promise<Proof> {
  const { yamlFiles, kustomizeDirs } = walk(root);
  const commentsBefore = commentCounts(root, yamlFiles);
  const first = await fixRepo(root, options, builtinChecks, { dryRun: false });
  const deprecations = first.result.findings.filter((f) => DEPRECATION_RULES.has(f.ruleId));
  const second = await fixRepo(root, options, builtinChecks, { dryRun: false });
  const renders = pristine ? await differingRenders(pristine, root, affectedDirs(root, kustomizeDirs, first.fixed.map((f) => f.file))) : { compared: 0, differing: [] };
  const deprecationFixes: Record<string, number> = {};
  for (const [rule, n] of first.fixed.flatMap((f) => Object.entries(f.byRule))) if (DEPRECATION_RULES.has(rule)) deprecationFixes[rule] = (deprecationFixes[rule] ?? 0) + n;
  return {
    fixedFiles: first.fixed.length,
    deprecationFixes,
    remainingFixable: deprecations.filter((f) => f.fix).length,
    refused: deprecations.map((f) => `${f.file}:${f.line} ${f.message}`),
    commentsBefore,
    commentsAfter: commentCounts(root, yamlFiles),
    secondRunFixed: second.fixed.length,
    renderedDirs: renders.compared,
    differingDirs: renders.differing,
  };
}

const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
# labels for everything
commonLabels:
  app.kubernetes.io/part-of: shop # the shop
bases:
  - ../base # shared base
patchesStrategicMerge:
  - replicas.yaml
  - |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
    data:
      mode: prod
patchesJson6902:
  - target:
      version: v1
      kind: Service
      name: web
    patch: |-
      - op: replace
        path: /spec/ports/0/port
        value: 8080
imageTags:
  - name: nginx
    newTag: "1.27" # pinned
configMapGenerator:
  - name: app-env
    env: app.env # the old singular form
secretGenerator:
  - name: creds
    envs:
      - creds.env
    env: app.env
`;

const base = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n  - configmap.yaml\n  - pdb.yaml\n  - flux.yaml\n  - notify.yaml\n',
  'base/notify.yaml':
    'apiVersion: notification.toolkit.fluxcd.io/v1\nkind: Receiver\nmetadata:\n  name: github\n  namespace: flux-system\nspec:\n  type: github\n  secretRef:\n    name: webhook-token\n  resources:\n    - apiVersion: kustomize.toolkit.fluxcd.io/v1beta2 # the app\n      kind: Kustomization\n      name: web\n---\n' +
    'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata:\n  name: slack\n  namespace: flux-system\nspec:\n  type: slack\n  interval: 5m # unused since v1beta3\n  channel: ops\n---\napiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: web\n  namespace: flux-system\nspec:\n  summary: web in prod # shown in Slack\n  providerRef:\n    name: slack\n  eventSources:\n    - kind: HelmRelease\n      name: web\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: api\n  namespace: flux-system\nspec:\n  interval: 1h\n  install:\n    skipCRDs: false # install them\n    remediation:\n      retries: 3\n  chart:\n    spec:\n      chart: api\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n',
  'base/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n',
  'base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n',
  'base/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: dev\n',
  'base/pdb.yaml': 'apiVersion: policy/v1beta1 # removed in 1.25\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: web}\n',
  'base/flux.yaml':
    '# the app, reconciled by Flux\napiVersion: kustomize.toolkit.fluxcd.io/v1beta2\nkind: Kustomization\nmetadata:\n  name: web\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./overlay\n  prune: true\n  validation: client # old\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  patchesStrategicMerge:\n    - apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: web\n      spec:\n        replicas: 3 # three\n---\napiVersion: helm.toolkit.fluxcd.io/v2beta1\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: flux-system\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: web\n      valuesFile: values.yaml # defaults\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n',
  'overlay/kustomization.yaml': kustomization,
  'overlay/app.env': 'MODE=prod\nLEVEL=info\n',
  'overlay/creds.env': 'USER=web\n',
  'overlay/replicas.yaml': '# scale up\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
};

describe('--fix migrations are safe', () => {
  it('on a repo using every migrated form: fixable findings gone, comments kept, idempotent', async () => {
    const root = writeRepo(base);
    const proof = await prove(root, undefined);
    expect(proof.fixedFiles).toBe(4);
    // The Flux fields moved with their object's apiVersion share api-deprecated's edit; notify.yaml's are field-only.
    expect(proof.deprecationFixes).toEqual({ 'api-deprecated': 4, 'flux-field-deprecated': 3, 'kustomize-field-deprecated': 1 });
    expect(proof.remainingFixable).toBe(0);
    expect(proof.refused).toEqual([]);
    expect(proof.commentsAfter).toEqual(proof.commentsBefore);
    expect(proof.secondRunFixed).toBe(0);
    const fixed = fs.readFileSync(path.join(root, 'overlay/kustomization.yaml'), 'utf8');
    expect(fixed).not.toMatch(/^(bases|patchesStrategicMerge|patchesJson6902|commonLabels|imageTags):/m);
    expect(fs.readFileSync(path.join(root, 'base/pdb.yaml'), 'utf8')).toContain('apiVersion: policy/v1 # removed in 1.25\n');
    expect(fixed).toContain('configMapGenerator:\n  - name: app-env\n    envs:\n      - app.env # the old singular form\n');
    const notify = fs.readFileSync(path.join(root, 'base/notify.yaml'), 'utf8');
    expect(notify).toContain('  type: slack\n  # unused since v1beta3\n  channel: ops\n');
    expect(notify).toContain('    - apiVersion: kustomize.toolkit.fluxcd.io/v1 # the app\n');
    expect(notify).toContain('  eventMetadata:\n    summary: web in prod # shown in Slack\n');
    expect(notify).toContain('  install:\n    # install them\n    remediation:\n');
  });

  it.skipIf(!canRenderOffline)(canRenderOffline ? 'on that repo, kubectl kustomize renders the same objects before and after' : `renders compared (skipped: ${NO_OFFLINE_KUBECTL})`, async () => {
    const proof = await prove(writeRepo(base), writeRepo(base));
    expect(proof.renderedDirs).toBe(2);
    expect(proof.differingDirs).toEqual([]);
  });
});

describe.skipIf(corpusAbsent)('--fix on copies of corpus repos', () => {
  for (const repo of ['toboshii__home-ops', 'stefanprodan__gitops-istio']) {
    it(needsCorpus(`${repo}: every fixable deprecation fixed, comments kept, second run changes nothing${canRenderOffline ? ', overlays render the same' : ''}`), async () => {
      const root = copyRepo(path.join(CORPUS_DIR, repo));
      const proof = await prove(root, canRenderOffline ? copyRepo(path.join(CORPUS_DIR, repo)) : undefined);
      console.log(`${repo}: fixed ${proof.fixedFiles} files (${JSON.stringify(proof.deprecationFixes)}); rendered ${proof.renderedDirs} overlays; no fix for:\n  ${proof.refused.join('\n  ')}`);
      expect(proof.fixedFiles).toBeGreaterThan(0);
      expect(proof.deprecationFixes['api-deprecated']).toBeGreaterThan(0);
      expect(proof.remainingFixable).toBe(0);
      expect(proof.commentsAfter).toEqual(proof.commentsBefore);
      expect(proof.secondRunFixed).toBe(0);
      expect(proof.differingDirs).toEqual([]);
    }, 600_000);
  }
});
