/**
 * schema-validation and schema-missing: Kubernetes objects and patches against the shipped, in-repo (CRD) and
 * user schemas. Both rules share the run's targets (collected once) and schema resolver (created on first use, so a
 * repo without Kubernetes objects never creates a schema store).
 */
import type { ObjectRef } from '../../finding.js';
import { objectRef as refOf } from '../../k8s/object-ref.js';
import { nodeAt } from '../../load/locate.js';
import type { PathSegment, YamlDocument } from '../../load/types.js';
import { json6902Problems } from '../../schema/json6902.js';
import type { SchemaError } from '../../schema/messages.js';
import { schemaFileNames } from '../../schema/user-schemas.js';
import type { Check, CheckContext, RunData } from '../types.js';
import { literalBlockMapper, nodeRange } from './inline-patch.js';
import type { SchemaLookup } from '../../schema/resolver.js';
import { acceptedOnCluster, appliedVariants, clusterCrd, notFromPatches, type AppliedVariant } from './applied.js';
import { collectTargets, type InlineSource, type ObjectTarget, type SchemaTargets } from './targets.js';
import { goNumber } from '../../k8s/go-yaml.js';
import { deprecationRulesCover } from '../deprecations/api.js';
import { skipProperties } from '../../load/tree.js';

/** What the schema rules validate in this run's repo: computed once, shared by both rules. */
const targetsOf = ({ repo, graph }: RunData): SchemaTargets => collectTargets(repo, graph);

/** Patches without apiVersion/kind name no object. */
function objectRef(doc: YamlDocument): ObjectRef | undefined {
  return doc.apiVersion && doc.kind ? refOf(doc) : undefined;
}

function reportAt(ctx: CheckContext, doc: YamlDocument, path: PathSegment[], target: 'key' | 'value', message: string): void {
  const object = objectRef(doc);
  ctx.report({ message, location: ctx.locate(doc, path, target), ...(object ? { object } : {}) });
}

/**
 * A finding inside a patch written as a string: at its exact line when the string is a literal block (`patch: |`),
 * else at the patch entry. `path` is relative to the patch document.
 */
function reportInline(ctx: CheckContext, t: { doc: YamlDocument; base: PathSegment[]; source?: InlineSource }, path: PathSegment[], target: 'key' | 'value', message: string): void {
  const range = t.source ? nodeRange(t.source.root, path, target) : undefined;
  reportInString(ctx, t.doc, t.base, t.source?.text, range, message);
}

/** A finding at offsets [start, end) of the patch string at `base` in `doc`, or at the entry when they cannot be mapped. */
function reportInString(ctx: CheckContext, doc: YamlDocument, base: PathSegment[], text: string | undefined, range: { start: number; end: number } | undefined, message: string): void {
  const file = ctx.repo.fileMap.get(doc.file);
  const node = nodeAt(doc.root, base);
  const mapper = file && node ? literalBlockMapper(file, node) : undefined;
  if (!mapper || text === undefined || !range) return reportAt(ctx, doc, base, 'key', message);
  const object = objectRef(doc);
  ctx.report({ message, location: mapper(text, range.start, range.end), ...(object ? { object } : {}) });
}

/**
 * When a message shows a number written otherwise in the file (`0755`, `0x1F`, `1_000`), how it is written: the
 * number is what kubectl and kustomize read (src/k8s/go-yaml.ts), which a reader of the file may not expect.
 */
function writtenAs(ctx: CheckContext, doc: YamlDocument, path: PathSegment[], message: string): string {
  const node = nodeAt(doc.root, path);
  const file = ctx.repo.fileMap.get(doc.file);
  if (!file || node?.kind !== 'scalar' || node.style !== 'plain') return '';
  const text = file.text.slice(skipProperties(file.text, node.start, node.end), node.end);
  const value = goNumber(text);
  if (value === undefined || String(value) === text || !message.endsWith(`got number ${value}`)) return '';
  return /^[-+]?0[0-7]+$/.test(text.replaceAll('_', '')) ? ` (written ${text}: Go YAML readers take a leading 0 as octal)` : ` (written ${text})`;
}

/** The schema of a variant: the CRD its cluster applies for the kind, else the run's (user folders, bundled). */
function lookupFor(ctx: CheckContext, variant: AppliedVariant, t: ObjectTarget): SchemaLookup {
  const crd = clusterCrd(ctx, variant, t.apiVersion, t.kind);
  return crd ? ctx.services.schemas().lookupInCrd(t.apiVersion, t.kind, crd) : ctx.services.schemas().lookup(t.apiVersion, t.kind);
}

