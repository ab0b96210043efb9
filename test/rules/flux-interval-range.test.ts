import { ruleTester } from '../support/rule-tester.js';
import { bootstrap, kustomization } from './flux-fixtures.js';

const withInterval = (interval: string) => kustomization('apps', './apps').replace('interval: 10m', `interval: ${interval}`);

ruleTester.run('flux-interval-range', {
  valid: [
    { name: 'bootstrap intervals (1m0s, 10m0s)', files: bootstrap('prod') },
    { name: 'exactly the minimum', files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withInterval('30s') } },
    { name: 'exactly the maximum, written as minutes', files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withInterval('1440m') } },
    { name: 'not a Go duration (schema-validation reports it)', files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withInterval('1d') } },
    {
      name: 'a lower minimum in the config',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withInterval('10s') },
      config: { rules: { 'flux-interval-range': { params: { minimum: '5s', maximum: '24h' } } } },
    },
  ],
  invalid: [
    {
      name: 'every 5 seconds',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withInterval('5s') },
      errors: [
        {
          file: 'clusters/prod/apps.yaml',
          line: 7,
          column: 13,
          message:
            'Kustomization "apps" reconciles every 5s, more often than 30s: each run fetches its source again (Git hosts and registries rate-limit); use a longer interval and a notification Receiver for fast delivery',
        },
      ],
    },
    {
      name: 'once a week (168h)',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withInterval('168h') },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 7, message: /^Kustomization "apps" reconciles every 168h, less often than 24h: drift/ }],
    },
    {
      name: 'a mixed Go duration (1h30m) over a configured maximum of 1h',
      files: { ...bootstrap('prod'), 'clusters/prod/apps.yaml': withInterval('1h30m') },
      config: { rules: { 'flux-interval-range': { params: { minimum: '30s', maximum: '1h' } } } },
      errors: [{ file: 'clusters/prod/apps.yaml', line: 7, message: /reconciles every 1h30m, less often than 1h:/ }],
    },
  ],
});
