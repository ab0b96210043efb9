import { ruleTester } from '../support/rule-tester.js';

ruleTester.run('yaml-syntax', {
  valid: [
    { name: 'well-formed documents', files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  list: "[1, 2"\n---\n# only a comment\n' } },
    { name: 'non-YAML files are not parsed', files: { 'README.md': 'a: [1, 2\n' } },
  ],
  invalid: [
    {
      name: 'unclosed flow sequence',
      files: { 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  list: [1, 2\n  other: x\n' },
      errors: [{ file: 'bad.yaml', line: 7, message: /^YAML syntax error: / }],
    },
    {
      name: 'bad indentation in the second document of a file',
      files: { 'multi.yaml': 'a: 1\n---\nb:\n  c: 1\n d: 2\n' },
      errors: [{ file: 'multi.yaml', line: 5, message: /^YAML syntax error: / }],
    },
    {
      name: 'one finding per broken file',
      files: { 'one.yml': 'key: "unclosed\n', 'sub/two.yaml': 'a: b: c\n', 'ok.yaml': 'a: 1\n' },
      errors: [
        { file: 'one.yml', line: 2, message: /^YAML syntax error: / },
        { file: 'sub/two.yaml', line: 1, message: /^YAML syntax error: / },
      ],
    },
  ],
});
