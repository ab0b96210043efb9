/**
 * Flux post-build variable substitution (Kustomization spec.postBuild): the variables a Flux Kustomization has on its
 * cluster, and what `${var}` expressions in the objects it applies become.
 *
 * Flux runs envsubst on each rendered object's YAML text, then parses the text again: that is why a plain scalar
 * `replicas: ${count}` becomes an integer, while a quoted one stays a string (kustomize keeps the quoting).
 */
import type { LoadedRepo, PathSegment, YamlDocument, YNode } from '../load/types.js';
import { resolveYaml11Plain } from '../k8s/yaml11.js';
import { parseInlineYaml } from '../load/inline.js';
import { nodeAt } from '../load/locate.js';
import { expand, mayExpand, type Lookup } from './envsubst.js';
import type { AppliedObject, FluxKustomization, RepoGraph } from './types.js';
import { isRecord as isObj } from '../util/values.js';

export interface Variables {
  /** name -> value, from spec.postBuild.substitute and from substituteFrom ConfigMaps/Secrets found in the repo on that cluster (later entries override earlier, substitute wins over substituteFrom, as Flux does). */
  values: Map<string, string>;
  /** True when some substituteFrom object is not in the repo (optional, or created on the cluster): an undefined variable may still get a value. */
  incomplete: boolean;
  /** Variables that exist with a value that cannot be read here: keys of SOPS-encrypted Secrets. Never in `values`. */
  unknown?: Set<string>;
  /** Variables whose value comes from a Secret: never print their values (nor values substituted with them). */
  secret?: Set<string>;
}

export interface VariableUse {
  name: string;
  /** Path of the string value holding the expression. */
  path: PathSegment[];
  hasDefault: boolean;
  /** In `values` or `unknown`. */
  defined: boolean;
  /** The variable's value is unknown (SOPS-encrypted): its string was left as written. */
  unknown?: boolean;
  /** The variable's value comes from a Secret: the substituted string must not be printed. */
  secret?: boolean;
}

type Obj = Record<string, unknown>;

/** The label/annotation with value `disabled` that makes Flux skip substitution for one object. */
const SUBSTITUTE_OPT_OUT = 'kustomize.toolkit.fluxcd.io/substitute';

/** A document's substitutions: one entry per Flux Kustomization with spec.postBuild applying it. */
export type DocumentSubstitutions = Map<YamlDocument, { kustomization: FluxKustomization; vars: Variables }[]>;

/**
 * Post-build substitution over one graph: the variables of each Flux Kustomization and the substitutions of each
 * applied document, each computed once. One per lint run (the engine creates it and hands it to every check), so the
 * schema, CEL and post-build rules share the work without a module-level cache.
 */
export class PostBuildSubstitutions {
  /** The objects applying each document. */
  private readonly variables = new Map<FluxKustomization, Variables | undefined>();
  private substitutions?: DocumentSubstitutions;

  constructor(
    private readonly graph: RepoGraph,
    private readonly repo: LoadedRepo,
  ) {}

  /**
   * The variables a Flux Kustomization substitutes, or undefined when it has no spec.postBuild (Flux substitutes
   * nothing then). spec.postBuild is taken as written, patched by the spec.patches of the Flux Kustomizations applying
   * it. Shared: never mutate the result.
   */
  variablesFor(kustomization: FluxKustomization): Variables | undefined {
    if (this.variables.has(kustomization)) return this.variables.get(kustomization);
    const vars = this.computeVariables(kustomization);
    this.variables.set(kustomization, vars);
    return vars;
  }

  /**
   * The Flux Kustomization and its variables for each applied document that goes through substitution (respects the
   * kustomize.toolkit.fluxcd.io/substitute: disabled annotation/label on the object). Shared: never mutate the result.
   */
  byDocument(): DocumentSubstitutions {
    if (this.substitutions) return this.substitutions;
    const out: DocumentSubstitutions = new Map();
    for (const cluster of this.graph.clusters) {
      for (const o of cluster.objects) {
        if (isOptedOut(o.doc)) continue;
        const vars = this.variablesFor(o.by);
        if (!vars) continue;
        let list = out.get(o.doc);
        if (!list) out.set(o.doc, (list = []));
        if (!list.some((e) => e.kustomization === o.by)) list.push({ kustomization: o.by, vars });
      }
    }
    return (this.substitutions = out);
  }

