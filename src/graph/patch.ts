/**
 * kustomize patches as values: which objects a patch selects, and what a strategic-merge or JSON 6902 patch makes of
 * an object. Used for kustomization files (`patches`, `patchesStrategicMerge`, `patchesJson6902`) and for what Flux
 * adds to the build of a Flux Kustomization (`spec.patches`, and the deprecated `spec.patchesStrategicMerge` and
 * `spec.patchesJson6902`): Flux appends them to the kustomization file at the path (fluxcd/pkg
 * kustomize/kustomize_generator.go, Generator.WriteFile), so they run in the same transformers.
 *
 * Selection follows kustomize (api/resource/resource.go, api/filters/patchstrategicmerge): a `target` selects by
 * anchored regular expressions on group, version, kind, name and namespace, and by label and annotation selectors; a
 * strategic-merge patch without a target applies to the one object whose group, version, kind, name and namespace
 * (empty meaning `default`) equal the patch's, as the object is now or was before a transformer renamed it; finding
 * none fails the build ("failed to find unique target for patch"). A target that selects nothing is not an error.
 *
 * Merging follows kyaml for kinds without a built-in schema (every custom resource): maps merge key by key, `null`
 * deletes, lists are replaced (checked with `kubectl kustomize`). Values are never mutated: a patched object is a copy.
 */
import { parseInlineYaml } from '../load/inline.js';
import { isRecord as isObj, nonEmptyString as str } from '../util/values.js';

type Obj = Record<string, unknown>;

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** A patch ready to apply: its parsed body and what it selects. */
export interface Patch {
  type: 'merge' | 'json6902';
  /** The merge patch object, or the list of operations. */
  body: unknown;
  /** Undefined: a strategic-merge patch applying to the object it names (json6902 always has a target). */
  target?: PatchTarget;
}

/** An object as a transformer sees it: its identity now, the identities it had before, and its value. */
export interface PatchSubject {
  group: string;
  version: string;
  kind: string;
  name: string;
  /** Undefined: no namespace (cluster-scoped, or none set yet). */
  namespace?: string;
  /** Names and namespaces it had before namePrefix/namespace transformers changed them (kustomize matches those too). */
  previous: { name: string; namespace?: string }[];
  value: unknown;
}

/** Parses a patch given as text (`patch: |`) or as a value: a list is JSON 6902, a mapping is a strategic merge. */
export function toPatch(body: unknown, target: unknown): Patch | undefined {
  const value = typeof body === 'string' ? onlyDocument(body) : body;
  const t = readTarget(target);
  if (Array.isArray(value)) return t ? { type: 'json6902', body: value, target: t } : undefined;
  if (!isObj(value)) return undefined;
  return { type: 'merge', body: value, target: t };
}

/** The value of a patch string holding one document; undefined when it does not parse (the build fails there). */
function onlyDocument(text: string): unknown {
  const parsed = parseInlineYaml(text);
  return 'documents' in parsed && parsed.documents.length === 1 ? parsed.documents[0]!.value : undefined;
}

export function readTarget(target: unknown): PatchTarget | undefined {
  if (!isObj(target)) return undefined;
  const out: PatchTarget = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    if (typeof target[key] === 'string') out[key] = target[key];
  }
  return out;
}

/** Whether `patch` applies to `subject`. */
export function selects(patch: Patch, subject: PatchSubject): boolean {
  if (patch.target) return selectsTarget(patch.target, subject);
  const body = patch.body as Obj;
  const meta = isObj(body.metadata) ? body.metadata : {};
  const [group, version] = splitApiVersion(str(body.apiVersion));
  if (body.kind !== subject.kind || group !== subject.group || version !== subject.version) return false;
  const name = str(meta.name);
  const namespace = normalizeNamespace(str(meta.namespace));
  const ids = [{ name: subject.name, namespace: subject.namespace }, ...subject.previous];
  return ids.some((id) => id.name === name && normalizeNamespace(id.namespace) === namespace);
}

/** Whether a kustomize selector (patch target, replacement select) selects the object. */
export function selectsTarget(t: PatchTarget, s: PatchSubject): boolean {
  const meta = isObj(s.value) && isObj(s.value.metadata) ? s.value.metadata : {};
  return (
    matchesField(t.group, s.group) &&
    matchesField(t.version, s.version) &&
    matchesField(t.kind, s.kind) &&
    matchesField(t.name, s.name) &&
    matchesField(t.namespace, s.namespace ?? '') &&
    matchesSelector(t.labelSelector, isObj(meta.labels) ? meta.labels : {}) &&
    matchesSelector(t.annotationSelector, isObj(meta.annotations) ? meta.annotations : {})
  );
}

/** kustomize treats a missing namespace and `default` as the same namespace when it matches ids. */
function normalizeNamespace(ns: string | undefined): string {
  return ns === undefined || ns === '' ? 'default' : ns;
}