function schemaValidation(ctx: CheckContext): void {
  const targets = ctx.services.shared(targetsOf);
  for (const b of targets.broken) {
    const range = b.offset === undefined ? undefined : { start: b.offset, end: b.offset };
    reportInString(ctx, b.doc, b.base, b.text, range, b.message);
  }
  for (const t of targets.ops) {
    for (const p of json6902Problems(t.ops)) {
      const target = typeof p.path[p.path.length - 1] === 'string' ? 'value' : 'key';
      if (t.inline) reportInline(ctx, t, p.path, target, `${t.inline}: ${p.message}`);
      else reportAt(ctx, t.doc, [...t.base, ...p.path], target, p.message);
    }
  }
  if (targets.objects.length === 0) return;
  const r = ctx.services.schemas();
  /** Kinds whose schema is unusable, reported once at their first object. */
  const unusable = new Set<string>();
  for (const t of targets.objects) {
    const key = `${t.apiVersion}/${t.kind}`;
    const errors = new Map<string, SchemaError>();
    let problem: string | undefined;
    let problemAt = t;
    for (const variant of appliedVariants(t, ctx)) {
      const lookup = lookupFor(ctx, variant, t);
      if (!lookup) continue;
      problem = 'error' in lookup ? lookup.error : undefined;
      if ('location' in lookup) {
        try {
          const options = { apiVersion: t.apiVersion, kind: t.kind, kubernetesVersion: r.kubernetesVersion, location: lookup.location };
          const found = r.store.validate(variant.value, { ...options, partial: t.partial, substitution: variant.skipVariables, encrypted: t.encrypted, redactPaths: variant.secretPaths })!;
          for (const e of acceptedOnCluster(ctx, variant, t, notFromPatches(variant, t, found))) errors.set(`${e.path.join('\u0000')} ${e.message}`, e);
        } catch (err) {
          problem = `the schema from ${lookup.location.source} does not compile: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
      if (problem) {
        problemAt = t;
        break;
      }
    }
    if (problem) {
      if (!unusable.has(key)) reportAt(ctx, problemAt.doc, problemAt.base, 'key', `cannot validate ${t.apiVersion} ${t.kind}: ${problem}`);
      unusable.add(key);
      continue;
    }
    for (const e of errors.values()) {
      const target = e.keyword === 'additionalProperties' || e.keyword === 'required' ? 'key' : 'value';
      if (t.inline) reportInline(ctx, t, e.path, target, `${t.inline}: ${e.message}`);
      else reportAt(ctx, t.doc, [...t.base, ...e.path], target, e.message + writtenAs(ctx, t.doc, [...t.base, ...e.path], e.message));
    }
  }
}

function schemaMissing(ctx: CheckContext): void {
  const whole = ctx.services.shared(targetsOf).objects.filter((t) => t.whole);
  if (whole.length === 0) return;
  const r = ctx.services.schemas();
  const missing = new Map<string, { first: ObjectTarget; count: number }>();
  for (const t of whole) {
    const variants = appliedVariants(t, ctx);
    if (variants.length === 0 || variants.every((v) => lookupFor(ctx, v, t))) continue;
    if (deprecationRulesCover(ctx, t.apiVersion, t.kind)) continue; // a version not served: api-deprecated / api-version-unknown
    const key = `${t.apiVersion}/${t.kind}`;
    const entry = missing.get(key);
    if (!entry) missing.set(key, { first: t, count: 1 });
    else {
      entry.count++;
      // Point at an object a cluster applies when there is one, rather than at a template or an archived copy.
      if (!ctx.graph.reached.has(entry.first.doc) && ctx.graph.reached.has(t.doc)) entry.first = t;
    }
  }
  for (const { first, count } of missing.values()) {
    const { apiVersion, kind } = first;
    const objects = count === 1 ? '1 object' : `${count} objects`;
    reportAt(
      ctx,
      first.doc,
      [...first.base, 'kind'],
      'value',
      `no schema for ${apiVersion} ${kind} in Kubernetes ${r.kubernetesVersion} or the bundled CRDs: ${objects} of this kind not validated; ` +
        `commit its CustomResourceDefinition to the repo, or pass --schema-location DIR with ${schemaFileNames(apiVersion, kind)[0]}`,
    );
  }
}

export const schemaChecks: Record<string, Check> = {
  'schema-validation': { run: schemaValidation },
  'schema-missing': { run: schemaMissing },
};
