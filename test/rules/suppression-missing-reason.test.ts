import { ruleTester } from '../support/rule-tester.js';

ruleTester.run('suppression-missing-reason', {
  valid: [
    { name: 'directives with a reason', files: { 'a.yaml': '# gitops-lint-disable-file yaml-syntax -- fixture\na: 1 # gitops-lint-disable-line yaml-duplicate-key -- test data\n' } },
    { name: 'the marker inside a quoted string is not a comment', files: { 'a.yaml': 'a: "# gitops-lint-disable-line yaml-syntax"\n' } },
  ],
  invalid: [
    {
      name: 'no reason, unknown rule, no rule',
      files: {
        'a.yaml': [
          'a: 1 # gitops-lint-disable-line yaml-syntax',
          '# gitops-lint-disable-next-line yaml-sintax -- typo',
          'b: 2',
          '# gitops-lint-disable-file',
          '',
        ].join('\n'),
      },
      errors: [
        { file: 'a.yaml', line: 1, column: 6, message: 'gitops-lint-disable-line yaml-syntax has no reason, so it suppresses nothing: add "-- why" after the rule ids' },
        { file: 'a.yaml', line: 2, column: 1, message: "unknown rule 'yaml-sintax' in gitops-lint-disable-next-line (did you mean 'yaml-syntax'?)" },
        { file: 'a.yaml', line: 4, message: /^gitops-lint-disable-file names no rule/ },
      ],
    },
    {
      name: 'an annotation without a reason',
      files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    gitops-lint.io/ignore: orphan-manifest\n' },
      errors: [{ file: 'cm.yaml', line: 6, column: 28, message: 'gitops-lint.io/ignore annotation orphan-manifest has no reason, so it suppresses nothing: add "-- why" after the rule ids' }],
    },
  ],
});
