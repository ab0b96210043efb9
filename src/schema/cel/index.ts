/** CEL validation rules (`x-kubernetes-validations`) of CRD schemas, evaluated offline. */
export { evaluateValidations, parseFieldPath, type CelResult, type CelSkipped, type CelViolation, type SkipKind, type ValidationRule } from './evaluate.js';
export { compileRule } from './compile.js';
