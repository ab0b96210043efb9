/**
 * Turns ajv errors into messages a person understands, with one root cause per problem: anyOf/oneOf cascades
 * (one error per branch plus the summary) are collapsed, unknown fields get a "did you mean" suggestion.
 */
import type { ErrorObject } from 'ajv';
import type { PathSegment } from '../util/json-path.js';
import { isSensitiveValue } from '../k8s/sensitive.js';
import { closestName } from '../util/suggest.js';
import { QUANTITY_PATTERN } from './quantity.js';

export interface SchemaError {
  /** Path to the offending value; for unknown fields, the unknown key itself; for missing fields, the object. */
  path: PathSegment[];
  /** The JSON Schema keyword that failed (type, enum, required, additionalProperties, pattern, anyOf, ...). */
  keyword: string;
  message: string;
}

export interface MessageOptions {
  /** Skip `required` (patches hold only part of an object). */
  partial: boolean;
  /** Never print values (Secrets). */
  redact: boolean;
  /** Never print values at or under these paths (substituted with variables from a Secret). */
  redactPaths?: PathSegment[][];
  /** Flux post-build substitution applies: strings holding `${VAR}` are not checked, their final value is unknown. */
  substitution: boolean;
  /** SOPS-encrypted: `ENC[...]` strings stand for values of any type. */
  encrypted: boolean;
}

const SUBSTITUTION_VARIABLE = /\$\{[^}]+\}/;
const SOPS_CIPHERTEXT = /^ENC\[.*\]$/s;

