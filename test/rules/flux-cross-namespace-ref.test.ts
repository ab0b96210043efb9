import { ruleTester } from '../support/rule-tester.js';
import { azureConfig, bootstrap, namespace } from './flux-fixtures.js';
import { lockedDown, tenantKustomization } from './tenancy-fixtures.js';

const tenant = (files: Record<string, string>, sourceNamespace: string) => ({
  ...files,
  'clusters/prod/ns.yaml': namespace('apps'),
  'clusters/prod/tenant.yaml': tenantKustomization('apps', sourceNamespace, ['serviceAccountName: dev-team']),
  'tenant/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: apps\n',
});

ruleTester.run('flux-cross-namespace-ref', {
  valid: [
    { name: 'cross-namespace reference without lockdown', files: tenant(bootstrap('prod'), 'flux-system') },
    { name: 'locked down, same namespace', files: tenant(lockedDown('prod', ['--no-cross-namespace-refs=true']), 'apps') },
    { name: 'other lockdown flags only', files: tenant(lockedDown('prod', ['--no-remote-bases=true']), 'flux-system') },
  ],
  invalid: [
    {
      name: 'locked down by a patch of the controllers (flux2-multi-tenancy layout)',
      files: tenant(lockedDown('prod', ['--no-cross-namespace-refs=true']), 'flux-system'),
      errors: [
        {
          file: 'clusters/prod/tenant.yaml',
          line: 12,
          column: 16,
          message:
            'Kustomization "tenant" in namespace "apps" refers to GitRepository "flux-system" in namespace "flux-system", but on cluster "prod" kustomize-controller runs with --no-cross-namespace-refs=true: the controller refuses cross-namespace references; define the GitRepository in namespace "apps"',
        },
      ],
    },
    {
      name: 'gotk-components.yaml not committed: the lockdown is read from the patches of the flux-system kustomization',
      files: tenant(lockedDown('prod', ['--no-cross-namespace-refs=true'], false), 'flux-system'),
      errors: [{ file: 'clusters/prod/tenant.yaml', line: 12, message: /but on cluster "prod" kustomize-controller runs with --no-cross-namespace-refs=true:/ }],
    },
    {
      name: 'an AKS Flux configuration: the microsoft.flux extension enforces multi-tenancy by default',
      files: {
        '.gitops-lint.yaml': azureConfig(['tenants: { path: ./tenants, prune: true }']),
        'tenants/ns.yaml': namespace('apps'),
        'tenants/tenant.yaml': tenantKustomization('apps', 'cluster-config', ['serviceAccountName: dev-team']),
        'tenant/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: apps\n',
      },
      errors: [{ file: 'tenants/tenant.yaml', line: 12, message: /on cluster "aks-prod" the microsoft\.flux extension enforces multi-tenancy by default:/ }],
    },
    {
      name: 'declared in the config for a cluster whose Flux is installed elsewhere',
      files: tenant(bootstrap('prod'), 'flux-system'),
      config: { rules: { 'flux-cross-namespace-ref': { params: { clusters: ['prod'] } } } },
      errors: [{ file: 'clusters/prod/tenant.yaml', line: 12, message: /but on cluster "prod" the config declares it multi-tenant:/ }],
    },
  ],
});
