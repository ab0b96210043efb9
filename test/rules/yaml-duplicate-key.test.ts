import { ruleTester } from '../support/rule-tester.js';

ruleTester.run('yaml-duplicate-key', {
  valid: [
    { name: 'same key in different mappings', files: { 'cm.yaml': 'metadata:\n  name: a\nspec:\n  name: b\n' } },
    { name: 'same key in different documents', files: { 'cm.yaml': 'name: a\n---\nname: b\n' } },
  ],
  invalid: [
    {
      name: 'top-level duplicate',
      files: { 'dup.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\nkind: Secret\n' },
      errors: [{ file: 'dup.yaml', line: 7, column: 1, message: /^duplicate key "kind" \(first defined at line 2\)/ }],
    },
    {
      name: 'nested duplicate after a bad merge',
      files: { 'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  labels:\n    app: a\n    app: b\n' },
      errors: [{ file: 'deploy.yaml', line: 7, column: 5, message: /^duplicate key "app" \(first defined at line 6\)/ }],
    },
  ],
});
