/**
 * Settings (rule params, the config file) checked against JSON schemas, with messages that name the key: the
 * schema words them, `description` saying what a valid value is and `title` naming what an enum lists.
 */
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { closestName } from '../util/suggest.js';
import { formatPath } from './messages.js';
import { ValidSettings } from './valid-settings.js';
import { isRecord } from '../util/values.js';

/** A JSON schema (draft-07, as ajv reads it). */
export type JsonSchema = Record<string, unknown>;

/** `key` is the setting's path (`kinds`, `ignore[0]`, `match.kind`; '' for the whole value). */
export interface SettingProblem {
  key: string;
  message: string;
}

const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true } as const;
const ajv = new Ajv(AJV_OPTIONS);
/** Compiled once per schema object: schemas are static, so this caches code, not data. */
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Where settings found valid are remembered, under a validator cache folder (see valid-settings.ts). */
export function validSettingsIn(cacheDir: string): ValidSettings {
  return new ValidSettings(path.join(cacheDir, 'valid-settings'), JSON.stringify(AJV_OPTIONS));
}

/** What is wrong with `value` under `schema` (empty when valid); `remembered` skips values found valid before. */
export function settingProblems(schema: JsonSchema, value: unknown, remembered?: ValidSettings): SettingProblem[] {
  if (remembered?.has(schema, value)) return [];
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (!validate(value)) return (validate.errors ?? []).map(describe);
  remembered?.add(schema, value);
  return [];
}


function describe(error: ErrorObject): SettingProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const at = (segments: (string | number)[], message: string): SettingProblem => ({ key: formatPath(segments), message });
  const schema = isRecord(error.parentSchema) ? error.parentSchema : {};
  const params = error.params as Record<string, unknown>;
  const propertyNames = () => Object.keys(isRecord(schema.properties) ? schema.properties : {}).join(', ');
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(isRecord(schema.properties) ? schema.properties : {});
      const suggestion = closestName(key, known, { partial: false });
      const hint = suggestion === undefined ? '' : `did you mean '${suggestion}'? `;
      return at([...path, key], `unknown key (${hint}allowed: ${propertyNames() || 'none'})`);
    }
    case 'required':
      return at([...path, String(params.missingProperty)], 'is required');
    case 'minProperties':
      return at(path, `give at least one of ${propertyNames()}`);
    case 'enum': {
      const allowed = (schema.enum as unknown[]).map(String).join(', ');
      if (typeof schema.title !== 'string') return at(path, `must be one of ${allowed}`);
      // An item of a list names the list: the value quoted in the message says which item.
      const where = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
      return at(where, `unknown ${schema.title} ${JSON.stringify(error.data)} (known: ${allowed})`);
    }
    case 'const':
      return at(path, `must be ${JSON.stringify(schema.const)}`);
    default:
      return at(path, typeof schema.description === 'string' ? `must be ${schema.description}` : (error.message ?? 'is not valid'));
  }
}
