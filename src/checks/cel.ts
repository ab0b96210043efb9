/**
 * schema-cel: the CEL validation rules (`x-kubernetes-validations`) of CRD schemas (bundled, in-repo CRDs, user
 * schema folders), evaluated on every object of a kind that has them, as the API server would on create. Rules that cannot be evaluated offline are
 * counted and reported once per kind.
 */
import type { CheckContext, CheckFunction } from '../engine/types.js';
import type { YamlDocument } from '../load/types.js';
import { evaluateValidations, type CelSkipped } from '../schema/cel/index.js';
import { schemaResolver } from './schema-resolver.js';
import type { SchemaNode } from '../schema/cel/values.js';

/** Longest rule text quoted in a message; longer rules are cut with an ellipsis. */
const MAX_RULE_TEXT = 120;
/**
 * Skips that are not a gap of the linter: transition rules only run on updates (never on create), and a value
 * holding a Flux `${VAR}` is only known once Flux substitutes it.
 */
const EXPECTED_SKIPS = new Set<CelSkipped['kind']>(['transition', 'substitution']);

type RawSchema = { schema: SchemaNode; definitions: Record<string, SchemaNode> };

/**
 * The schema of each kind when it has CEL rules anywhere (refs included), else null: shipped CRDs, CRDs found in the
 * repo and user schema folders, found as the schema-validation rule finds them. One per lint run.
 */
function celSchemas(ctx: CheckContext): (apiVersion: string, kind: string) => RawSchema | null {
  const byKind = new Map<string, RawSchema | null>();
  return (apiVersion, kind) => {
    const key = `${apiVersion}/${kind}`;
    let entry = byKind.get(key);
    if (entry === undefined) {
      const resolver = schemaResolver(ctx);
      const lookup = resolver.lookup(apiVersion, kind);
      const raw = lookup && 'location' in lookup ? resolver.store.rawSchema(lookup.location) : undefined;
      entry = raw && hasRules(raw.schema, raw.definitions, new Set()) ? raw : null;
      byKind.set(key, entry);
    }
    return entry;
  };
}

function hasRules(node: unknown, definitions: Record<string, SchemaNode>, seen: Set<string>): boolean {
  if (Array.isArray(node)) return node.some((n) => hasRules(n, definitions, seen));
  if (!node || typeof node !== 'object') return false;
  const schema = node as SchemaNode;
  if (Array.isArray(schema['x-kubernetes-validations'])) return true;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/definitions\//, '');
    if (seen.has(name)) return false;
    seen.add(name);
    return hasRules(definitions[name], definitions, seen);
  }
  const children = [schema.items, schema.additionalProperties, schema.allOf, schema.anyOf, schema.oneOf];
  if (schema.properties && typeof schema.properties === 'object') children.push(...Object.values(schema.properties as object));
  return children.some((c) => hasRules(c, definitions, seen));
}

function shortRule(rule: string): string {
  const oneLine = rule.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_RULE_TEXT ? `${oneLine.slice(0, MAX_RULE_TEXT - 1)}…` : oneLine;
}

interface KindSkips {
  kind: string;
  first: YamlDocument;
  /** Rule text -> reason. */
  rules: Map<string, string>;
}

function schemaCel(ctx: CheckContext): void {
  const schemaOf = celSchemas(ctx);
  const reportSkipped = ctx.params.reportSkipped !== false;
  const skipsByKind = new Map<string, KindSkips>();
  for (const file of ctx.repo.files) {
    for (const doc of file.documents) {
      // Patches are partial objects: their rules would fail on fields the patch does not set.
      if (doc.class !== 'k8s' || !doc.apiVersion || !doc.kind || ctx.graph.patchDocs.has(doc)) continue;
      const schema = schemaOf(doc.apiVersion, doc.kind);
      if (!schema) continue;
      const result = evaluateValidations(schema.schema, schema.definitions, doc.value);
      const object = { apiVersion: doc.apiVersion, kind: doc.kind, namespace: doc.namespace, name: doc.name };
      for (const v of result.violations) {
        ctx.report({ message: `${v.message} (rule: ${shortRule(v.rule)})`, location: ctx.locate(doc, v.path), object });
      }
      for (const s of result.skipped) {
        if (EXPECTED_SKIPS.has(s.kind)) continue;
        const key = `${doc.apiVersion}/${doc.kind}`;
        let skips = skipsByKind.get(key);
        if (!skips) skipsByKind.set(key, (skips = { kind: doc.kind, first: doc, rules: new Map() }));
        if (!skips.rules.has(s.rule)) skips.rules.set(s.rule, s.reason);
      }
    }
  }
  if (!reportSkipped) return;
  for (const { kind, first, rules } of skipsByKind.values()) {
    const reasons = [...new Set(rules.values())];
    ctx.report({
      message:
        `${rules.size} validation rule${rules.size === 1 ? '' : 's'} of ${kind} could not be evaluated: ` +
        reasons.slice(0, 3).join('; ') +
        (reasons.length > 3 ? `; and ${reasons.length - 3} more` : ''),
      location: ctx.locate(first, []),
      object: { apiVersion: first.apiVersion, kind, namespace: first.namespace, name: first.name },
    });
  }
}

export const celChecks: Record<string, CheckFunction> = {
  'schema-cel': schemaCel,
};
