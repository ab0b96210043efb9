/**
 * Rule params, checked once and the same way for every check: each check declares a JSON schema of its params
 * (Check.params, like ESLint's meta.schema), validated here with ajv, then the check's own checkParams for what a
 * schema cannot say. Messages are `key: problem`, worded from the schema (`description` says what a valid value is,
 * `title` names what an enum lists).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Check, JsonSchema } from '../checks/types.js';
import { formatPath } from '../schema/messages.js';

/** A check without a params schema takes no params. */
const NO_PARAMS: JsonSchema = { type: 'object', additionalProperties: false, properties: {} };

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
/** Compiled once per schema object: a check's schema is static, so this is a cache of code, not of run data. */
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

/** Problems with `params` for `check` (empty when valid), each `key: problem` or a sentence about the whole. */
export function paramProblems(check: Check, params: Record<string, unknown>): string[] {
  const validate = validatorFor(check.params ?? NO_PARAMS);
  if (!validate(params)) return (validate.errors ?? []).map(describeError);
  return check.checkParams?.(params) ?? [];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describeError(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const at = (segments: (string | number)[], text: string) => (segments.length === 0 ? text : `${formatPath(segments)}: ${text}`);
  const schema = isRecord(error.parentSchema) ? error.parentSchema : {};
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys(isRecord(schema.properties) ? schema.properties : {});
      return at([...path, String(params.additionalProperty)], `unknown key (allowed: ${allowed.join(', ') || 'none'})`);
    }
    case 'required': {
      const name = String(params.missingProperty);
      const property = isRecord(schema.properties) && isRecord(schema.properties[name]) ? schema.properties[name] : {};
      return at([...path, name], typeof property.description === 'string' ? `must be ${property.description}` : 'is required');
    }
    case 'enum': {
      const allowed = (schema.enum as unknown[]).map(String).join(', ');
      // An enum item of a list names the list: the value quoted in the message says which item.
      const where = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
      return typeof schema.title === 'string'
        ? at(where, `unknown ${schema.title} ${JSON.stringify(error.data)} (known: ${allowed})`)
        : at(where, `${JSON.stringify(error.data)} must be one of ${allowed}`);
    }
    case 'const':
      return at(path, `must be ${JSON.stringify(schema.const)}`);
    default:
      return at(path, typeof schema.description === 'string' ? `must be ${schema.description}` : (error.message ?? 'is not valid'));
  }
}
