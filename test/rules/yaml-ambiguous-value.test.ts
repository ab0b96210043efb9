import { ruleTester } from '../support/rule-tester.js';

const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n${data}`;

ruleTester.run('yaml-ambiguous-value', {
  valid: [
    { name: 'quoted values', files: { 'cm.yaml': cm('  mode: "0755"\n  time: "12:30"\n') } },
    { name: 'unambiguous numbers and strings', files: { 'cm.yaml': cm('  replicas: "3"\n  name: web\n') } },
  ],
  invalid: [
    {
      // No fix: kubectl applies 493 (a file mode) and kustomize passes the text through, so either rewrite could change what lands.
      name: 'octal-looking number, without a fix',
      files: { 'cm.yaml': cm('  mode: 0755\n') },
      errors: [{ file: 'cm.yaml', line: 6, column: 9, message: /0755 is the octal integer 493 .*YAML 1\.1/, fix: null }],
    },
    {
      name: 'YAML 1.2 octal, rewritten as the decimal both read alike',
      files: { 'cm.yaml': cm('  mode: 0o755\n') },
      errors: [{ file: 'cm.yaml', line: 6, column: 9, message: /0o755/, fix: { output: cm('  mode: 493\n') } }],
    },
    {
      name: 'sexagesimal time, quoted by the fix',
      files: { 'cm.yaml': cm('  time: 12:30\n') },
      errors: [{ file: 'cm.yaml', line: 6, column: 9, message: /12:30 is the base-60 number 750/, fix: { output: cm('  time: "12:30"\n') } }],
    },
    {
      name: 'YAML 1.1 boolean word, as a key and as a value',
      files: { 'cm.yaml': cm('  enabled: yes\n  on: "1"\n') },
      errors: [
        { file: 'cm.yaml', line: 6, column: 12, message: /yes is the boolean true for kubectl/, fix: { output: cm('  enabled: "yes"\n  on: "1"\n') } },
        { file: 'cm.yaml', line: 7, column: 3, message: /^key: on is the boolean true/, fix: { output: cm('  enabled: yes\n  "on": "1"\n') } },
      ],
    },
  ],
});
