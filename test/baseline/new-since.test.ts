/** Only-new mode on real temporary git repositories: what counts as new, what is left alone, and the errors. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintNewSince } from '../../src/index.js';
import { drawGraph } from '../../src/report/graph/formats.js';
import { pictureOf } from '../../src/report/graph/model.js';
import { bootstrap, kustomization } from '../rules/flux-fixtures.js';
import { commit, commitOnBranch, gitIn, initRepo, untouchedState, writeFiles } from '../support/git-repo.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-newsince-'));
// Our own TMPDIR: the temporary trees only-new mode makes must be gone after each run.
const scratch = path.join(tmp, 'scratch');
const savedTmpdir = process.env.TMPDIR;
beforeAll(() => {
  fs.mkdirSync(scratch);
  process.env.TMPDIR = scratch;
});
afterAll(() => {
  process.env.TMPDIR = savedTmpdir;
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A file with a duplicate key: its message names the line of the first key, which moves when lines are added above. */
const duplicateKey = (padding: number): string =>
  `${'# comment\n'.repeat(padding)}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  namespace: default\ndata:\n  a: one\n  a: two\n`;

const BASE = {
  ...bootstrap('prod'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps/gone'),
  'clusters/prod/dup.yaml': duplicateKey(0),
};

const summary = (findings: readonly { ruleId: string; file: string; line: number }[]): string[] => findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);

