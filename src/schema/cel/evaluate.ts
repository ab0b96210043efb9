/**
 * Evaluates the `x-kubernetes-validations` (CEL) rules of a schema on a value, as the API server does on create:
 * every rule at every schema node whose value is present, with `self` bound to that value.
 */
import type { PathSegment } from '../../util/json-path.js';
import { compileRule, firstLine } from './compile.js';
import { CelConverter, isTemplated, itemSchema, propertySchema, schemaParts, type SchemaNode, type Taint } from './values.js';

/** One entry of `x-kubernetes-validations`. */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
  optionalOldSelf?: boolean;
}

export interface CelViolation {
  /** Where to report: the rule's fieldPath under its node, else the node. */
  path: PathSegment[];
  message: string;
  rule: string;
}

export type SkipKind = 'transition' | 'unsupported' | 'substitution' | 'unset-field' | 'error';

export interface CelSkipped {
  rule: string;
  /** Why it was not evaluated, for people. */
  reason: string;
  kind: SkipKind;
  /** The node the rule sits on. */
  path: PathSegment[];
}

export interface CelResult {
  violations: CelViolation[];
  skipped: CelSkipped[];
  /** Rules run to a true/false answer. */
  evaluated: number;
}

/** Every rule of `schema` (refs resolved in `definitions`) evaluated on `value`. Never throws for a bad rule or value. */
export function evaluateValidations(schema: SchemaNode, definitions: Record<string, SchemaNode>, value: unknown): CelResult {
  const taint: Taint = { touched: false };
  const walker = new Walker(definitions, new CelConverter(definitions, taint), taint);
  walker.walk(schema, value, [], 0);
  return walker.result;
}

/** Deeper than any real manifest; stops a pathological (aliased) value. */
const MAX_DEPTH = 100;

class Walker {
  readonly result: CelResult = { violations: [], skipped: [], evaluated: 0 };

  constructor(
    private readonly definitions: Record<string, SchemaNode>,
    private readonly converter: CelConverter,
    private readonly taint: Taint,
  ) {}

  walk(node: SchemaNode | undefined, value: unknown, path: PathSegment[], depth: number): void {
    // Absent (or null) fields are unset: the API server does not run their rules.
    if (value === null || value === undefined || depth > MAX_DEPTH) return;
    const parts = schemaParts(node, this.definitions);
    if (parts.length === 0) return;
    for (const part of parts) {
      const rules = part['x-kubernetes-validations'];
      if (!Array.isArray(rules)) continue;
      for (const rule of rules as unknown[]) if (isRule(rule)) this.check(rule, node, value, path);
    }
    if (Array.isArray(value)) {
      const items = itemSchema(parts);
      if (items) value.forEach((item, i) => this.walk(items, item, [...path, i], depth + 1));
    } else if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const schema = propertySchema(parts, key);
        if (schema) this.walk(schema, child, [...path, key], depth + 1);
      }
    }
  }

  private check(rule: ValidationRule, node: SchemaNode | undefined, value: unknown, path: PathSegment[]): void {
    const skip = (kind: SkipKind, reason: string): void => {
      this.result.skipped.push({ rule: rule.rule, reason, kind, path });
    };
    const compiled = compileRule(rule.rule, rule.optionalOldSelf === true);
    if (!compiled.ok) return skip(compiled.transition ? 'transition' : 'unsupported', compiled.reason);
    const self = this.converter.convert(node, value);
    // A templated string as `self` is read by any rule on it; inside objects and lists, reads are watched.
    this.taint.touched = isTemplated(value);
    let outcome: unknown;
    try {
      outcome = compiled.run(self);
    } catch (error) {
      if (this.taint.touched) return skip('substitution', 'reads a Flux ${VAR} placeholder');
      const text = firstLine(error instanceof Error ? error.message : String(error));
      const code = (error as { code?: unknown }).code;
      if (code === 'no_such_key') return skip('unset-field', `${text} (a field that is not set; the API server may fill a default)`);
      return skip('error', text);
    }
    if (outcome !== true && outcome !== false) return skip('error', `rule returned ${typeof outcome}, not a bool`);
    if (outcome === false && this.taint.touched) return skip('substitution', 'reads a Flux ${VAR} placeholder');
    this.result.evaluated++;
    if (outcome) return;
    this.result.violations.push({ path: [...path, ...parseFieldPath(rule.fieldPath)], message: this.message(rule, self), rule: rule.rule });
  }

  /** The rule's message, else its messageExpression's value, else what the API server says. */
  private message(rule: ValidationRule, self: unknown): string {
    if (rule.message) return rule.message;
    if (rule.messageExpression) {
      const compiled = compileRule(rule.messageExpression);
      if (compiled.ok) {
        try {
          const text = compiled.run(self);
          if (typeof text === 'string' && text.trim() !== '') return text;
        } catch {
          // Like the API server: a failing messageExpression falls back to the default message.
        }
      }
    }
    return `failed rule: ${rule.rule}`;
  }
}

function isRule(value: unknown): value is ValidationRule {
  return typeof value === 'object' && value !== null && typeof (value as ValidationRule).rule === 'string';
}

/** `.spec.foo`, `.items[0]`, `.labels['a.b/c']` -> path segments; an unreadable fieldPath gives no segments. */
export function parseFieldPath(fieldPath: string | undefined): PathSegment[] {
  if (!fieldPath) return [];
  const segments: PathSegment[] = [];
  const token = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let m: RegExpExecArray | null;
  while ((m = token.exec(fieldPath))) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push((m[3] ?? m[4])!.replace(/\\(.)/g, '$1'));
    if (token.lastIndex === fieldPath.length) return segments;
  }
  return [];
}
