import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import { ConfigError, resolveConfig } from '../../src/config/index.js';
import { configureRun } from '../../src/engine/bind.js';
import { enabledRules } from '../../src/engine/enabled.js';
import { badLabelRule, tempRepo } from './helpers.js';

/** The error of a run's config: structure (resolveConfig), then checks and params against the registry (configureRun). */
const configError = (yaml: string): ConfigError => {
  const root = tempRepo({ '.gitops-lint.yaml': yaml });
  try {
    configureRun(root, {}, builtinChecks);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected a ConfigError for:\n${yaml}`);
};

describe('config severities: ours, ESLint\'s warn and 0/1/2', () => {
  it.each([
    ['error', 'error'],
    ['warning', 'warning'],
    ['warn', 'warning'],
    ['info', 'info'],
    ['off', 'off'],
    ['0', 'off'],
    ['1', 'warning'],
    ['2', 'error'],
    ['"2"', 'error'],
  ])('%s is read as %s, alone and in the object form', (written, severity) => {
    const root = tempRepo({ '.gitops-lint.yaml': `rules:\n  yaml-syntax: ${written}\n  yaml-duplicate-key: { severity: ${written} }\n` });
    const { config } = resolveConfig(root);
    expect(config.rules).toEqual({ 'yaml-syntax': severity, 'yaml-duplicate-key': { severity } });
  });

  it.each([['3'], ['-1'], ['1.5'], ['Warn'], ['true'], ['fatal']])('%s is rejected with the accepted spellings', (written) => {
    expect(configError(`rules:\n  yaml-syntax: ${written}\n`).message).toBe(
      '.gitops-lint.yaml: rules.yaml-syntax: must be one of error, warning, warn, info, off, 0, 1, 2, or [severity, params] or a mapping { severity, params }',
    );
    expect(configError(`rules:\n  yaml-syntax: { severity: ${written} }\n`).message).toBe(
      '.gitops-lint.yaml: rules.yaml-syntax.severity: must be one of error, warning, warn, info, off, 0, 1, 2',
    );
  });

  it.each([['warn', 'warning'], ['1', 'warning'], ['2', 'error']])('a custom rule with severity %s is a %s rule', (written, severity) => {
    const root = tempRepo({
      '.gitops-lint.yaml': `customRules:\n  - { id: x, severity: ${written}, description: d, remediation: r, check: object-field, params: { path: a, required: true } }\n`,
    });
    expect(resolveConfig(root).config.customRules[0]?.severity).toBe(severity);
  });

  it('ESLint numbers turn rules on and off as their names do', () => {
    const root = tempRepo({ '.gitops-lint.yaml': 'extends: none\nrules:\n  yaml-syntax: 1\n  yaml-duplicate-key: 0\n' });
    const { config, builtins } = configureRun(root, {}, builtinChecks);
    expect(enabledRules(config, builtins).map((r) => [r.rule.id, r.severity])).toEqual([['yaml-syntax', 'warning']]);
  });
});

describe('config file', () => {
  it('defaults when there is no config file', () => {
    const { config, file } = resolveConfig(tempRepo({}));
    expect(file).toBeUndefined();
    expect(config).toEqual({ extends: 'recommended', rules: {}, ignore: [], ignoreObjects: [], entryPoints: [], externalSources: [], customRules: [] });
  });

  it('reads every key from .gitops-lint.yml', () => {
    const root = tempRepo({
      '.gitops-lint.yml': `extends: all
rules:
  yaml-syntax: warning
  yaml-ambiguous-value: off
  file-unreadable: { severity: info }
ignore: ["vendor/**"]
ignoreObjects: [{ kind: Secret, name: "legacy-*" }]
entryPoints: [{ cluster: prod, path: clusters/prod }]
externalSources: [{ kind: GitRepository, name: flux-system, namespace: flux-system }]
namespaces: [cert-manager, team-a]
kubernetesVersion: "1.30"
fluxVersion: "2.4"
`,
    });
    const { config, file } = resolveConfig(root);
    expect(file).toBe(path.join(root, '.gitops-lint.yml'));
    expect(config).toMatchObject({
      extends: 'all',
      rules: { 'yaml-syntax': 'warning', 'yaml-ambiguous-value': 'off', 'file-unreadable': { severity: 'info' } },
      ignore: ['vendor/**'],
      ignoreObjects: [{ kind: 'Secret', name: 'legacy-*' }],
      entryPoints: [{ cluster: 'prod', path: 'clusters/prod' }],
      externalSources: [{ kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' }],
      namespaces: ['cert-manager', 'team-a'],
      kubernetesVersion: '1.30',
      fluxVersion: '2.4',
    });
  });

  it('options.config merges over the file (rules merged, other keys replaced); kubernetesVersion option wins', () => {
    const root = tempRepo({ '.gitops-lint.yaml': 'rules:\n  yaml-syntax: warning\nignore: [a/**]\nkubernetesVersion: "1.29"\n' });
    const { config } = resolveConfig(root, { config: { rules: { 'yaml-duplicate-key': 'off' }, ignore: ['b/**'] }, kubernetesVersion: '1.31' });
    expect(config.rules).toEqual({ 'yaml-syntax': 'warning', 'yaml-duplicate-key': 'off' });
    expect(config.ignore).toEqual(['b/**']);
    expect(config.kubernetesVersion).toBe('1.31');
  });

  it('configPath reads another file, and a missing one is a ConfigError', () => {
    const root = tempRepo({ 'conf/lint.yaml': 'extends: none\n' });
    expect(resolveConfig(root, { configPath: path.join(root, 'conf/lint.yaml') }).config.extends).toBe('none');
    expect(() => resolveConfig(root, { configPath: path.join(root, 'nope.yaml') })).toThrow(/nope\.yaml: config file not found/);
  });

  it('custom rules are validated and their ids usable in rules', () => {
    const root = tempRepo({});
    const { config } = resolveConfig(root, { config: { customRules: [badLabelRule], rules: { 'no-bad-label': 'error' } } });
    expect(config.customRules[0]).toMatchObject({ id: 'no-bad-label', origin: 'config', check: 'object-field' });
    expect(config.rules['no-bad-label']).toBe('error');
  });

  it.each([
    ['unknown top-level key', 'extend: all\n', '.gitops-lint.yaml: extend: unknown key'],
    ['bad extends', 'extends: strict\n', '.gitops-lint.yaml: extends: must be one of recommended, all, none'],
    ['rules not a mapping', 'rules: [yaml-syntax]\n', '.gitops-lint.yaml: rules: must be a mapping'],
    ['unknown rule id', 'rules:\n  yaml-syntx: error\n', '.gitops-lint.yaml: rules.yaml-syntx: unknown rule id'],
    ['bad severity', 'rules:\n  yaml-syntax: fatal\n', '.gitops-lint.yaml: rules.yaml-syntax: must be one of error, warning, warn, info, off, 0, 1, 2, or [severity, params] or a mapping { severity, params }'],
    ['bad severity in object form', 'rules:\n  yaml-syntax: { severity: high }\n', '.gitops-lint.yaml: rules.yaml-syntax.severity: must be one of'],
    ['unknown key in rule setting', 'rules:\n  yaml-syntax: { level: error }\n', '.gitops-lint.yaml: rules.yaml-syntax.level: unknown key'],
    ['bad params override', 'rules:\n  yaml-syntax: { params: { kinds: [nope] } }\n', '.gitops-lint.yaml: rules.yaml-syntax.params: kinds: unknown problem kind "nope"'],
    ['ignore not a list', 'ignore: vendor/**\n', '.gitops-lint.yaml: ignore: must be a list of strings'],
    ['ignore item not a string', 'ignore: [1]\n', '.gitops-lint.yaml: ignore[0]: must be a non-empty string'],
    ['empty ignoreObjects entry', 'ignoreObjects: [{}]\n', '.gitops-lint.yaml: ignoreObjects[0]: give at least one of'],
    ['unknown ignoreObjects key', 'ignoreObjects: [{ kinds: Secret }]\n', '.gitops-lint.yaml: ignoreObjects[0].kinds: unknown key'],
    ['entryPoint without path', 'entryPoints: [{ cluster: prod }]\n', '.gitops-lint.yaml: entryPoints[0].path: is required'],
    ['externalSource with a number', 'externalSources: [{ kind: GitRepository, name: 5 }]\n', '.gitops-lint.yaml: externalSources[0].name: must be a non-empty string'],
    ['namespaces not a list', 'namespaces: team-a\n', '.gitops-lint.yaml: namespaces: must be a list of namespace names'],
    ['namespace that is not a name', 'namespaces: [team-a, Team_B]\n', '.gitops-lint.yaml: namespaces[1]: must be a namespace name'],
    ['unquoted version', 'kubernetesVersion: 1.30\n', '.gitops-lint.yaml: kubernetesVersion: write the version as a quoted string'],
    ['bad version', 'fluxVersion: two\n', '.gitops-lint.yaml: fluxVersion: must be a Flux version: 2.7, 2.7.5, v2.7.5, latest'],
    ['unknown AKS extension version', 'clusters:\n  prod: { fluxVersion: microsoft.flux@0.1.0 }\n', '.gitops-lint.yaml: clusters.prod.fluxVersion: unknown microsoft.flux extension version 0.1.0'],
    ['unknown key in a cluster', 'clusters:\n  prod: { flux: "2.7" }\n', '.gitops-lint.yaml: clusters.prod'],
    ['not a mapping', '- a\n', '.gitops-lint.yaml: must be a mapping'],
    ['YAML error', 'rules: {\n', '.gitops-lint.yaml: cannot read'],
    ['custom rule with unknown check', 'customRules:\n  - { id: x, severity: error, description: d, remediation: r, check: nope }\n', '.gitops-lint.yaml: customRules[0].check: unknown check "nope"'],
    ['custom rule missing severity', 'customRules:\n  - { id: x, description: d, remediation: r, check: object-field, params: { path: a, required: true } }\n', '.gitops-lint.yaml: customRules[0].severity: must be one of error, warning, warn, info, 1, 2'],
    ['custom rule that is off', 'customRules:\n  - { id: x, severity: 0, description: d, remediation: r, check: object-field, params: { path: a, required: true } }\n', '.gitops-lint.yaml: customRules[0].severity: must be one of error, warning, warn, info, 1, 2'],
    ['custom rule reusing a built-in id', 'customRules:\n  - { id: yaml-syntax, severity: error, description: d, remediation: r, check: object-field, params: { path: a, required: true } }\n', '.gitops-lint.yaml: customRules[0].id: \'yaml-syntax\' is a built-in rule id'],
    ['custom rule with two assertions', 'customRules:\n  - { id: x, severity: error, description: d, remediation: r, check: object-field, params: { path: a, required: true, forbidden: true } }\n', '.gitops-lint.yaml: customRules[0].params: give exactly one of'],
    ['custom rule with a bad regex', 'customRules:\n  - { id: x, severity: error, description: d, remediation: r, check: object-field, params: { path: a, pattern: "(" } }\n', '.gitops-lint.yaml: customRules[0].params: pattern: invalid regular expression'],
    ['custom rule with a bad path', 'customRules:\n  - { id: x, severity: error, description: d, remediation: r, check: object-field, params: { path: "a..b", required: true } }\n', '.gitops-lint.yaml: customRules[0].params: path: must be a field path'],
  ])('%s', (_name, yaml, message) => {
    const err = configError(yaml);
    expect(err.message.startsWith(message), `${err.message}\ndoes not start with\n${message}`).toBe(true);
  });

  it('options.config errors name options.config', () => {
    expect(() => resolveConfig(tempRepo({}), { config: { rules: { nope: 'error' } } })).toThrow('options.config: rules.nope: unknown rule id');
  });

  it('does not read a config that is a directory', () => {
    const root = tempRepo({});
    fs.mkdirSync(path.join(root, '.gitops-lint.yaml'));
    expect(resolveConfig(root).file).toBeUndefined();
  });
});