export function splitApiVersion(apiVersion: string | undefined): [group: string, version: string] {
  if (!apiVersion) return ['', ''];
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** Anchored regular expression, as kustomize's selector (an empty pattern matches everything). */
function matchesField(pattern: string | undefined, actual: string): boolean {
  if (pattern === undefined || pattern === '') return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(actual);
  } catch {
    return pattern === actual;
  }
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

/**
 * The value after the patch. A targeted strategic-merge patch keeps the object's identity (kustomize copies the
 * target's group, version, kind, name and namespace into the patch). Returns `undefined` when a `$patch: delete`
 * removes the object.
 */
export function applyPatch(patch: Patch, value: unknown): unknown {
  if (patch.type === 'json6902') return applyOperations(value, patch.body as unknown[]);
  const body = patch.body as Obj;
  if (body.$patch === 'delete') return undefined;
  const { apiVersion: _a, kind: _k, ...rest } = body;
  const meta = isObj(rest.metadata) ? rest.metadata : undefined;
  if (meta) {
    const { name: _n, namespace: _ns, ...keep } = meta;
    rest.metadata = keep;
  }
  return mergeValue(value, rest);
}

/** kyaml merge without a schema: maps merge, `null` deletes, `$patch: replace` replaces, anything else replaces. */
export function mergeValue(base: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return structuredCloneSafe(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredCloneSafe(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Obj = isObj(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    const merged = mergeValue(out[key], value);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

function structuredCloneSafe<T>(v: T): T {
  return v === null || typeof v !== 'object' ? v : structuredClone(v);
}

/** RFC 6902 on a copy; an operation that cannot apply (missing path) is skipped, as the build fails there anyway. */
export function applyOperations(value: unknown, ops: unknown[]): unknown {
  const holder: { root: unknown } = { root: structuredCloneSafe(value) };
  for (const op of ops) {
    if (!isObj(op) || typeof op.path !== 'string') continue;
    const path = pointer(op.path);
    if (!path) continue;
    const from = typeof op.from === 'string' ? pointer(op.from) : undefined;
    switch (op.op) {
      case 'add':
        put(holder, path, structuredCloneSafe(op.value), 'insert');
        break;
      case 'replace':
        put(holder, path, structuredCloneSafe(op.value), 'set');
        break;
      case 'remove':
        take(holder, path);
        break;
      case 'move':
        if (from) {
          const v = take(holder, from);
          if (v !== undefined) put(holder, path, v, 'insert');
        }
        break;
      case 'copy':
        if (from) {
          const v = get(holder, from);
          if (v !== undefined) put(holder, path, structuredCloneSafe(v), 'insert');
        }
        break;
    }
  }
  return holder.root;
}

function pointer(p: string): string[] | undefined {
  if (p === '') return [];
  if (!p.startsWith('/')) return undefined;
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parentOf(holder: { root: unknown }, path: string[]): { parent: unknown; key: string } | undefined {
  let parent: unknown = holder;
  const keys = ['root', ...path];
  for (const seg of keys.slice(0, -1)) {
    if (Array.isArray(parent)) parent = parent[Number(seg)];
    else if (isObj(parent)) parent = parent[seg];
    else return undefined;
  }
  return { parent, key: keys[keys.length - 1]! };
}

function get(holder: { root: unknown }, path: string[]): unknown {
  const at = parentOf(holder, path);
  if (!at) return undefined;
  if (Array.isArray(at.parent)) return at.parent[Number(at.key)];
  return isObj(at.parent) ? at.parent[at.key] : undefined;
}

function put(holder: { root: unknown }, path: string[], value: unknown, mode: 'insert' | 'set'): void {
  const at = parentOf(holder, path);
  if (!at) return;
  if (Array.isArray(at.parent)) {
    const index = at.key === '-' ? at.parent.length : Number(at.key);
    if (!Number.isInteger(index) || index < 0 || index > at.parent.length) return;
    if (mode === 'insert') at.parent.splice(index, 0, value);
    else if (index < at.parent.length) at.parent[index] = value;
  } else if (isObj(at.parent)) {
    if (mode === 'set' && !(at.key in at.parent)) return;
    at.parent[at.key] = value;
  }
}

function take(holder: { root: unknown }, path: string[]): unknown {
  const at = parentOf(holder, path);
  if (!at) return undefined;
  if (Array.isArray(at.parent)) {
    const index = Number(at.key);
    return Number.isInteger(index) && index >= 0 && index < at.parent.length ? at.parent.splice(index, 1)[0] : undefined;
  }
  if (!isObj(at.parent) || !(at.key in at.parent)) return undefined;
  const v = at.parent[at.key];
  delete at.parent[at.key];
  return v;
}
