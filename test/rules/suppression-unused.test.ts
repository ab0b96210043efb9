import { ruleTester } from '../support/rule-tester.js';

/** A ConfigMap with a duplicate key on line 7 (a yaml-duplicate-key finding), `extra` lines after `metadata:`. */
const configMap = (extra: string[] = [], dataComment = '') =>
  ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', ...extra, 'data:', `  mode: fast${dataComment}`, '  mode: slow', ''].join('\n');
const duplicateKeyOn = { rules: { 'yaml-duplicate-key': 'error' as const } };

ruleTester.run('suppression-unused', {
  valid: [
    { name: 'a comment that suppresses a finding', config: duplicateKeyOn, files: { 'a.yaml': configMap([], '').replace('  mode: slow', '  mode: slow # gitops-lint-disable-line yaml-duplicate-key -- fixture') } },
    { name: 'a file directive that suppresses a finding', config: duplicateKeyOn, files: { 'a.yaml': `# gitops-lint-disable-file yaml-duplicate-key -- fixture\n${configMap()}` } },
    {
      name: 'an annotation that suppresses a finding in its object',
      config: duplicateKeyOn,
      files: { 'a.yaml': configMap(['  annotations:', '    gitops-lint.io/ignore: "yaml-duplicate-key -- vendored"']) },
    },
    { name: 'no directive at all', files: { 'a.yaml': configMap() } },
  ],
  invalid: [
    {
      name: 'a comment on a line without a finding of its rule (the rule is on)',
      config: duplicateKeyOn,
      files: { 'a.yaml': configMap([], ' # gitops-lint-disable-line yaml-duplicate-key -- moved') },
      errors: [{ file: 'a.yaml', line: 6, column: 14, message: "unused gitops-lint-disable-line comment for 'yaml-duplicate-key': no yaml-duplicate-key finding to suppress here; remove it" }],
    },
    {
      name: 'a directive for a rule that is off suppresses nothing',
      files: { 'a.yaml': '# gitops-lint-disable-next-line orphan-manifest -- kept for the runbook\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' },
      errors: [{ file: 'a.yaml', line: 1, message: /^unused gitops-lint-disable-next-line comment for 'orphan-manifest'/ }],
    },
    {
      name: 'one id of two used: the other is reported',
      config: duplicateKeyOn,
      files: { 'a.yaml': `# gitops-lint-disable-file yaml-duplicate-key, yaml-syntax -- fixture\n${configMap()}` },
      errors: [{ file: 'a.yaml', line: 1, message: /^unused gitops-lint-disable-file comment for 'yaml-syntax'/ }],
    },
    {
      name: 'an annotation on an object without findings of its rule',
      config: duplicateKeyOn,
      files: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    gitops-lint.io/ignore: yaml-duplicate-key -- vendored\n' },
      errors: [{ file: 'a.yaml', line: 6, column: 28, message: /^unused gitops-lint.io\/ignore annotation for 'yaml-duplicate-key'/ }],
    },
  ],
});