describe('lintNewSince', () => {
  let repo: string;
  beforeAll(() => {
    repo = initRepo(tmp, 'fleet', BASE);
    gitIn(repo, 'checkout', '--quiet', '-b', 'feature');
    // Lines above both old findings move them (and the duplicate key message's line number); one new finding.
    commit(
      repo,
      {
        'clusters/prod/apps.yaml': `# moved down\n${kustomization('apps', './apps/gone')}`,
        'clusters/prod/dup.yaml': duplicateKey(3),
        'clusters/prod/infra.yaml': kustomization('infra', './infra/missing'),
      },
      'feature',
    );
  });

  it('reports only the findings the branch added, with what it left out', async () => {
    const before = untouchedState(repo);
    const result = await lintNewSince(repo, 'main');
    expect(summary(result.findings)).toEqual(['flux-path-missing clusters/prod/infra.yaml:8']);
    expect(summary(result.newSince.known).sort()).toEqual(['flux-path-missing clusters/prod/apps.yaml:9', 'yaml-duplicate-key clusters/prod/dup.yaml:11']);
    expect(result.newSince.base).toBe(gitIn(repo, 'rev-parse', 'main').trim());
    expect(result.newSince.changedFiles).toEqual(['clusters/prod/apps.yaml', 'clusters/prod/dup.yaml', 'clusters/prod/infra.yaml']);
    expect(result.root).toBe(repo);
    // The user's checkout, index, stash and worktrees are as they were, and no temporary tree is left behind.
    expect(untouchedState(repo)).toBe(before);
    expect(fs.readdirSync(scratch)).toEqual([]);
  });

  it('lints the working tree as it is: uncommitted and untracked files included', async () => {
    writeFiles(repo, { 'clusters/prod/wip.yaml': kustomization('wip', './wip/missing') });
    try {
      const result = await lintNewSince(repo, 'main');
      expect(summary(result.findings)).toEqual(['flux-path-missing clusters/prod/infra.yaml:8', 'flux-path-missing clusters/prod/wip.yaml:8']);
      expect(result.newSince.changedFiles).toContain('clusters/prod/wip.yaml');
    } finally {
      writeFiles(repo, { 'clusters/prod/wip.yaml': null });
    }
  });

  it('lints a given head commit instead of the working tree', async () => {
    writeFiles(repo, { 'clusters/prod/wip.yaml': kustomization('wip', './wip/missing') });
    try {
      const result = await lintNewSince(repo, 'main', { head: 'feature' });
      expect(summary(result.findings)).toEqual(['flux-path-missing clusters/prod/infra.yaml:8']);
      expect(result.newSince.head).toBe(gitIn(repo, 'rev-parse', 'feature').trim());
      expect(fs.readdirSync(scratch)).toEqual([]);
    } finally {
      writeFiles(repo, { 'clusters/prod/wip.yaml': null });
    }
  });

  it('compares with the merge base, not the ref tip: what main gained since is not the branch\'s', async () => {
    const dir = initRepo(tmp, 'diverged', BASE);
    commitOnBranch(dir, 'topic', { 'clusters/prod/topic.yaml': kustomization('topic', './topic/missing') }, 'topic');
    gitIn(dir, 'checkout', '--quiet', 'main');
    commit(dir, { 'clusters/prod/apps.yaml': null }, 'main fixes the old finding');
    gitIn(dir, 'checkout', '--quiet', 'topic');
    const result = await lintNewSince(dir, 'main');
    expect(summary(result.findings)).toEqual(['flux-path-missing clusters/prod/topic.yaml:8']);
  });

  it('counts duplicates: two identical findings now and one before is one new finding, the one in the changed file', async () => {
    // The same Flux Kustomization (flux-system/apps) in two clusters: one fingerprint, two findings.
    const prod = { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps/gone') };
    const dir = initRepo(tmp, 'counts', prod);
    commitOnBranch(dir, 'staging', { ...bootstrap('staging'), 'clusters/staging/apps.yaml': kustomization('apps', './apps/gone') }, 'a second cluster, same mistake');
    const result = await lintNewSince(dir, 'main');
    expect(summary(result.findings)).toEqual(['flux-path-missing clusters/staging/apps.yaml:8']);
    expect(summary(result.newSince.known)).toEqual(['flux-path-missing clusters/prod/apps.yaml:8']);
  });

  it('lints a folder of the repository against the same folder at the base', async () => {
    const dir = initRepo(tmp, 'mono', Object.fromEntries(Object.entries(BASE).map(([f, t]) => [`deploy/${f}`, t])));
    commitOnBranch(dir, 'sub', { 'deploy/clusters/prod/infra.yaml': kustomization('infra', './infra/missing'), 'README.md': 'outside the root\n' }, 'sub');
    const result = await lintNewSince(path.join(dir, 'deploy'), 'main');
    expect(summary(result.findings)).toEqual(['flux-path-missing clusters/prod/infra.yaml:8']);
    expect(result.newSince.changedFiles).toEqual(['clusters/prod/infra.yaml']);
  });

  it('a folder the base does not have: everything in it is new', async () => {
    const dir = initRepo(tmp, 'new-folder', { 'README.md': 'no manifests yet\n' });
    commitOnBranch(dir, 'add', Object.fromEntries(Object.entries(BASE).map(([f, t]) => [`deploy/${f}`, t])), 'add the fleet');
    const result = await lintNewSince(path.join(dir, 'deploy'), 'main');
    expect(summary(result.findings).sort()).toEqual(['flux-path-missing clusters/prod/apps.yaml:8', 'yaml-duplicate-key clusters/prod/dup.yaml:8']);
    expect(result.newSince.known).toEqual([]);
  });

  it('a suppression the change made unused is new (the base is linted with every rule for it)', async () => {
    const suppressed = duplicateKey(0).replace('  a: two\n', '  a: two # gitops-lint-disable-line yaml-duplicate-key -- kept on purpose\n');
    const fixed = suppressed.replace('  a: one\n', '');
    const files = { ...BASE, 'clusters/prod/dup.yaml': suppressed, '.gitops-lint.yaml': 'rules:\n  suppression-unused: warning\n' };
    const dir = initRepo(tmp, 'unused', files);
    commitOnBranch(dir, 'fix', { 'clusters/prod/dup.yaml': fixed }, 'the duplicate key is gone, its comment stays');
    const result = await lintNewSince(dir, 'main');
    expect(summary(result.findings)).toEqual(['suppression-unused clusters/prod/dup.yaml:7']);
    expect(summary(result.newSince.known)).toEqual(['flux-path-missing clusters/prod/apps.yaml:8']);
  });

  it('a head without findings has nothing new, whatever the base had', async () => {
    const dir = initRepo(tmp, 'clean', BASE);
    commitOnBranch(dir, 'clean', { 'clusters/prod/apps.yaml': null, 'clusters/prod/dup.yaml': null }, 'remove both');
    const result = await lintNewSince(dir, 'main');
    expect(result.findings).toEqual([]);
    expect(result.newSince.known).toEqual([]);
    expect(result.newSince.changedFiles).toEqual(['clusters/prod/apps.yaml', 'clusters/prod/dup.yaml']);
    // Asked for the graphs, it still builds the base's (the Action compares them).
    const trees: string[] = [];
    await lintNewSince(dir, 'main', { onGraph: (_graph, tree) => trees.push(tree) });
    expect(trees).toEqual(['head', 'base']);
  });

  it('lints the base with the head\'s config, so a config change alone makes nothing new', async () => {
    const dir = initRepo(tmp, 'config', { ...BASE, '.gitops-lint.yaml': 'rules:\n  flux-path-missing: off\n' });
    commitOnBranch(dir, 'enable', { '.gitops-lint.yaml': null }, 'turn the rule back on');
    const result = await lintNewSince(dir, 'main');
    expect(summary(result.findings)).toEqual([]);
    expect(summary(result.newSince.known)).toContain('flux-path-missing clusters/prod/apps.yaml:8');
  });

  it('changedOnly skips the base and keeps every finding in a changed file', async () => {
    const result = await lintNewSince(repo, 'main', { changedOnly: true });
    expect(summary(result.findings)).toEqual([
      'flux-path-missing clusters/prod/apps.yaml:9',
      'yaml-duplicate-key clusters/prod/dup.yaml:11',
      'flux-path-missing clusters/prod/infra.yaml:8',
    ]);
    expect(result.newSince.known).toEqual([]);
    const dir = initRepo(tmp, 'untouched', BASE);
    commitOnBranch(dir, 'docs', { 'README.md': 'docs only\n' }, 'docs');
    const docsOnly = await lintNewSince(dir, 'main', { changedOnly: true });
    expect(docsOnly.findings).toEqual([]);
    expect(summary(docsOnly.newSince.outsideChanges).sort()).toEqual(['flux-path-missing clusters/prod/apps.yaml:8', 'yaml-duplicate-key clusters/prod/dup.yaml:8']);
  });
});

describe('lintNewSince: the trees read from git are linted as the repository itself', () => {
  it("the base (a copy without .git) has the repository's git remotes, so the graph of an unchanged tree is the same", async () => {
    // A Flux configuration (Bicep) syncing another repository than this one (this one's origin): its paths are not here.
    const bicep = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/azure/aks.bicep'), 'utf8');
    const dir = initRepo(tmp, 'remotes', {
      'infra/aks.bicep': bicep,
      'infrastructure/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\n',
      'infrastructure/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
    });
    gitIn(dir, 'remote', 'add', 'origin', 'git@github.com:example/platform.git');
    const graphs: Record<string, { appliesNamespace: boolean; mermaid: string }> = {};
    const result = await lintNewSince(dir, 'main', {
      onGraph: (graph, tree) => {
        graphs[tree] = { appliesNamespace: graph.clusters.some((c) => c.objects.some((o) => o.id.kind === 'Namespace')), mermaid: drawGraph(pictureOf(graph), 'mermaid') };
      },
    });
    expect(graphs.head?.appliesNamespace).toBe(false);
    expect(graphs.base).toEqual(graphs.head);
    expect(result.findings).toEqual([]);
  });
});

describe('lintNewSince errors say what to do', () => {
  it('outside a git repository', async () => {
    const plain = path.join(tmp, 'plain');
    writeFiles(plain, BASE);
    await expect(lintNewSince(plain, 'main')).rejects.toThrow(`--new-since needs a git repository, and ${plain} is not inside one`);
  });

  it('an unknown ref, and a ref that looks like an option', async () => {
    const dir = initRepo(tmp, 'refs', BASE);
    await expect(lintNewSince(dir, 'no-such-branch')).rejects.toThrow(/--new-since no-such-branch: unknown git ref; fetch it first \(e\.g\. git fetch origin main\)/);
    await expect(lintNewSince(dir, '--output=x')).rejects.toThrow('--new-since --output=x: not a git ref');
    // A full object id goes to merge-base unchecked: when it is not there, the message is the same.
    const missing = 'f'.repeat(40);
    await expect(lintNewSince(dir, missing)).rejects.toThrow(`--new-since ${missing}: unknown git ref; fetch it first`);
    const blob = gitIn(dir, 'rev-parse', 'HEAD:clusters/prod/apps.yaml').trim();
    await expect(lintNewSince(dir, blob)).rejects.toThrow(`--new-since ${blob}: unknown git ref`);
  });

  it('a shallow clone without the base asks for the history (fetch-depth: 0)', async () => {
    const origin = initRepo(tmp, 'origin', BASE);
    commitOnBranch(origin, 'pr', { 'clusters/prod/pr.yaml': kustomization('pr', './pr/missing') }, 'pr');
    gitIn(origin, 'checkout', '--quiet', 'main');
    commit(origin, { 'README.md': 'main moved on\n' }, 'main');
    const clone = path.join(tmp, 'shallow');
    gitIn(tmp, 'clone', '--quiet', '--depth=1', '--no-single-branch', '--branch=pr', `file://${origin}`, clone);
    await expect(lintNewSince(clone, 'origin/main')).rejects.toThrow(/shallow clone.*fetch-depth: 0/);
    await expect(lintNewSince(clone, 'origin/gone')).rejects.toThrow(/unknown git ref; this clone is shallow.*fetch-depth: 0/);
  });
});
