import { ruleTester } from '../support/rule-tester.js';
import { widget, widgetCrd } from './cel-fixtures.js';

const gatewayClass = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: cilium\nspec:\n  controllerName: io.cilium/gateway-controller\n';

ruleTester.run('schema-cel-skipped', {
  valid: [
    { name: 'kinds whose rules all evaluate', files: { 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' } },
    { name: 'a transition rule (oldSelf) does not apply to a create and is not counted', files: { 'gw/class.yaml': gatewayClass } },
  ],
  invalid: [
    {
      name: 'an unsupported function, reported once for the kind at its first object',
      files: {
        'crds/widget.yaml': widgetCrd,
        'apps/widget.yaml': `${widget('  name: a\n  min: 1\n  max: 2\n')}---\n${widget('  name: b\n  min: 1\n  max: 2\n')}`,
      },
      errors: [
        {
          file: 'apps/widget.yaml',
          line: 1,
          column: 1,
          message: "1 validation rule of Widget could not be evaluated: not supported offline: found no matching overload for 'dyn.named(string)'",
        },
      ],
    },
  ],
});
