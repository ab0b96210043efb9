/**
 * A parent Flux Kustomization's spec.patches applied to the objects it applies, for the one thing post-build
 * substitution needs: the spec.postBuild a child Flux Kustomization ends up with. Home-ops repos commonly give every
 * child its substituteFrom this way (a patch with a target selecting kind Kustomization).
 */
import { parseApiVersion } from '../k8s/api-version.js';
import { parseInlineYaml } from '../load/inline.js';
import type { At, FluxKustomization } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export type PostBuild = NonNullable<FluxKustomization['postBuild']>;

/** What a patch target selects on: the child as the parent renders it. */
interface Selectable {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
  labels: Obj;
  annotations: Obj;
}

/**
 * spec.postBuild of `child` after the spec.patches of `parents` (in order): strategic-merge patches merge
 * `substitute` and replace `substituteFrom`; JSON 6902 operations under /spec/postBuild are applied.
 * Returns child.postBuild itself when no patch touches it.
 */
export function patchedPostBuild(child: FluxKustomization, parents: FluxKustomization[]): FluxKustomization['postBuild'] {
  const meta = isObj(child.doc.value) && isObj(child.doc.value.metadata) ? child.doc.value.metadata : {};
  const { group, version } = parseApiVersion(child.doc.apiVersion);
  const self: Selectable = {
    group,
    version,
    kind: child.doc.kind ?? '',
    name: child.name,
    namespace: child.namespace,
    labels: isObj(meta.labels) ? meta.labels : {},
    annotations: isObj(meta.annotations) ? meta.annotations : {},
  };
  const spec = isObj(child.doc.value) && isObj(child.doc.value.spec) ? child.doc.value.spec : {};
  const holder: { spec: Obj } = { spec: isObj(spec.postBuild) ? { postBuild: structuredClone(spec.postBuild) } : {} };
  let patchedAt: At | undefined;
  for (const parent of parents) {
    for (const at of parent.patches) {
      const entry = valueAt(at);
      if (!isObj(entry) || typeof entry.patch !== 'string') continue;
      const parsed = parseInlineYaml(entry.patch);
      // A patch that does not parse fails the parent's build; schema rules report it.
      if ('error' in parsed || parsed.documents.length !== 1) continue;
      const patch = parsed.documents[0]!.value;
      if (!selects(entry.target, patch, self)) continue;
      const before = JSON.stringify(holder.spec.postBuild);
      if (Array.isArray(patch)) applyOperations(holder, patch);
      else if (isObj(patch) && isObj(patch.spec) && 'postBuild' in patch.spec) mergePostBuild(holder.spec, patch.spec.postBuild);
      if (JSON.stringify(holder.spec.postBuild) !== before) patchedAt = at;
    }
  }
  if (!patchedAt) return child.postBuild;
  return toPostBuild(holder.spec.postBuild, patchedAt);
}

function valueAt(at: At): unknown {
  let v: unknown = at.doc.value;
  for (const seg of at.path) v = Array.isArray(v) ? v[seg as number] : isObj(v) ? v[seg] : undefined;
  return v;
}

/** Strategic merge of spec.postBuild (CRD fields have no merge keys: lists are replaced, maps merged, null deletes). */
function mergePostBuild(spec: Obj, patch: unknown): void {
  if (patch === null || !isObj(patch)) {
    delete spec.postBuild;
    return;
  }
  const current: Obj = isObj(spec.postBuild) ? { ...spec.postBuild } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete current[key];
    else if (isObj(value) && isObj(current[key])) current[key] = Object.fromEntries(Object.entries({ ...current[key], ...value }).filter(([, v]) => v !== null));
    else current[key] = value;
  }
  spec.postBuild = current;
}

/** JSON 6902 add/replace/remove with paths under /spec/postBuild; other operations do not change postBuild. */
function applyOperations(holder: { spec: Obj }, ops: unknown[]): void {
  for (const op of ops) {
    if (!isObj(op) || typeof op.path !== 'string' || !op.path.startsWith('/spec/postBuild')) continue;
    const segments = op.path.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = segments.pop()!;
    let parent: unknown = holder;
    for (const seg of segments) parent = Array.isArray(parent) ? parent[Number(seg)] : isObj(parent) ? parent[seg] : undefined;
    const value = structuredClone(op.value);
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(index, 0, value);
      else if (op.op === 'replace') parent[index] = value;
      else if (op.op === 'remove') parent.splice(index, 1);
    } else if (isObj(parent)) {
      if (op.op === 'add' || op.op === 'replace') parent[last] = value;
      else if (op.op === 'remove') delete parent[last];
    }
  }
}

function toPostBuild(value: unknown, at: At): FluxKustomization['postBuild'] {
  if (!isObj(value)) return undefined;
  const substitute: Record<string, string> = {};
  if (isObj(value.substitute)) for (const [k, v] of Object.entries(value.substitute)) if (typeof v !== 'object') substitute[k] = String(v);
  const substituteFrom: PostBuild['substituteFrom'] = [];
  if (Array.isArray(value.substituteFrom)) {
    for (const ref of value.substituteFrom) {
      if (isObj(ref) && str(ref.name)) substituteFrom.push({ kind: str(ref.kind) ?? '', name: str(ref.name)!, optional: ref.optional === true, at });
    }
  }
  return { substitute, substituteFrom };
}

/** kustomize selects with anchored regular expressions on group, version, kind, name and namespace. */
function matchesField(pattern: unknown, actual: string): boolean {
  if (typeof pattern !== 'string' || pattern === '') return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(actual);
  } catch {
    return pattern === actual;
  }
}

/** Without a target, a strategic-merge patch applies to the object it names. */
function selects(target: unknown, patch: unknown, self: Selectable): boolean {
  if (!isObj(target)) {
    if (!isObj(patch) || !isObj(patch.metadata)) return false;
    const namespace = str(patch.metadata.namespace);
    return patch.kind === self.kind && patch.metadata.name === self.name && (!namespace || namespace === self.namespace);
  }
  return (
    matchesField(target.group, self.group) &&
    matchesField(target.version, self.version) &&
    matchesField(target.kind, self.kind) &&
    matchesField(target.name, self.name) &&
    matchesField(target.namespace, self.namespace) &&
    matchesSelector(target.labelSelector, self.labels) &&
    matchesSelector(target.annotationSelector, self.annotations)
  );
}

/** A Kubernetes label selector string: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-separated. */
export function matchesSelector(selector: unknown, labels: Obj): boolean {
  if (typeof selector !== 'string' || selector.trim() === '') return true;
  const requirements = selector.match(/(?:[^,(]|\([^)]*\))+/g) ?? [];
  return requirements.every((raw) => {
    const r = raw.trim();
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(r);
    if (set) {
      const values = set[3]!.split(',').map((v) => v.trim());
      const has = Object.hasOwn(labels, set[1]!) && values.includes(String(labels[set[1]!]));
      return set[2] === 'in' ? has : !has;
    }
    const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(r);
    if (eq) {
      const has = Object.hasOwn(labels, eq[1]!) && String(labels[eq[1]!]) === eq[3];
      return eq[2] === '!=' ? !has : has;
    }
    if (r.startsWith('!')) return !Object.hasOwn(labels, r.slice(1).trim());
    return Object.hasOwn(labels, r);
  });
}