  /** spec.postBuild as the cluster gets it: the graph reads it from the Kustomization's patched value. */
  private effectivePostBuild(k: FluxKustomization): FluxKustomization['postBuild'] {
    return k.synthetic ? undefined : k.postBuild; // A stand-in for something outside the repo has no postBuild of its own.
  }

  private computeVariables(kustomization: FluxKustomization): Variables | undefined {
    const postBuild = this.effectivePostBuild(kustomization);
    if (!postBuild) return undefined;
    const values = new Map<string, string>();
    const unknown = new Set<string>();
    const secret = new Set<string>();
    let incomplete = false;
    const cluster = this.graph.clusters.find((c) => c.name === kustomization.cluster);
    // Flux reads `data` (a Secret's `data` holds stringData too on the cluster) and drops newlines from values.
    const set = (key: string, value: string | null, fromSecret: boolean): void => {
      if (fromSecret) secret.add(key);
      else secret.delete(key);
      if (value === null) {
        values.delete(key);
        unknown.add(key);
      } else {
        unknown.delete(key);
        values.set(key, value.replaceAll('\n', ''));
      }
    };
    for (const ref of postBuild.substituteFrom) {
      if (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret') continue; // Flux ignores other kinds.
      const found = cluster
        ? cluster.objects.filter((o) => isNamed(o, ref.kind, kustomization.namespace, ref.name)).map((o) => o.doc)
        : writtenObjects(this.repo, ref.kind, kustomization.namespace, ref.name);
      if (found.length === 0) incomplete = true;
      for (const doc of found) for (const [key, value] of dataOf(doc)) set(key, value, ref.kind === 'Secret');
    }
    for (const [key, value] of Object.entries(postBuild.substitute)) set(key, value, false);
    return { values, incomplete, unknown, secret };
  }
}

/** variablesFor of a fresh PostBuildSubstitutions (tests, one-off questions); a lint run shares one instead. */
export function variablesFor(graph: RepoGraph, repo: LoadedRepo, kustomization: FluxKustomization): Variables | undefined {
  return new PostBuildSubstitutions(graph, repo).variablesFor(kustomization);
}

/** byDocument of a fresh PostBuildSubstitutions (tests, one-off questions); a lint run shares one instead. */
export function substitutionsOf(graph: RepoGraph, repo: LoadedRepo): DocumentSubstitutions {
  return new PostBuildSubstitutions(graph, repo).byDocument();
}

function isNamed(o: AppliedObject, kind: string, namespace: string, name: string): boolean {
  return o.id.kind === kind && o.id.group === '' && o.id.namespace === namespace && o.id.name === name;
}

/** For a Kustomization no cluster applies: the documents of the repo naming that object as written. */
function writtenObjects(repo: LoadedRepo, kind: string, namespace: string, name: string): YamlDocument[] {
  return repo.files.flatMap((f) =>
    f.documents.filter((d) => d.kind === kind && d.apiVersion === 'v1' && d.name === name && (d.namespace ?? namespace) === namespace),
  );
}

/** Key/value pairs of a ConfigMap or Secret as the cluster holds them; null for a SOPS-encrypted value. */
function dataOf(doc: YamlDocument): [string, string | null][] {
  if (!isObj(doc.value)) return [];
  const encrypted = doc.class === 'sops';
  const out: [string, string | null][] = [];
  const read = (map: unknown, decode: boolean): void => {
    if (!isObj(map)) return;
    for (const [key, raw] of Object.entries(map)) {
      if (raw === null || typeof raw === 'object') continue;
      const text = String(raw);
      if (encrypted && text.startsWith('ENC[')) out.push([key, null]);
      else out.push([key, decode ? Buffer.from(text, 'base64').toString('utf8') : text]);
    }
  };
  if (doc.kind === 'Secret') {
    read(doc.value.data, true);
    read(doc.value.stringData, false); // The API server merges stringData over data.
  } else read(doc.value.data, false);
  return out;
}

/**
 * Substitutes ${var}, ${var:=default}, ${var:-default} (and keeps $${var} as the literal ${var}) in every string of value,
 * as Flux's envsubst does; a plain (unquoted) string holding an expression whose result parses as a YAML
 * number/bool/null becomes that type (Flux substitutes text before parsing the YAML; `root`, the value's position tree,
 * tells quoted scalars, which stay strings; without it every string counts as plain). Undefined variables without
 * default become '' (Flux) and are listed in uses with defined: false. Keys are not substituted. A string Flux's parser
 * rejects, or holding a variable of unknown value, is left as written. When no variable is known (`values` and
 * `unknown` empty, not incomplete) Flux substitutes nothing and neither does this. Returns a new value; never mutates.
 */
export function substituteValue(value: unknown, vars: Variables, root?: YNode): { value: unknown; uses: VariableUse[] } {
  const uses: VariableUse[] = [];
  if (vars.values.size === 0 && !vars.unknown?.size && !vars.incomplete) return { value, uses };
  const lookup: Lookup = (name) => vars.values.get(name) ?? (vars.unknown?.has(name) ? null : undefined);
  // `path` is one stack pushed and popped while walking: only strings holding an expression copy it.
  const path: PathSegment[] = [];
  // YAML aliases share objects: each is substituted once (its uses recorded at its first path), so a document of
  // aliases nested nine deep ("billion laughs") stays linear instead of expanding to 9^9 strings.
  const done = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return mayExpand(v) ? substituteString(v) : v;
    if (typeof v !== 'object' || v === null) return v;
    if (done.has(v)) return done.get(v);
    done.set(v, v); // an alias to an ancestor (a cycle) is left as written
    const out = walkObject(v);
    done.set(v, out);
    return out;
  };
  const walkObject = (v: object): unknown => {
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      v.forEach((item, i) => {
        path.push(i);
        const next = walk(item);
        path.pop();
        if (next !== item) (out ??= [...v])[i] = next;
      });
      return out ?? v;
    }
    if (!isObj(v)) return v;
    let out: Obj | undefined;
    for (const key in v) {
      const item = v[key];
      if (typeof item !== 'string' && (typeof item !== 'object' || item === null)) continue;
      path.push(key);
      const next = walk(item);
      path.pop();
      if (next !== item) (out ??= { ...v })[key] = next;
    }
    return out ?? v;
  };
  const substituteString = (text: string): unknown => {
    const result = expand(text, lookup);
    if (!result) return text;
    const at = [...path];
    for (const u of result.uses) {
      const defined = u.state !== 'unset';
      uses.push({
        name: u.name,
        path: at,
        hasDefault: u.hasDefault,
        defined,
        ...(u.state === 'unknown' ? { unknown: true } : {}),
        ...(vars.secret?.has(u.name) ? { secret: true } : {}),
      });
    }
    if (result.text === undefined) return text;
    const node = root && nodeAt(root, at);
    const plain = node ? node.style === 'plain' : !text.includes('\n');
    return plain && result.uses.length > 0 ? resolvePlainText(result.text) : result.text;
  };
  return { value: walk(value), uses };
}