/** Named types of the instance, as ajv's `type` keyword sees them. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function describe(value: unknown, root: unknown, path: PathSegment[], options: MessageOptions): string {
  const type = typeOf(value);
  if (type === 'object' || type === 'array' || type === 'null') return type;
  const shown = type === 'integer' ? 'number' : type;
  if (options.redact || isSensitiveValue(undefined, root, path) || options.redactPaths?.some((p) => startsWith(path, p))) return shown;
  const text = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) : String(value);
  return `${shown} ${text}`;
}

const startsWith = (path: PathSegment[], prefix: PathSegment[]) => prefix.length <= path.length && prefix.every((s, i) => path[i] === s);

/** `spec.template.spec.containers[0]`, `metadata.annotations["a.b/c"]`. */
export function formatPath(path: PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function where(path: PathSegment[]): string {
  return path.length === 0 ? 'the object' : formatPath(path);
}

/** Splits an ajv instancePath, turning indexes into numbers where the data holds an array. */
function toPath(instancePath: string, root: unknown): PathSegment[] {
  if (instancePath === '') return [];
  const path: PathSegment[] = [];
  let node = root;
  for (const raw of instancePath.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment: PathSegment = Array.isArray(node) ? Number(key) : key;
    path.push(segment);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

function list(values: unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

/** Message for one non-combinator ajv error. */
function single(e: ErrorObject, root: unknown, options: MessageOptions): SchemaError {
  const path = toPath(e.instancePath, root);
  const at = formatPath(path);
  const got = () => describe(e.data, root, path, options);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return { path, keyword: 'type', message: `${at || 'the document'} must be ${String(p.type).split(',').join(' or ')}, got ${got()}` };
    case 'enum':
      return { path, keyword: 'enum', message: `${at} must be one of: ${list(p.allowedValues as unknown[])}` };
    case 'const':
      return { path, keyword: 'const', message: `${at} must be ${list([p.allowedValue])}` };
    case 'required':
      return { path, keyword: 'required', message: `${path.length ? `${at} is missing` : 'missing'} required field "${String(p.missingProperty)}"` };
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      const suggestion = closestName(field, known, { partial: false });
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      return { path: [...path, field], keyword: e.keyword, message: `unknown field "${field}"${path.length ? ` in ${at}` : ''}${hint}` };
    }
    case 'pattern':
      if (p.pattern === QUANTITY_PATTERN) {
        return { path, keyword: 'pattern', message: `${at} must be a Kubernetes quantity such as 500m, 1.5 or 2Gi, got ${got()}` };
      }
      return { path, keyword: 'pattern', message: `${at} must match ${String(p.pattern)}, got ${got()}` };
    case 'format':
      return { path, keyword: 'format', message: `${at} must be a valid ${String(p.format)}, got ${got()}` };
    case 'minLength':
    case 'maxLength':
      return { path, keyword: e.keyword, message: `${at} must be ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${String(p.limit)} characters long` };
    case 'minItems':
    case 'maxItems':
      return { path, keyword: e.keyword, message: `${at} must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p.limit)} items` };
    case 'minProperties':
    case 'maxProperties':
      return { path, keyword: e.keyword, message: `${at} must have ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${String(p.limit)} entries` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, keyword: e.keyword, message: `${at} must be ${String(p.comparison)} ${String(p.limit)}, got ${got()}` };
    case 'uniqueItems':
      return { path, keyword: e.keyword, message: `${at} must not hold duplicate items (items ${String(p.j)} and ${String(p.i)} are equal)` };
    case 'not': {
      const forbidden = (e.schema as { required?: string[] } | undefined)?.required;
      const message = forbidden ? `${where(path)} must not set ${forbidden.map((f) => `"${f}"`).join(' with ')}` : `${at || 'the object'} is not allowed here`;
      return { path, keyword: 'not', message };
    }
    default:
      return { path, keyword: e.keyword, message: `${at || 'the object'} ${e.message ?? 'is invalid'}` };
  }
}

type Pending = { error: ErrorObject; converted?: SchemaError };

function isUnder(child: string, parent: string): boolean {
  return child === parent || child.startsWith(`${parent}/`);
}

/** The `required` lists of branches that only require fields (`oneOf: [{required: [a]}, {required: [b]}]`). */
function requiredOnlyBranches(branches: unknown): string[][] | undefined {
  if (!Array.isArray(branches)) return undefined;
  const lists = branches.map((b) => {
    const keys = Object.keys(b as object);
    const required = (b as { required?: unknown }).required;
    return keys.length === 1 && Array.isArray(required) ? (required as string[]) : undefined;
  });
  return lists.every((l) => l !== undefined) ? (lists as string[][]) : undefined;
}

/**
 * Replaces one anyOf/oneOf error and the branch errors that precede it (ajv reports branch errors first) with
 * its root cause. Returns the replacement errors.
 */
function collapse(logic: ErrorObject, branchErrors: Pending[], root: unknown, options: MessageOptions): Pending[] {
  const path = toPath(logic.instancePath, root);
  const requiredLists = requiredOnlyBranches(logic.schema);
  if (requiredLists) {
    const unrelated = branchErrors.filter((b) => !(b.error.keyword === 'required' && b.error.instancePath === logic.instancePath));
    if (options.partial && (logic.params as { passingSchemas?: unknown }).passingSchemas == null) return unrelated;
    const fields = requiredLists.map((l) => l.map((f) => `"${f}"`).join(' + ')).join(', ');
    const tooMany = (logic.params as { passingSchemas?: unknown }).passingSchemas != null;
    const verb = tooMany ? 'must set only one of' : logic.keyword === 'oneOf' ? 'must set exactly one of' : 'must set one of';
    return [...unrelated, { error: logic, converted: { path, keyword: logic.keyword, message: `${where(path)} ${verb}: ${fields}` } }];
  }
  if (branchErrors.length === 0) {
    // No branch errors left: either several branches passed (oneOf), or only `required` failed in a partial object.
    if ((logic.params as { passingSchemas?: unknown }).passingSchemas == null) return [];
    return [{ error: logic, converted: { path, keyword: logic.keyword, message: `${where(path)} matches more than one allowed form` } }];
  }
  // A branch with a type error at the combinator's own level did not match the value's shape: its other errors
  // (an enum of a string branch for a number) are noise. Branch errors are grouped by their schema path.
  const isShapeMismatch = (b: Pending) => !b.converted && b.error.keyword === 'type' && b.error.instancePath === logic.instancePath;
  const branchOf = (b: Pending) => /^\/(\d+)\//.exec(b.error.schemaPath.slice(logic.schemaPath.length))?.[1];
  const mismatched = new Set(branchErrors.filter(isShapeMismatch).map(branchOf));
  const shaped = branchErrors.filter((b) => !isShapeMismatch(b) && (branchOf(b) === undefined || !mismatched.has(branchOf(b))));
  if (shaped.length === 0) {
    const types = [...new Set(branchErrors.filter(isShapeMismatch).map((b) => String((b.error.params as { type: unknown }).type)))];
    const merged = { ...logic, keyword: 'type', params: { type: types.join(',') } } as ErrorObject;
    return [{ error: logic, converted: single(merged, root, options) }];
  }
  // The root cause is in the branch that got furthest: its deepest errors.
  const depth = (b: Pending) => (b.converted ? b.converted.path.length : toPath(b.error.instancePath, root).length);
  const deepest = Math.max(...shaped.map(depth));
  return shaped.filter((b) => depth(b) === deepest);
}

/** Converts ajv errors (validated with allErrors and verbose) into collapsed, readable errors. */
export function toSchemaErrors(errors: ErrorObject[], root: unknown, options: MessageOptions): SchemaError[] {
  const stack: Pending[] = [];
  for (const error of errors) {
    if (options.partial && error.keyword === 'required') continue;
    if (options.substitution && typeof error.data === 'string' && SUBSTITUTION_VARIABLE.test(error.data)) continue;
    if (options.encrypted && typeof error.data === 'string' && SOPS_CIPHERTEXT.test(error.data)) continue;
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      stack.push({ error });
      continue;
    }
    let start = stack.length;
    while (start > 0 && isUnder(stack[start - 1]!.error.instancePath, error.instancePath)) start--;
    stack.push(...collapse(error, stack.splice(start), root, options));
  }
  const out = stack.map((p) => p.converted ?? single(p.error, root, options));
  const seen = new Set<string>();
  return out.filter((e) => {
    const key = `${JSON.stringify(e.path)} ${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
