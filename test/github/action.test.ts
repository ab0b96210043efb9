/**
 * The Action run exactly as the runner runs it: `node <runs.main of action.yml>` (the committed bundle) with the inputs
 * in INPUT_* variables, a pull_request event payload at GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
 * the workspace a git repository with the PR's base and head commits, and GITHUB_API_URL pointing at a fake GitHub on
 * 127.0.0.1 that the real @octokit/rest client talks to.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bootstrap, helmRelease, helmRepository, kustomization } from '../rules/flux-fixtures.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { actionInputs, readmeWorkflow } from './readme-snippets.js';
import { commit, gitIn, initRepo } from '../support/git-repo.js';

const projectDir = path.resolve(import.meta.dirname, '../..');
const actionYml = parseYaml(fs.readFileSync(path.join(projectDir, 'action.yml'), 'utf8')) as { runs: { using: string; main: string } };
const entry = path.join(projectDir, actionYml.runs.main);
const TOKEN = 'ghs_T0KEN-never-printed-4f9d2c';

const KUSTOMIZATION_HEAD = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n';
const base: Record<string, string> = {
  ...bootstrap('prod'),
  'clusters/prod/apps.yaml': kustomization('apps', './apps'),
  'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n`,
  'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: default\ndata:\n  a: b\n',
  // An old finding (orphan-manifest, a warning) that the pull request does not touch.
  'apps/old.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  namespace: default\n',
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const git = (dir: string, ...args: string[]): string => gitIn(dir, ...args).trim();

/** A workspace: a git repository with the base commit on main. */
function workspace(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-action-'));
  dirs.push(parent);
  return initRepo(parent, 'repo', base);
}

/** Runs the Action's entry as the runner does, for a pull_request event from baseSha to headSha (`push`: a push of HEAD). */
async function runAction(dir: string, api: FakeGitHub, pr: { baseSha: string; headSha: string; fork?: boolean } | 'push', inputs: Record<string, string> = {}): Promise<Run> {
  const runner = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-runner-'));
  dirs.push(runner);
  const event = pr === 'push' ? { ref: 'refs/heads/main', after: git(dir, 'rev-parse', 'HEAD'), repository: { full_name: 'acme/fleet' } } : {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      head: { sha: pr.headSha, ref: 'change', repo: { full_name: pr.fork ? 'someone/fleet' : 'acme/fleet' } },
      base: { sha: pr.baseSha, ref: 'main', repo: { full_name: 'acme/fleet' } },
    },
    repository: { full_name: 'acme/fleet' },
  };
  const files = { event: path.join(runner, 'event.json'), output: path.join(runner, 'output'), summary: path.join(runner, 'summary.md') };
  fs.writeFileSync(files.event, JSON.stringify(event));
  fs.writeFileSync(files.output, '');
  fs.writeFileSync(files.summary, '');
  // action.yml's defaults, as the runner fills them in, then the step's `with:`.
  const withInputs: Record<string, string> = { path: '.', config: '', 'fail-on': 'error', 'kubernetes-version': '', 'flux-version': '', 'only-new': '', comment: '', sarif: '', token: TOKEN, ...inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.homedir(),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: pr === 'push' ? 'push' : 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: dir,
    GITHUB_REPOSITORY: 'acme/fleet',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: api.url,
    GITHUB_SHA: pr === 'push' ? git(dir, 'rev-parse', 'HEAD') : pr.headSha,
    GITHUB_RUN_ID: '99',
    GITHUB_RUN_ATTEMPT: '1',
    ...Object.fromEntries(Object.entries(withInputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  return new Promise((resolve) => {
    // Async: the fake API server answers from this process meanwhile.
    execFile(process.execPath, [entry], { cwd: dir, env, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      const outputs = Object.fromEntries(
        fs.readFileSync(files.output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      resolve({ code, stdout, stderr, outputs, summary: fs.readFileSync(files.summary, 'utf8') });
    });
  });
}

function annotations(stdout: string, kind: 'error' | 'warning' | 'notice'): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(`::${kind} `));
}

/** The edges of the job summary's ```mermaid block as `label -> kind -> label` (none without a block). */
function mermaidEdges(summary: string): string[] {
  const block = /```mermaid\n([\s\S]*?)```/.exec(summary)?.[1] ?? '';
  const labels = new Map([...block.matchAll(/^ {4}(\w+)\W+"(.*)"\W*$/gm)].map((m) => [m[1]!, m[2]!]));
  return [...block.matchAll(/^ {2}(\w+) \S+\|([^|]+)\| (\w+)$/gm)].map((m) => `${labels.get(m[1]!)} -> ${m[2]} -> ${labels.get(m[3]!)}`);
}

function expectNoToken(run: Run, api: FakeGitHub): void {
  for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs), ...api.issueComments.map((c) => c.body), ...api.reviewComments.map((c) => c.body)]) {
    expect(text.includes(TOKEN)).toBe(false);
  }
}

