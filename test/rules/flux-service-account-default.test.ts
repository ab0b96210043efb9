import { ruleTester } from '../support/rule-tester.js';
import { namespace } from './flux-fixtures.js';
import { lockedDown, tenantKustomization } from './tenancy-fixtures.js';

const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: default-admin
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
subjects:
  - kind: ServiceAccount
    name: default
    namespace: apps
`;
const files = (extra: string[], more: Record<string, string> = {}) => ({
  ...lockedDown('prod', ['--default-service-account=default']),
  'clusters/prod/ns.yaml': namespace('apps'),
  'clusters/prod/tenant.yaml': tenantKustomization('apps', 'apps', extra),
  'tenant/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: apps\n',
  ...more,
});

ruleTester.run('flux-service-account-default', {
  valid: [
    { name: 'tenant sets its service account (root patched to kustomize-controller)', files: files(['serviceAccountName: dev-team']) },
    { name: 'the default account is bound on purpose', files: files([], { 'clusters/prod/binding.yaml': binding }) },
  ],
  invalid: [
    {
      name: 'no serviceAccountName under --default-service-account',
      files: files([]),
      errors: [
        {
          file: 'clusters/prod/tenant.yaml',
          line: 6,
          message:
            'Kustomization "tenant" sets no spec.serviceAccountName, and on cluster "prod" kustomize-controller runs with --default-service-account=default: it is applied as ServiceAccount "default" of namespace "apps", which nothing in the repository grants any rights, so every apply is forbidden; set spec.serviceAccountName to the tenant\'s service account',
        },
      ],
    },
  ],
});
