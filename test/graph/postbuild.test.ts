import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { expand } from '../../src/graph/envsubst.js';
import { matchesSelector } from '../../src/graph/patch.js';
import { buildGraph } from '../../src/graph/index.js';
import { substituteValue, substitutionsOf, variablesFor, type Variables } from '../../src/graph/postbuild.js';
import type { FluxKustomization } from '../../src/graph/types.js';
import type { LoadedRepo } from '../../src/load/types.js';
import { bootstrapFiles, cluster, fluxKs, repoOf } from './helpers.js';

const vars = (values: Record<string, string>, incomplete = false, unknown: string[] = []): Variables => ({
  values: new Map(Object.entries(values)),
  incomplete,
  unknown: new Set(unknown),
});
const V = vars({ app: 'podinfo', replicas: '3', enabled: 'true', yes: 'yes', empty: '', host: 'www.example.com', ver: '1.2' });
const one = (text: string, v: Variables = V): unknown => (substituteValue({ x: text }, v).value as { x: unknown }).x;

describe('substituteValue: what Flux makes of one string', () => {
  it.each([
    ['plain variable', '${app}', 'podinfo'],
    ['inside text', 'ghcr.io/${app}:v1', 'ghcr.io/podinfo:v1'],
    ['two variables', '${app}-${host}', 'podinfo-www.example.com'],
    [':= default when unset', '${missing:=dev}', 'dev'],
    [':- default when unset', '${missing:-dev}', 'dev'],
    ['= default when unset', '${missing=dev}', 'dev'],
    [':= default when set but empty', '${empty:=dev}', 'dev'],
    ['default ignored when set', '${app:=other}', 'podinfo'],
    ['nested default', '${missing:=${app}-x}', 'podinfo-x'],
    ['$${} escape keeps the literal', '$${app}', '${app}'],
    ['$$ is an escaped $', 'echo $$ $HOME', 'echo $ $HOME'],
    ['$var without braces is left alone', '$app', '$app'],
    ['undefined without default becomes empty', 'a-${missing}-b', 'a--b'],
    ['upper case', '${app^^}', 'PODINFO'],
    ['first upper', '${app^}', 'Podinfo'],
    ['length', '${#app}', 7],
    ['substring', '${host:4:7}', 'example'],
    ['negative length', '${host:4:-4}', 'example'],
    ['offset Go cannot parse: whole value', '${host: -3}', 'www.example.com'],
    ['shortest prefix trim', '${host#*.}', 'example.com'],
    ['longest suffix trim', '${host%%.*}', 'www'],
    ['replace first', '${host/w/v}', 'vww.example.com'],
    ['replace all', '${host//w/v}', 'vvv.example.com'],
    ['unparsable: left as written', '${app-x}', '${app-x}'],
    ['unclosed: left as written', '${app', '${app'],
  ])('%s: %s', (_name, input, expected) => {
    expect(one(input)).toEqual(expected);
  });

  it.each([
    ['integer', '${replicas}', 3],
    ['integer from default', '${missing:=8080}', 8080],
    ['float from two variables', '${ver}.5', '1.2.5'],
    ['float', '${ver}', 1.2],
    ['boolean', '${enabled}', true],
    ['YAML 1.1 boolean (Flux parses with go-yaml v2)', '${yes}', true],
    ['empty becomes null', '${missing}', null],
    ['hex integer', '0x${replicas}F', 0x3f],
    ['text stays text', 'v${replicas}', 'v3'],
  ])('plain scalar typed after substitution: %s', (_name, input, expected) => {
    expect(one(input)).toEqual(expected);
  });

  it('quoted and block scalars stay strings when the position tree is given', async () => {
    const repo = await repoOf({
      'a.yaml': 'apiVersion: v1\nkind: X\nmetadata:\n  name: a\nspec:\n  plain: ${replicas}\n  quoted: "${replicas}"\n  single: \'${enabled}\'\n  block: |\n    ${replicas}\n',
    });
    const doc = repo.files[0]!.documents[0]!;
    const { value } = substituteValue(doc.value, V, doc.root);
    expect((value as { spec: unknown }).spec).toEqual({ plain: 3, quoted: '3', single: 'true', block: '3\n' });
  });

  it('walks nested maps and lists, leaves keys and non-strings alone, never mutates', () => {
    const input = { metadata: { name: '${app}', labels: { '${app}': '${app}' } }, spec: { ports: [{ port: '${replicas}' }, 80], on: true, n: null } };
    const copy = structuredClone(input);
    const { value, uses } = substituteValue(input, V);
    expect(value).toEqual({ metadata: { name: 'podinfo', labels: { '${app}': 'podinfo' } }, spec: { ports: [{ port: 3 }, 80], on: true, n: null } });
    expect(input).toEqual(copy);
    expect(uses.map((u) => `${u.path.join('.')} ${u.name}`)).toEqual(['metadata.name app', 'metadata.labels.${app} app', 'spec.ports.0.port replicas']);
  });

  it('unchanged subtrees keep their identity', () => {
    const input = { a: { b: 'plain' }, c: ['x'] };
    const { value } = substituteValue(input, V);
    expect(value).toBe(input);
  });

  it('lists every use with whether it is defined and has a default', () => {
    const { uses } = substituteValue({ a: '${app} ${missing} ${other:=x}', b: ['${empty}'] }, V);
    expect(uses).toEqual([
      { name: 'app', path: ['a'], hasDefault: false, defined: true },
      { name: 'missing', path: ['a'], hasDefault: false, defined: false },
      { name: 'other', path: ['a'], hasDefault: true, defined: false },
      { name: 'empty', path: ['b', 0], hasDefault: false, defined: true },
    ]);
  });

  it('a default not taken does not use the variables inside it', () => {
    expect(substituteValue({ a: '${app:=${missing}}' }, V).uses.map((u) => u.name)).toEqual(['app']);
    expect(substituteValue({ a: '${none:=${missing}}' }, V).uses.map((u) => u.name)).toEqual(['none', 'missing']);
  });

  it('a variable of unknown value (SOPS) counts as defined and leaves its string as written', () => {
    const { value, uses } = substituteValue({ a: '${secret}-${app}', b: '${app}' }, vars({ app: 'p' }, false, ['secret']));
    expect(value).toEqual({ a: '${secret}-${app}', b: 'p' });
    expect(uses[0]).toEqual({ name: 'secret', path: ['a'], hasDefault: false, defined: true, unknown: true });
  });

  it('with no variable at all Flux substitutes nothing', () => {
    const input = { a: '${missing}', b: '$${x}' };
    expect(substituteValue(input, vars({}))).toEqual({ value: input, uses: [] });
    // Incomplete: the cluster may hold variables, so substitution runs.
    expect(substituteValue(input, vars({}, true)).value).toEqual({ a: null, b: '${x}' });
  });

  it('expand reports what Flux cannot parse', () => {
    expect(expand('${a.b}', () => undefined)).toBeUndefined();
    expect(expand('${}', () => undefined)).toBeUndefined();
    expect(expand('ok ${a}', () => 'x')).toEqual({ text: 'ok x', uses: [{ name: 'a', hasDefault: false, state: 'known' }] });
  });
});

