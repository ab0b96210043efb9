/**
 * Rule params are validated once, by the engine, against the JSON schema each check declares: a table per
 * parameterised rule (valid params, wrong types, unknown keys), every rule without params rejecting any, and the
 * object-field params of custom rules. Errors name the file, the rule's key and the param.
 */
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import { ConfigError } from '../../src/config/index.js';
import { loadBuiltinRules } from '../../src/config/rules.js';
import { configureRun } from '../../src/engine/bind.js';
import { tempRepo } from './helpers.js';

/** The ConfigError of a .gitops-lint.yaml (given as JSON, which is YAML), or undefined when it is accepted. */
function configProblem(config: object): string | undefined {
  const root = tempRepo({ '.gitops-lint.yaml': JSON.stringify(config) });
  try {
    configureRun(root, {}, builtinChecks);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}
const paramsProblem = (ruleId: string, params: object) => configProblem({ rules: { [ruleId]: { params } } });

interface ParamsTable {
  valid: object[];
  /** Params and the message after `.gitops-lint.yaml: rules.<id>.params: `. */
  invalid: [object, string][];
}

const loaderKinds: ParamsTable = {
  valid: [{ kinds: ['syntax'] }, { kinds: ['duplicate-key', 'unreadable', 'binary', 'too-large', 'helm-template-syntax'] }],
  invalid: [
    [{ kinds: 'syntax' }, 'kinds: must be a non-empty list of syntax, duplicate-key, unreadable, binary, too-large, helm-template-syntax'],
    [{ kinds: [] }, 'kinds: must be a non-empty list of syntax, duplicate-key, unreadable, binary, too-large, helm-template-syntax'],
    [{ kinds: ['nope'] }, 'kinds: unknown problem kind "nope" (known: syntax, duplicate-key, unreadable, binary, too-large, helm-template-syntax)'],
    [{ kinds: [3] }, 'kinds: unknown problem kind 3 (known: syntax, duplicate-key, unreadable, binary, too-large, helm-template-syntax)'],
    [{ kinds: ['syntax'], extra: true }, 'extra: unknown key (allowed: kinds)'],
  ],
};

const lockdownClusters: ParamsTable = {
  valid: [{}, { clusters: [] }, { clusters: ['aks-prod', '*'] }],
  invalid: [
    [{ clusters: 'prod' }, 'clusters: must be a list of names of clusters locked down outside the repository, e.g. [aks-prod] ("*" for all)'],
    [{ clusters: [1] }, 'clusters[0]: must be a cluster name'],
    [{ nope: 1 }, 'nope: unknown key (allowed: clusters)'],
  ],
};

const tables: Record<string, ParamsTable> = {
  'flux-interval-range': {
    valid: [{}, { minimum: '1m' }, { minimum: '10s', maximum: '1h30m' }],
    invalid: [
      [{ minimum: 5 }, 'minimum: must be a Go duration such as 30s (the shortest acceptable interval)'],
      [{ maximum: '1d' }, 'maximum: must be a Go duration such as 24h (the longest acceptable interval)'],
      [{ typo: 1 }, 'typo: unknown key (allowed: minimum, maximum)'],
    ],
  },
  'helmrelease-chart-unpinned': {
    valid: [{}, { paths: [] }, { paths: ['clusters/production/**'] }],
    invalid: [
      [{ paths: 'clusters/**' }, 'paths: must be a list of globs of repo-relative files where HelmReleases must pin their chart, e.g. [clusters/production/**] (empty: everywhere)'],
      [{ paths: [1] }, 'paths[0]: must be a glob of repo-relative files'],
      [{ path: [] }, "path: unknown key (did you mean 'paths'? allowed: paths)"],
    ],
  },
  'helmrelease-remediation-retries': {
    valid: [{}, { requireRetries: true }, { defaultStrategy: 'RetryOnFailure', requireRetries: false }],
    invalid: [
      [{ requireRetries: 'yes' }, 'requireRetries: must be true or false (true also reports HelmReleases whose install or upgrade has no remediation at all, the Flux default)'],
      [{ defaultStrategy: 'Retry' }, 'defaultStrategy: unknown helm-controller default strategy "Retry" (known: RemediateOnFailure, RetryOnFailure)'],
      [{ retries: 3 }, 'retries: unknown key (allowed: requireRetries, defaultStrategy)'],
    ],
  },
  'flux-dependson-required': {
    valid: [{}, { chartCrds: [] }, { extraChartCrds: [{ chart: 'kyverno', groups: ['kyverno.io'], values: { 'crds.install': true }, crdsDir: false, source: 'kyverno values.yaml' }] }],
    invalid: [
      [{ extraChartCrds: [{ chart: 'kyverno' }] }, 'extraChartCrds[0].groups: is required'],
      [{ extraChartCrds: [{ chart: 'kyverno', groups: ['kyverno.io'], values: { 'crds.install': 'yes' } }] }, 'extraChartCrds[0].values["crds.install"]: must be true or false, the chart\'s default for that value'],
      [{ chartCrd: [] }, 'chartCrd: unknown key (did you mean \'chartCrds\'? allowed: chartCrds, extraChartCrds)'],
    ],
  },
  'flux-cross-namespace-ref': lockdownClusters,
  'flux-service-account-default': lockdownClusters,
  'yaml-syntax': loaderKinds,
  'yaml-duplicate-key': loaderKinds,
  'file-unreadable': loaderKinds,
  'orphan-manifest': {
    valid: [{}, { ignoreApiGroups: [] }, { ignoreApiGroups: ['config.example.io', 'tools.acme.dev'] }],
    invalid: [
      [{ ignoreApiGroups: 'foo' }, 'ignoreApiGroups: must be a list of API groups, e.g. [config.example.io]'],
      [{ ignoreApiGroups: [1] }, 'ignoreApiGroups[0]: must be an API group name'],
      [{ typo: 1 }, 'typo: unknown key (allowed: ignoreApiGroups)'],
    ],
  },
  'secret-token-pattern': {
    valid: [{}, { additionalPatterns: [] }, { additionalPatterns: [{ id: 'acme', description: 'ACME key', regex: '(?i)acme_[0-9a-f]{24}', keywords: ['acme_'], entropy: 3, stopwords: ['example'], comments: false }] }],
    invalid: [
      [{ additionalPatterns: [{ id: 'acme', description: 'ACME key', regex: 'acme_(', keywords: ['acme_'] }] }, 'additionalPatterns[0]: regex of pattern "acme" does not compile: Invalid regular expression: /acme_(/g: Unterminated group'],
      [{ additionalPatterns: [{ id: 'acme', description: 'ACME key', regex: 'a*', keywords: ['a'] }] }, 'additionalPatterns[0]: regex of pattern "acme" matches the empty string'],
      [{ additionalPatterns: [{ id: 'acme', description: 'ACME key', regex: 'acme_' }] }, 'additionalPatterns[0].keywords: is required'],
      [{ typo: 1 }, 'typo: unknown key (allowed: patterns, additionalPatterns)'],
    ],
  },
};

describe('params of built-in rules', () => {
  const rules = loadBuiltinRules();
  const parameterised = rules.filter((r) => builtinChecks[r.check]?.params !== undefined).map((r) => r.id);

  it('every rule whose check takes params has a table here', () => {
    expect(parameterised.sort()).toEqual(Object.keys(tables).sort());
  });

  for (const [ruleId, table] of Object.entries(tables)) {
    describe(ruleId, () => {
      it.each(table.valid.map((p) => [JSON.stringify(p), p]))('accepts %s', (_name, params) => {
        expect(paramsProblem(ruleId, params)).toBeUndefined();
      });
      it.each(table.invalid.map(([p, m]) => [JSON.stringify(p), p, m]))('rejects %s', (_name, params, message) => {
        expect(paramsProblem(ruleId, params)).toBe(`.gitops-lint.yaml: rules.${ruleId}.params: ${message}`);
      });
    });
  }

  it('orphan-manifest rejects { ignoreApiGroups: "foo", typo: 1 }', () => {
    expect(paramsProblem('orphan-manifest', { ignoreApiGroups: 'foo', typo: 1 })).toMatch(/^\.gitops-lint\.yaml: rules\.orphan-manifest\.params: (typo|ignoreApiGroups): /);
  });

  it('a rule whose check takes no params rejects any', () => {
    const paramless = rules.filter((r) => !parameterised.includes(r.id));
    expect(paramless.length).toBeGreaterThan(0);
    for (const rule of paramless) {
      expect(paramsProblem(rule.id, { x: 1 })).toBe(`.gitops-lint.yaml: rules.${rule.id}.params: x: unknown key (allowed: none)`);
      expect(paramsProblem(rule.id, {})).toBeUndefined();
    }
  });

  it('options.config overrides are checked the same way and named as such', () => {
    const root = tempRepo({});
    expect(() => configureRun(root, { config: { rules: { 'orphan-manifest': { params: { typo: 1 } } } } }, builtinChecks)).toThrow(
      'options.config: rules.orphan-manifest.params: typo: unknown key (allowed: ignoreApiGroups)',
    );
  });
});

describe('params of custom object-field rules', () => {
  const custom = (params: object) => configProblem({ customRules: [{ id: 'x', severity: 'error', description: 'd', remediation: 'r', check: 'object-field', params }] });
  const at = '.gitops-lint.yaml: customRules[0].params: ';

  it.each([
    [{ path: 'spec.replicas', required: true }],
    [{ match: { kind: 'Deployment', namespace: 'prod-*' }, path: 'spec.template.spec.containers[*].image', pattern: '^registry/' }],
    [{ path: 'metadata.labels["app.kubernetes.io/name"]', enum: ['a', 1, true, null], message: '{{kind}} {{name}}: bad' }],
    [{ path: 'spec.suspend', equals: false }],
  ])('accepts %j', (params) => {
    expect(custom(params)).toBeUndefined();
  });

  it.each([
    [{ path: 5, required: true }, 'path: must be a field path such as spec.template.spec.containers[*].image'],
    [{ required: true }, 'path: is required'],
    [{ path: 'a', required: 'yes' }, 'required: must be true'],
    [{ path: 'a', pattern: 7 }, 'pattern: must be a regular expression string'],
    [{ path: 'a', enum: [] }, 'enum: must be a non-empty list of scalar values'],
    [{ path: 'a', enum: [{ a: 1 }] }, 'enum[0]: must be a scalar value'],
    [{ path: 'a', equals: [1] }, 'equals: must be a scalar value'],
    [{ path: 'a', required: true, message: '  ' }, 'message: must be a non-empty string'],
    [{ path: 'a', required: true, match: 'Deployment' }, 'match: must be a mapping of apiVersion, kind, namespace, name'],
    [{ path: 'a', required: true, match: { kind: '' } }, 'match.kind: must be a non-empty string (globs allowed)'],
    [{ path: 'a', required: true, match: { kinds: 'x' } }, "match.kinds: unknown key (did you mean 'kind'? allowed: apiVersion, kind, namespace, name)"],
    [{ path: 'a', required: true, typo: 1 }, 'typo: unknown key (allowed: match, path, message, required, forbidden, pattern, notPattern, enum, equals)'],
    [{ path: 'a' }, 'give exactly one of required, forbidden, pattern, notPattern, enum, equals (got none)'],
    [{ path: 'a', notPattern: '[' }, expect.stringMatching(/^notPattern: invalid regular expression: /)],
  ])('rejects %j', (params, message) => {
    const problem = custom(params);
    expect(problem?.startsWith(at), problem).toBe(true);
    expect(problem?.slice(at.length)).toEqual(message);
  });
});