function isOptedOut(doc: YamlDocument): boolean {
  const metadata = isObj(doc.value) ? doc.value.metadata : undefined;
  if (!isObj(metadata)) return false;
  return [metadata.labels, metadata.annotations].some((m) => isObj(m) && m[SUBSTITUTE_OPT_OUT] === 'disabled');
}

/**
 * Substitution with the inline `substitute` values only, for identities (names, namespaces) while the graph is built:
 * defaults apply, but a string using another variable without default (only substituteFrom could give it) is left as written.
 */
export function substitute(text: string, vars: Record<string, string>): string {
  if (!mayExpand(text)) return text;
  const result = expand(text, (name) => (Object.hasOwn(vars, name) ? vars[name]! : undefined));
  return !result?.text || result.uses.some((u) => u.state === 'unset' && !u.hasDefault) ? text : result.text;
}

/**
 * What a plain scalar's text becomes once Flux parses the substituted YAML again: a quoted string or a flow collection
 * when the substitution wrote quotes or brackets (`${q:='}${LIST}${q:='}`), else a YAML 1.1 plain scalar.
 */
export function resolvePlainText(text: string): unknown {
  if (/^['"[{]/.test(text)) {
    const parsed = parseInlineYaml(text);
    if ('documents' in parsed && parsed.documents.length === 1) return parsed.documents[0]!.value;
  }
  return resolveYaml11Plain(text);
}

/**
 * `substitute` of a string value, read back as Flux reads the substituted YAML when the substitution wrote quotes or
 * brackets; other results stay strings (without the position tree it is unknown whether the scalar was quoted).
 */
export function substituteScalar(text: string, vars: Record<string, string>): unknown {
  const out = substitute(text, vars);
  return out !== text && /^['"[{]/.test(out) && !/^['"[{]/.test(text) ? resolvePlainText(out) : out;
}
