/** An in-repo CRD with two CEL rules: one with messageExpression and fieldPath, one using a function not implemented offline. */
export const widgetCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-validations:
                - rule: self.min <= self.max
                  messageExpression: "'max ' + string(self.max) + ' is below min ' + string(self.min)"
                  fieldPath: .max
                - rule: format.named('dns1123Label').value().validate(self.name).hasValue() == false
              properties:
                name:
                  type: string
                min:
                  type: integer
                max:
                  type: integer
`;
export const widget = (spec: string) => `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
${spec}`;
