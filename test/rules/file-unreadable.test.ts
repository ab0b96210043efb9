import { ruleTester } from '../support/rule-tester.js';

ruleTester.run('file-unreadable', {
  valid: [{ name: 'text YAML', files: { 'a.yaml': 'a: 1\n', 'logo.png': '\u0000\u0001binary' } }],
  invalid: [
    {
      name: 'a .yaml file with binary content',
      files: { 'data.yaml': 'a: 1\n\u0000\u0001\u0002' },
      errors: [{ file: 'data.yaml', line: 1, message: /binary/ }],
    },
  ],
});
