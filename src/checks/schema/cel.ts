/**
 * schema-cel: the CEL validation rules (`x-kubernetes-validations`) of CRD schemas (bundled, in-repo CRDs, user
 * schema folders), evaluated on every object of a kind that has them, as the API server would on create.
 * schema-cel-skipped: the rules that could not be evaluated offline, counted and reported once per kind.
 */
import { objectRef } from '../../k8s/object-ref.js';
import type { PathSegment, YamlDocument } from '../../load/types.js';
import { evaluateValidations, type CelSkipped } from '../../schema/cel/index.js';
import type { SchemaNode } from '../../schema/cel/values.js';
import type { SchemaResolver } from '../../schema/resolver.js';
import type { Check, CheckContext, RunData } from '../types.js';
import { substitutedVariants } from './substituted.js';

/** Longest rule text quoted in a message; longer rules are cut with an ellipsis. */
const MAX_RULE_TEXT = 120;
/** Transition rules compare with `oldSelf` and only run on updates: on a manifest (a create) they do not apply. */
const NOT_APPLICABLE = new Set<CelSkipped['kind']>(['transition']);

type RawSchema = { schema: SchemaNode; definitions: Record<string, SchemaNode> };

/**
 * The schema of each kind when it has CEL rules anywhere (refs included), else null: shipped CRDs, CRDs found in the
 * repo and user schema folders, found as the schema-validation rule finds them. One per lint run.
 */
function celSchemas(schemas: () => SchemaResolver): (apiVersion: string, kind: string) => RawSchema | null {
  const byKind = new Map<string, RawSchema | null>();
  return (apiVersion, kind) => {
    const key = `${apiVersion}/${kind}`;
    let entry = byKind.get(key);
    if (entry === undefined) {
      const resolver = schemas();
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

interface CelRun {
  violations: { doc: YamlDocument; path: PathSegment[]; message: string }[];
  /** Rules that could not be evaluated, by apiVersion/kind. */
  skips: Map<string, KindSkips>;
}


/**
 * Every CEL rule evaluated once per lint run (a shared result of the run's services); schema-cel reports the
 * violations, schema-cel-skipped what could not run.
 */
function celRun({ repo, graph, services }: RunData): CelRun {
  const run: CelRun = { violations: [], skips: new Map() };
  const schemaOf = celSchemas(() => services.schemas());
  const substitutions = services.substitutions().byDocument();
  for (const file of repo.files) {
    for (const doc of file.documents) {
      // Patches are partial objects: their rules would fail on fields the patch does not set.
      if (doc.class !== 'k8s' || !doc.apiVersion || !doc.kind || graph.patchDocs.has(doc)) continue;
      // With clusters, only what a cluster applies is judged (as schema-validation does).
      if (graph.clusters.length > 0 && !graph.reached.has(doc)) continue;
      const schema = schemaOf(doc.apiVersion, doc.kind);
      if (!schema) continue;
      // The object as each Flux Kustomization applying it substitutes it: one finding per distinct violation.
      const seen = new Set<string>();
      for (const variant of substitutedVariants(doc.value, () => doc.root, substitutions.get(doc), graph.reached.has(doc))) {
        const result = evaluateValidations(schema.schema, schema.definitions, variant.value);
        for (const v of result.violations) {
          const message = `${v.message} (rule: ${shortRule(v.rule)})`;
          const key = `${v.path.join('\0')}\0${message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          run.violations.push({ doc, path: v.path, message });
        }
        addSkips(run, doc, result.skipped);
      }
    }
  }
  return run;
}

function addSkips(run: CelRun, doc: YamlDocument, skipped: CelSkipped[]): void {
  for (const skip of skipped) {
    if (NOT_APPLICABLE.has(skip.kind)) continue;
    const key = `${doc.apiVersion}/${doc.kind}`;
    let kindSkips = run.skips.get(key);
    if (!kindSkips) run.skips.set(key, (kindSkips = { kind: doc.kind!, first: doc, rules: new Map() }));
    if (!kindSkips.rules.has(skip.rule)) kindSkips.rules.set(skip.rule, skip.reason);
  }
}

function schemaCel(ctx: CheckContext): void {
  for (const v of ctx.services.shared(celRun).violations) {
    ctx.report({ message: v.message, location: ctx.locate(v.doc, v.path), object: objectRef(v.doc) });
  }
}

function schemaCelSkipped(ctx: CheckContext): void {
  for (const { kind, first, rules } of ctx.services.shared(celRun).skips.values()) {
    const reasons = [...new Set(rules.values())];
    ctx.report({
      message:
        `${rules.size} validation rule${rules.size === 1 ? '' : 's'} of ${kind} could not be evaluated: ` +
        reasons.slice(0, 3).join('; ') +
        (reasons.length > 3 ? `; and ${reasons.length - 3} more` : ''),
      location: ctx.locate(first, []),
      object: objectRef(first),
    });
  }
}

export const celChecks: Record<string, Check> = {
  'schema-cel': { run: schemaCel },
  'schema-cel-skipped': { run: schemaCelSkipped },
};
