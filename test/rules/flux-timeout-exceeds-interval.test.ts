import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, kustomization } from './flux-fixtures.js';

ruleTester.run('flux-timeout-exceeds-interval', {
  valid: [
    { name: 'timeout shorter than interval', files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps', ['timeout: 5m']) } },
    { name: 'timeout equal to interval', files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps', ['timeout: 600s']) } },
    { name: 'no timeout (defaults to the interval)', files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps') } },
  ],
  invalid: [
    {
      name: 'timeout 15m with interval 10m',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': kustomization('apps', './apps', ['timeout: 15m']) },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 13,
          column: 12,
          message:
            'Kustomization "apps" has timeout 15m, longer than its interval 10m: a stuck apply or health check holds it (and whatever depends on it) for longer than its schedule; make the timeout shorter than the interval',
        },
      ],
    },
  ],
});