const secret64 = (s: string) => Buffer.from(s).toString('base64');

/** A cluster `prod` with Flux Kustomization `apps` (namespace flux-system) applying ./apps, with `postBuild` lines. */
async function appsRepo(postBuild: string | undefined, extra: Record<string, string> = {}): Promise<{ repo: LoadedRepo; k: FluxKustomization; graph: ReturnType<typeof buildGraph> }> {
  const repo = await repoOf({
    ...bootstrapFiles('prod'),
    'clusters/prod/apps.yaml': fluxKs('apps', './apps', { extra: postBuild === undefined ? '' : `  postBuild:\n${postBuild}` }),
    'apps/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  replicas: ${replicas}\n',
    ...extra,
  });
  const graph = buildGraph(repo, defaultConfig());
  const k = cluster(graph, 'prod').kustomizations.find((x) => x.name === 'apps')!;
  return { repo, k, graph };
}

const configMap = (name: string, data: string, namespace = 'flux-system') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n${data}`;

describe('variablesFor', () => {
  it('undefined without spec.postBuild', async () => {
    const { repo, k, graph } = await appsRepo(undefined);
    expect(variablesFor(graph, repo, k)).toBeUndefined();
  });

  it('inline substitute values, newlines dropped as Flux does', async () => {
    const { repo, k, graph } = await appsRepo('    substitute:\n      replicas: "3"\n      multi: "a\\nb"\n');
    const v = variablesFor(graph, repo, k)!;
    expect(Object.fromEntries(v.values)).toEqual({ replicas: '3', multi: 'ab' });
    expect(v.incomplete).toBe(false);
  });

  it('substituteFrom a ConfigMap and a Secret (data base64, stringData) applied on the cluster, in order, substitute last', async () => {
    const { repo, k, graph } = await appsRepo(
      [
        '    substitute:',
        '      region: inline',
        '    substituteFrom:',
        '      - kind: ConfigMap',
        '        name: cluster-vars',
        '      - kind: Secret',
        '        name: cluster-secrets',
        '',
      ].join('\n'),
      {
        'clusters/prod/vars.yaml': [
          configMap('cluster-vars', '  domain: example.com\n  region: from-cm\n  shared: cm\n'),
          `apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-secrets\n  namespace: flux-system\ndata:\n  token: ${secret64('s3cr3t')}\n  shared: ${secret64('secret')}\nstringData:\n  password: hunter2\n`,
        ].join('---\n'),
      },
    );
    const v = variablesFor(graph, repo, k)!;
    expect(Object.fromEntries(v.values)).toEqual({ domain: 'example.com', region: 'inline', shared: 'secret', token: 's3cr3t', password: 'hunter2' });
    expect(v.incomplete).toBe(false);
    expect([...v.secret!].sort()).toEqual(['password', 'shared', 'token']);
    expect(substituteValue({ a: '${token}', b: '${domain}' }, v).uses.map((u) => `${u.name} ${u.secret ?? false}`)).toEqual(['token true', 'domain false']);
  });

  it('a ConfigMap in another namespace or on no cluster is not found: incomplete', async () => {
    const { repo, k, graph } = await appsRepo('    substituteFrom:\n      - kind: ConfigMap\n        name: vars\n        optional: true\n', {
      'clusters/prod/vars.yaml': configMap('vars', '  a: b\n', 'default'),
      'elsewhere/vars.yaml': configMap('vars', '  a: b\n'),
    });
    const v = variablesFor(graph, repo, k)!;
    expect(v.values.size).toBe(0);
    expect(v.incomplete).toBe(true);
  });

  it('SOPS-encrypted Secret: its keys exist with unknown values; plaintext (unencrypted_regex) values are read', async () => {
    const sops = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: sealed',
      '  namespace: flux-system',
      'stringData:',
      '  api_key: ENC[AES256_GCM,data:abc=,iv:x=,tag:y=,type:str]',
      '  plain: visible',
      'sops:',
      '  mac: ENC[AES256_GCM,data:m=,type:str]',
      '  version: 3.9.0',
      '',
    ].join('\n');
    const { repo, k, graph } = await appsRepo('    substituteFrom:\n      - kind: Secret\n        name: sealed\n', { 'clusters/prod/secret.sops.yaml': sops });
    const v = variablesFor(graph, repo, k)!;
    expect(Object.fromEntries(v.values)).toEqual({ plain: 'visible' });
    expect([...v.unknown!]).toEqual(['api_key']);
    expect(v.incomplete).toBe(false);
  });
});

describe('substitutionsOf', () => {
  it('maps each applied document to the Kustomizations that substitute it, except opted-out objects', async () => {
    const { repo, graph } = await appsRepo('    substitute:\n      replicas: "2"\n', {
      'apps/skip.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: skip\n  namespace: default\n  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  a: ${x}\n',
      'apps/skip-label.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: skip2\n  namespace: default\n  labels:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n',
    });
    const subs = substitutionsOf(graph, repo);
    const files = [...subs.keys()].map((d) => d.file).sort();
    expect(files).toEqual(['apps/deploy.yaml']);
    const [entry] = [...subs.values()][0]!;
    expect(entry!.kustomization.name).toBe('apps');
    expect(Object.fromEntries(entry!.vars.values)).toEqual({ replicas: '2' });
  });

  it('objects of a Kustomization without postBuild are not substituted', async () => {
    const { repo, graph } = await appsRepo(undefined);
    expect(substitutionsOf(graph, repo).size).toBe(0);
  });

  it('one entry per cluster for a document applied on two clusters', async () => {
    const repo = await repoOf({
      ...bootstrapFiles('prod'),
      ...bootstrapFiles('dev'),
      'clusters/prod/apps.yaml': fluxKs('apps', './apps', { extra: '  postBuild:\n    substitute:\n      env: prod\n' }),
      'clusters/dev/apps.yaml': fluxKs('apps', './apps', { extra: '  postBuild:\n    substitute:\n      env: dev\n' }),
      'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\ndata:\n  env: ${env}\n',
    });
    const graph = buildGraph(repo, defaultConfig());
    const entries = [...substitutionsOf(graph, repo).values()][0]!;
    expect(entries.map((e) => `${e.kustomization.cluster} ${e.vars.values.get('env')}`).sort()).toEqual(['dev dev', 'prod prod']);
  });
});

describe('postBuild patched onto child Kustomizations by a parent', () => {
  const parentPatches = (patch: string[], target: string[]) =>
    ['  patches:', '    - patch: |-', ...patch.map((l) => `        ${l}`), '      target:', ...target.map((l) => `        ${l}`), ''].join('\n');
  const smp = [
    'apiVersion: kustomize.toolkit.fluxcd.io/v1',
    'kind: Kustomization',
    'metadata:',
    '  name: not-used',
    'spec:',
    '  postBuild:',
    '    substitute:',
    '      FROM_PATCH: "1"',
    '    substituteFrom:',
    '      - kind: ConfigMap',
    '        name: cluster-vars',
  ];
  const child = (name: string, extra = '') =>
    fluxKs(name, `./${name}`, { extra }).replace('  name: ' + name + '\n', `  name: ${name}\n${name === 'opted' ? '  labels:\n    substitution.flux/disabled: "true"\n' : ''}`);

  async function patchedRepo(patches: string) {
    const repo = await repoOf({
      ...bootstrapFiles('prod'),
      'clusters/prod/apps.yaml': fluxKs('apps', './apps', { extra: patches }),
      'clusters/prod/vars.yaml': configMap('cluster-vars', '  DOMAIN: example.com\n'),
      'apps/podinfo.yaml': child('podinfo', '  postBuild:\n    substitute:\n      APP: podinfo\n    substituteFrom:\n      - kind: Secret\n        name: replaced\n'),
      'apps/opted.yaml': child('opted'),
      'podinfo/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\n',
      'opted/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: other\n',
    });
    const graph = buildGraph(repo, defaultConfig());
    const k = (name: string) => cluster(graph, 'prod').kustomizations.find((x) => x.name === name)!;
    return { graph, repo, k };
  }

  it('strategic merge with a label selector: substitute merged, substituteFrom replaced; unselected children unchanged', async () => {
    const { graph, repo, k } = await patchedRepo(parentPatches(smp, ['kind: Kustomization', 'labelSelector: substitution.flux/disabled notin (true)']));
    const v = variablesFor(graph, repo, k('podinfo'))!;
    expect(Object.fromEntries(v.values)).toEqual({ APP: 'podinfo', FROM_PATCH: '1', DOMAIN: 'example.com' });
    expect(v.incomplete).toBe(false);
    expect(variablesFor(graph, repo, k('opted'))).toBeUndefined();
    // The parent's document is not changed by reading its patch.
    expect(JSON.stringify(k('podinfo').doc.value)).toContain('"name":"replaced"');
  });

  it('JSON 6902 operations under /spec/postBuild, selected by name regex', async () => {
    const ops = ['- op: add', '  path: /spec/postBuild/substituteFrom/-', '  value:', '    kind: ConfigMap', '    name: cluster-vars'];
    const { graph, repo, k } = await patchedRepo(parentPatches(ops, ['kind: Kustomization', 'name: pod.*']));
    const v = variablesFor(graph, repo, k('podinfo'))!;
    expect(Object.fromEntries(v.values)).toEqual({ APP: 'podinfo', DOMAIN: 'example.com' });
    expect(v.incomplete).toBe(true); // Secret "replaced" is still listed and is not in the repo.
    expect(variablesFor(graph, repo, k('opted'))).toBeUndefined();
  });
});

describe('matchesSelector', () => {
  const labels = { app: 'web', tier: 'front', 'substitution.flux/disabled': 'true' };
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app in (api, web)', true],
    ['app notin (api,web)', false],
    ['substitution.flux/disabled notin (true)', false],
    ['missing notin (true)', true],
    ['tier', true],
    ['!tier', false],
    ['app=web,tier=back', false],
    ['app in (web),!missing', true],
  ])('%s -> %s', (selector, expected) => {
    expect(matchesSelector(selector, labels)).toBe(expected);
  });
});