describe('the Action on a pull request', () => {
  let api: FakeGitHub;
  beforeAll(async () => {
    api = await startFakeGitHub();
  });
  afterAll(() => api.close());

  it('runs on node24 from a bundle', () => {
    expect(actionYml.runs.using).toBe('node24');
    expect(fs.existsSync(entry)).toBe(true);
  });

  it('comments once, reviews the changed lines, updates the comment on the next push and turns it into an all-clear', async () => {
    const dir = workspace();
    const baseSha = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-q', '-b', 'change');
    const head1 = commit(
      dir,
      { 'clusters/prod/apps.yaml': kustomization('apps', './apps', ['dependsOn:', '  - name: infra']), 'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n  - missing.yaml\n` },
      'break two things',
    );

    // The step's inputs as the README's pull_request workflow gives them.
    const first = await runAction(dir, api, { baseSha, headSha: head1 }, actionInputs(readmeWorkflow('pull_request')));
    expect(first.code, first.stdout + first.stderr).toBe(1);
    // only-new (the default on pull requests): the old warning of apps/old.yaml, already at the base, is not reported.
    expect(first.outputs).toEqual({ errors: '2', warnings: '0', 'sarif-file': path.join(dir, 'gitops-lint.sarif') });
    // Annotations only on the lines the change adds: the two errors.
    expect(annotations(first.stdout, 'error').map((l) => l.slice(0, l.indexOf(',col=')))).toEqual([
      '::error file=apps/kustomization.yaml,line=5',
      '::error file=clusters/prod/apps.yaml,line=14',
    ]);
    expect(annotations(first.stdout, 'warning')).toEqual([]);
    expect(api.issueComments).toHaveLength(1);
    const sticky = api.issueComments[0]!;
    expect(sticky.body).toContain('<!-- gitops-lint:sticky:. -->');
    expect(sticky.body).toContain('### gitops-lint: 2 errors\n');
    expect(sticky.body).toContain('2 findings are in review comments on the changed lines.');
    expect(sticky.body).not.toContain('apps/old.yaml');
    expect(api.reviewComments.map((c) => [c.path, c.line, c.side, c.commit_id])).toEqual([
      ['apps/kustomization.yaml', 5, 'RIGHT', head1],
      ['clusters/prod/apps.yaml', 14, 'RIGHT', head1],
    ]);
    expect(api.reviewComments[0]!.body).toMatch(/^<!-- gitops-lint:finding:[0-9a-f]{64}:1 -->\n❌ \*\*error\*\* \[`kustomize-missing-file`\]/);
    expect(api.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(first.summary).toContain('## gitops-lint: 2 errors\n');
    expect(first.summary).toContain('> Only the findings new since the merge base ' + baseSha.slice(0, 12) + ' with the base branch are reported: 1 already there are not shown.');
    expect(first.summary).toContain('<details><summary>All 2 findings by file</summary>');
    expect(first.summary).not.toContain('apps/old.yaml');
    // The change adds a dependsOn: the graph at the head, with that edge, is in the summary.
    expect(first.summary).toContain('<details><summary>Dependency graph (changed)</summary>\n\nAdded:\n\n- cluster prod: Kustomization flux-system/apps ./apps depends on Kustomization flux-system/infra (missing)\n- cluster prod: Kustomization flux-system/infra (missing)\n\n');
    expect(mermaidEdges(first.summary)).toContain('Kustomization flux-system/apps ./apps -> depends on -> Kustomization flux-system/infra (missing)');
    // The SARIF file has every finding, old ones included: code scanning tells new from old itself.
    const sarif = JSON.parse(fs.readFileSync(first.outputs['sarif-file']!, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri).sort()).toEqual(['apps/kustomization.yaml', 'apps/old.yaml', 'clusters/prod/apps.yaml']);
    expectNoToken(first, api);

    // A new commit adds one more error: the same comment is updated and only the new finding gets a review comment.
    const head2 = commit(dir, { 'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n  - missing.yaml\n  - gone.yaml\n` }, 'one more');
    const before = api.requests.length;
    const second = await runAction(dir, api, { baseSha, headSha: head2 });
    expect(second.code).toBe(1);
    expect(second.outputs.errors).toBe('3');
    const writes = api.requests.slice(before).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual(['POST /repos/acme/fleet/pulls/7/reviews', `PATCH /repos/acme/fleet/issues/comments/${sticky.id}`]);
    expect(api.issueComments).toHaveLength(1);
    expect(api.issueComments[0]!.body).toContain('### gitops-lint: 3 errors\n');
    expect(api.reviewComments.map((c) => `${c.path}:${c.line}`)).toEqual(['apps/kustomization.yaml:5', 'clusters/prod/apps.yaml:14', 'apps/kustomization.yaml:6']);

    // Everything fixed: the comment becomes the all-clear; nothing new is posted.
    const head3 = commit(dir, { 'clusters/prod/apps.yaml': kustomization('apps', './apps'), 'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n`, 'apps/old.yaml': null }, 'fix');
    const third = await runAction(dir, api, { baseSha, headSha: head3 });
    expect(third.code).toBe(0);
    expect(third.outputs).toEqual({ errors: '0', warnings: '0', 'sarif-file': '' });
    expect(api.issueComments).toHaveLength(1);
    expect(api.issueComments[0]!.body).toContain('All clear');
    expect(api.reviewComments).toHaveLength(3);
    expect(third.summary).toContain('No problems found');
    expectNoToken(third, api);
  });

  it('only-new: an old finding on a line the pull request changes is not annotated, commented or counted; a new one is', async () => {
    const own = await startFakeGitHub();
    try {
      const dir = workspace();
      const baseSha = git(dir, 'rev-parse', 'HEAD');
      git(dir, 'checkout', '-q', '-b', 'change');
      // apps/old.yaml keeps its orphan-manifest warning (reported on line 1), and the change rewrites that very line;
      // a value changes in apps/cm.yaml; one new error (a missing file); the dependency graph stays as it was.
      const head = commit(
        dir,
        {
          'apps/old.yaml': base['apps/old.yaml']!.replace('apiVersion: v1', 'apiVersion: "v1"'),
          'apps/cm.yaml': base['apps/cm.yaml']!.replace('a: b', 'a: c'),
          'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n  - missing.yaml\n`,
        },
        'a value, a quote and a missing file',
      );
      const onlyNew = await runAction(dir, own, { baseSha, headSha: head });
      expect(onlyNew.code, onlyNew.stdout + onlyNew.stderr).toBe(1);
      expect(onlyNew.outputs).toMatchObject({ errors: '1', warnings: '0' });
      expect(annotations(onlyNew.stdout, 'error')).toEqual([expect.stringContaining('::error file=apps/kustomization.yaml,line=5,')]);
      expect(annotations(onlyNew.stdout, 'warning')).toEqual([]);
      expect(own.reviewComments.map((c) => `${c.path}:${c.line}`)).toEqual(['apps/kustomization.yaml:5']);
      expect(own.issueComments).toHaveLength(1);
      expect(own.issueComments[0]!.body).not.toContain('old.yaml');
      expect(onlyNew.summary).toContain('## gitops-lint: 1 error\n');
      expect(onlyNew.summary).toContain('1 already there are not shown.');
      expect(onlyNew.summary).not.toContain('apps/old.yaml');
      // Only a value changed in the graph's objects: no graph section.
      expect(onlyNew.summary).not.toContain('Dependency graph');
      expect(onlyNew.summary).not.toContain('```mermaid');

      // The same pull request with only-new off: the old warning is on a changed line, so it is annotated and counted.
      const all = await runAction(dir, own, { baseSha, headSha: head }, { 'only-new': 'false', comment: 'false' });
      expect(all.code).toBe(1);
      expect(all.outputs).toMatchObject({ errors: '1', warnings: '1' });
      expect(annotations(all.stdout, 'warning')).toEqual([expect.stringContaining('::warning file=apps/old.yaml,line=1,')]);
      expect(all.summary).toContain('apps/old.yaml');
    } finally {
      await own.close();
    }
  });

  it('only-new in a shallow clone without the base commit: says how to fix the checkout and reports every finding', async () => {
    const origin = workspace();
    const baseSha = git(origin, 'rev-parse', 'HEAD');
    const head = commit(origin, { 'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n  - missing.yaml\n` }, 'break');
    // What actions/checkout does by default: the head commit only.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-shallow-'));
    dirs.push(dir);
    git(dir, 'clone', '-q', '--depth', '1', `file://${origin}`, '.');
    expect(git(dir, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const run = await runAction(dir, api, { baseSha, headSha: head }, { comment: 'false', 'fail-on': 'none' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/gitops-lint: only-new: cannot lint the base of the pull request \(only-new [0-9a-f]{40}: unknown git ref; this clone is shallow[^\n]*\), so every finding is reported\. actions\/checkout needs `fetch-depth: 0` \(or the base commit fetched\) for only-new mode\./);
    expect(run.outputs).toMatchObject({ errors: '1', warnings: '1' });
    expect(run.summary).toContain('so every finding is reported.');
    expect(run.summary).toContain('apps/old.yaml');
  });

  it('judges deprecated APIs against the flux-version input, as --flux-version does', async () => {
    const dir = workspace();
    commit(
      dir,
      {
        'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n  - old.yaml\n  - repo.yaml\n  - hr.yaml\n`,
        'apps/repo.yaml': helmRepository('podinfo'),
        'apps/hr.yaml': helmRelease('podinfo', 'default', 'podinfo').replace('helm.toolkit.fluxcd.io/v2', 'helm.toolkit.fluxcd.io/v2beta2'),
      },
      'a HelmRelease of an old API version',
    );
    const deprecated = (run: Run) => run.stdout.split('\n').filter((l) => l.includes('title=api-deprecated::')).map((l) => l.slice(0, l.indexOf(' ')));
    const flux27 = await runAction(dir, api, 'push', { 'flux-version': '2.7', 'fail-on': 'none' });
    expect(deprecated(flux27), flux27.stdout).toEqual(['::warning']);
    const flux28 = await runAction(dir, api, 'push', { 'flux-version': '2.8', 'fail-on': 'none' });
    expect(deprecated(flux28), flux28.stdout).toEqual(['::error']);
    expect(Number(flux28.outputs.errors)).toBe(Number(flux27.outputs.errors) + 1);
  });

  it('falls back to annotations and the summary on a 403 (a fork), without failing the job or printing the token', async () => {
    const forbidden = await startFakeGitHub();
    forbidden.forbid = true;
    try {
      const dir = workspace();
      const baseSha = git(dir, 'rev-parse', 'HEAD');
      const head = commit(dir, { 'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n  - missing.yaml\n` }, 'break');
      const run = await runAction(dir, forbidden, { baseSha, headSha: head, fork: true }, { 'fail-on': 'none' });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(forbidden.requests.length).toBeGreaterThan(0);
      expect(run.stdout).toContain('not commenting on pull request #7: HTTP 403');
      expect(run.stdout).toContain('a pull request from a fork gets a read-only GITHUB_TOKEN');
      expect(annotations(run.stdout, 'error')).toHaveLength(1);
      expect(run.summary).toContain('No pull request comment: HTTP 403');
      expect(run.outputs.errors).toBe('1');
      expectNoToken(run, forbidden);
    } finally {
      await forbidden.close();
    }
  });

  it('on a push to main (the README workflow) annotates every finding and posts nothing', async () => {
    const dir = workspace();
    const before = api.requests.length;
    const run = await runAction(dir, api, 'push', actionInputs(readmeWorkflow('push')));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toEqual({ errors: '0', warnings: '1', 'sarif-file': path.join(dir, 'gitops-lint.sarif') });
    expect(annotations(run.stdout, 'warning')).toEqual([expect.stringContaining('::warning file=apps/old.yaml,line=1,')]);
    expect(run.summary).toContain('## gitops-lint: 1 warning');
    expect(run.summary).toContain(`https://github.example/acme/fleet/blob/${git(dir, 'rev-parse', 'HEAD')}/apps/old.yaml#L1`);
    expect(api.requests.length).toBe(before);
  });

  it('rejects a bad input clearly', async () => {
    const dir = workspace();
    const sha = git(dir, 'rev-parse', 'HEAD');
    const run = await runAction(dir, api, { baseSha: sha, headSha: sha }, { 'fail-on': 'sometimes', comment: 'false' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error title=gitops-lint::fail-on: expected error, warning, info or none, got "sometimes"');
    const flux = await runAction(dir, api, { baseSha: sha, headSha: sha }, { 'flux-version': 'two', comment: 'false' });
    expect(flux.code).toBe(1);
    expect(flux.stdout).toContain('::error title=gitops-lint::flux-version: must be a Flux version: 2.7, 2.7.5, v2.7.5, latest, or an AKS/Arc extension version such as microsoft.flux@1.24.1, got "two"');
    expect(flux.outputs).toEqual({});
    const aks = await runAction(dir, api, { baseSha: sha, headSha: sha }, { 'flux-version': 'microsoft.flux@0.0.1', comment: 'false' });
    expect(aks.code).toBe(1);
    expect(aks.stdout).toMatch(/::error title=gitops-lint::flux-version: unknown microsoft.flux extension version 0.0.1 \(known: 1.24.1/);
  });

  it('stays under every limit with 50,000 findings', async () => {
    const dir = workspace();
    const baseSha = git(dir, 'rev-parse', 'HEAD');
    const entries = Array.from({ length: 50_000 }, (_, i) => `  - missing-${i}.yaml\n`).join('');
    const head = commit(dir, { 'apps/kustomization.yaml': `${KUSTOMIZATION_HEAD}  - cm.yaml\n${entries}` }, 'many');
    const big = await startFakeGitHub();
    try {
      const run = await runAction(dir, big, { baseSha, headSha: head }, { sarif: 'big.sarif', 'fail-on': 'none' });
      expect(run.code, run.stderr).toBe(0);
      expect(run.outputs.errors).toBe('50000');
      // Annotations: at most 10 of each kind a step, with one notice saying how many more the summary has.
      expect(annotations(run.stdout, 'error')).toHaveLength(10);
      expect(annotations(run.stdout, 'notice')).toEqual([expect.stringContaining('49990 more findings not annotated')]);
      // Job summary: 1 MiB.
      expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
      expect(run.summary).toMatch(/_… and \d+ more findings/);
      // SARIF: one run, at most 25,000 results, at most 10 MB gzipped.
      const text = fs.readFileSync(run.outputs['sarif-file']!, 'utf8');
      const sarif = JSON.parse(text) as { runs: { results: unknown[] }[] };
      expect(sarif.runs).toHaveLength(1);
      expect(sarif.runs[0]!.results).toHaveLength(25_000);
      expect(gzipSync(text).length).toBeLessThanOrEqual(10_000_000);
      expect(gunzipSync(gzipSync(text)).toString('utf8')).toBe(text);
      // PR comment: one, under 65,536 characters, linking to the job summary; review comments capped.
      expect(big.issueComments).toHaveLength(1);
      const body = big.issueComments[0]!.body;
      expect(body.length).toBeLessThanOrEqual(65_536);
      expect(body).toMatch(/more findings: see the \[job summary\]\(https:\/\/github\.example\/acme\/fleet\/actions\/runs\/99\)/);
      expect(big.reviewComments).toHaveLength(20);
    } finally {
      await big.close();
    }
  });
});
