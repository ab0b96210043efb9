/**
 * helmrelease-values-schema: the values a HelmRelease gives a chart that lives in this repository do not match the
 * chart's `values.schema.json`, so `helm install/upgrade` fails on the cluster ("values don't meet the specifications
 * of the schema(s)") and the release never reconciles (fluxcd/flux2#5417).
 *
 * As Helm does it: the chart's values.yaml, then each `valuesFrom` entry, then `spec.values`, merged (maps deeply,
 * `null` deletes a key), validated against the schema. A release is judged only when every part is known: a
 * `valuesFrom` Secret, a ConfigMap not in the repository or a `targetPath` leave it alone (a missing required value
 * might be there). A string holding a `${VAR}` of post-build substitution stands for any value.
 */
import { Ajv, type AnySchema } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { Cluster, FluxHelmRelease } from '../../graph/types.js';
import { objectRef } from '../../k8s/object-ref.js';
import { parseInlineYaml } from '../../load/inline.js';
import type { PathSegment } from '../../load/types.js';
import { formatPath, toSchemaErrors } from '../../schema/messages.js';
import type { CheckContext } from '../types.js';
import { isObj, str } from './applied.js';

type Obj = Record<string, unknown>;

/** Helm's coalescing of user values over defaults: maps merge deeply, null removes the key. */
export function mergeValues(base: unknown, over: unknown): unknown {
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = mergeValues(out[k], v);
  }
  return out;
}

function compile(schema: unknown): ((v: unknown) => boolean) & { errors?: import('ajv').ErrorObject[] | null } {
  const draft = isObj(schema) ? str(schema.$schema) ?? '' : '';
  const options = { allErrors: true, verbose: true, strict: false, validateSchema: false } as const;
  const ajv = draft.includes('2020-12') ? new Ajv2020(options) : draft.includes('2019-09') ? new Ajv2019(options) : new Ajv(options);
  (formatsPlugin as unknown as (a: unknown) => void)(ajv);
  return ajv.compile(schema as AnySchema);
}

/** The text of a repo file the loader read: YAML files as written, other files (JSON) as read raw. */
function fileText(ctx: CheckContext, path: string): string | undefined {
  const yamlFile = ctx.repo.fileMap.get(path);
  if (yamlFile) return yamlFile.text;
  return ctx.repo.rawFiles.find((f) => f.path === path)?.text;
}

/** The values `valuesFrom` adds, in order; undefined when one of them is not known from the repository. */
function valuesFromParts(h: FluxHelmRelease, cluster: Cluster): unknown[] | undefined {
  const spec = isObj(h.value) && isObj(h.value.spec) ? h.value.spec : {};
  const entries = Array.isArray(spec.valuesFrom) ? spec.valuesFrom : [];
  const parts: unknown[] = [];
  for (const e of entries) {
    if (!isObj(e) || e.kind !== 'ConfigMap' || str(e.targetPath) || !str(e.name)) return undefined;
    const cm = cluster.objects.find((o) => o.id.kind === 'ConfigMap' && o.id.group === '' && o.id.name === e.name && (o.id.namespace ?? h.namespace) === h.namespace);
    const data = cm && isObj(cm.value) && isObj(cm.value.data) ? cm.value.data : undefined;
    const text = data ? data[str(e.valuesKey) ?? 'values.yaml'] : undefined;
    if (typeof text !== 'string') {
      if (e.optional === true && !cm) continue;
      return undefined;
    }
    const parsed = parseInlineYaml(text);
    if ('error' in parsed) return undefined;
    parts.push(parsed.documents[0]?.value ?? {});
  }
  return parts;
}

/** The longest prefix of `path` that spec.values has, for the finding's place. */
function valuesPath(values: unknown, path: PathSegment[]): PathSegment[] | undefined {
  if (values === undefined) return undefined;
  let v: unknown = values;
  const out: PathSegment[] = [];
  for (const seg of path) {
    const next = isObj(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[seg] : undefined;
    if (next === undefined) break;
    out.push(seg);
    v = next;
  }
  return out;
}

export function helmReleaseValuesSchema(ctx: CheckContext): void {
  const seen = new Set<string>();
  const compiled = new Map<string, ReturnType<typeof compile> | null>();
  for (const cluster of ctx.graph.clusters) {
    for (const h of cluster.helmReleases) {
      const dir = h.chartPath?.status === 'dir' ? h.chartPath.path! : undefined;
      if (dir === undefined) continue;
      const schemaFile = dir === '' ? 'values.schema.json' : `${dir}/values.schema.json`;
      if (!compiled.has(schemaFile)) {
        const text = fileText(ctx, schemaFile);
        let validate: ReturnType<typeof compile> | null = null;
        try {
          validate = text === undefined ? null : compile(JSON.parse(text));
        } catch {
          validate = null; // a schema Helm cannot use either is not this rule's business
        }
        compiled.set(schemaFile, validate);
      }
      const validate = compiled.get(schemaFile);
      if (!validate) continue;
      const fromParts = valuesFromParts(h, cluster);
      if (!fromParts) continue;
      const defaultsText = fileText(ctx, dir === '' ? 'values.yaml' : `${dir}/values.yaml`);
      const defaults = defaultsText === undefined ? {} : (() => {
        const parsed = parseInlineYaml(defaultsText);
        return 'error' in parsed ? undefined : (parsed.documents[0]?.value ?? {});
      })();
      if (defaults === undefined) continue;
      const spec = isObj(h.value) && isObj(h.value.spec) ? h.value.spec : {};
      const merged = [...fromParts, spec.values].reduce((acc, part) => mergeValues(acc, part), defaults as unknown);
      if (validate(merged)) continue;
      const errors = toSchemaErrors(validate.errors ?? [], merged, { partial: false, redact: false, substitution: true, encrypted: false });
      for (const error of errors) {
        const inValues = valuesPath(spec.values, error.path);
        const location = inValues !== undefined ? ctx.locate(h.doc, ['spec', 'values', ...inValues], inValues.length === error.path.length ? 'value' : 'key') : ctx.locate(h.doc, ['spec', 'chart', 'spec', 'chart'], 'value');
        const key = `${location.file}:${location.line}:${location.column} ${error.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const where = error.path.length > 0 ? `values.${formatPath(error.path)}` : 'values';
        ctx.report({
          message: `HelmRelease "${h.name}" ${where}: ${error.message} (the chart's ${schemaFile}); helm install and upgrade fail on the cluster`,
          location,
          object: objectRef({ apiVersion: h.doc.apiVersion, kind: 'HelmRelease', namespace: h.namespace, name: h.name }),
        });
      }
    }
  }
}
