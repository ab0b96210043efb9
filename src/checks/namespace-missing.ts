/**
 * namespace-missing: objects applied into a namespace that nothing on their cluster creates. Flux's server-side apply
 * of the whole Kustomization then fails (`namespaces "x" not found`), so none of its objects are applied.
 *
 * A warning, not an error: platforms and operators make namespaces that no Flux semantics can see (Giant Swarm's
 * organization-operator makes `org-<name>` for an Organization custom resource, and `giantswarm` exists on every
 * Giant Swarm management cluster; Capsule tenants, Helm charts with Namespace templates), as seen in the corpus.
 *
 * A namespace exists on a cluster when: it is a Kubernetes built-in one; a Namespace object is applied there (named
 * as kustomize leaves it: a kustomization's `namespace:` renames Namespace objects, the graph ids have that); a
 * HelmRelease there installs with `spec.install.createNamespace: true` into its targetNamespace;
 * a flux-operator ResourceSet there lists it (or such a HelmRelease) in `spec.resources`; it is `flux-system` on a
 * cluster whose Flux was bootstrapped or installed by flux-operator; or the config lists it under `namespaces` (made
 * outside the repo).
 *
 * Only real clusters are judged: not `fallback` ones, whose roots are guesses, nor `remote` ones (spec.kubeConfig),
 * whose namespaces are usually made out of band. Namespaces still holding a `${VAR}` are not known here.
 */
import type { CheckContext } from './types.js';
import { placement, specOfValue } from '../graph/flux.js';
import type { AppliedObject, Cluster } from '../graph/types.js';
import { FLUX_NAMESPACE, isHelmRelease, OPERATOR_GROUP } from '../k8s/flux.js';
import { BUILTIN_NAMESPACES } from '../k8s/namespaces.js';
import { objectRef } from '../k8s/object-ref.js';
import { closestName } from '../util/suggest.js';
import { compareDocs, isTemplated, quoteClusters } from './flux-lookup.js';
import { isRecord as isObj, nonEmptyString as str } from '../util/values.js';


/** Namespaces that exist on a cluster: names, and patterns for names a ResourceSet templates (`team-<< inputs.id >>`). */
class Namespaces {
  readonly names = new Set<string>();
  private readonly patterns: RegExp[] = [];

  add(name: string): void {
    if (!/<<.*>>/.test(name)) {
      this.names.add(name);
      return;
    }
    const parts = name.split(/<<.*?>>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.patterns.push(new RegExp(`^${parts.join('.+')}$`));
  }

  has(name: string): boolean {
    return this.names.has(name) || this.patterns.some((p) => p.test(name));
  }
}

/**
 * The namespace a HelmRelease (its value, in `namespace`) creates at install: with spec.install.createNamespace, Helm
 * creates the release namespace, its targetNamespace. Without a targetNamespace the release namespace is the
 * HelmRelease's own, which has to exist before the HelmRelease can be applied: nothing is created.
 */
function createdByRelease(value: unknown, namespace: string): string | undefined {
  const spec = specOfValue(value);
  const install = isObj(spec.install) ? spec.install : {};
  const target = str(spec.targetNamespace);
  return install.createNamespace === true && target !== undefined && target !== namespace ? target : undefined;
}

/**
 * What a flux-operator ResourceSet creates from its `spec.resources` (templated names as patterns): its Namespaces,
 * and the namespaces of its HelmReleases that create theirs. `spec.resourcesTemplate` (one text template) is not read.
 */
function createdByResourceSet(value: unknown, into: Namespaces): void {
  const resources = specOfValue(value).resources;
  for (const r of Array.isArray(resources) ? resources : []) {
    if (!isObj(r)) continue;
    const meta = isObj(r.metadata) ? r.metadata : {};
    const name = str(meta.name);
    if (r.kind === 'Namespace' && name) into.add(name);
    if (isHelmRelease(r as { apiVersion?: string; kind?: string })) {
      const ns = createdByRelease(r, str(meta.namespace) ?? FLUX_NAMESPACE);
      if (ns) into.add(ns);
    }
  }
}

/** The namespaces that exist on `cluster` once its Flux objects are applied. */
function createdOn(cluster: Cluster, configured: Iterable<string>): Namespaces {
  const created = new Namespaces();
  for (const name of [...BUILTIN_NAMESPACES, ...configured]) created.add(name);
  if (cluster.origin === 'bootstrap' || cluster.origin === 'instance') created.add(FLUX_NAMESPACE);
  for (const o of cluster.objects) {
    if (o.id.group === '' && o.id.kind === 'Namespace') created.add(o.id.name);
    else if (isHelmRelease(o.doc)) {
      const ns = createdByRelease(o.value, placement(o.id).namespace);
      if (ns) created.add(ns);
    } else if (o.id.group === OPERATOR_GROUP && o.id.kind === 'ResourceSet') createdByResourceSet(o.value, created);
  }
  return created;
}

interface Missing {
  namespace: string;
  first: AppliedObject;
  count: number;
  clusters: string[];
  /** A namespace the cluster has with a close name. */
  close?: string;
}

export function namespaceMissing(ctx: CheckContext): void {
  // Keyed by namespace, first object and count, so a shared base applied on several clusters is one finding.
  const findings = new Map<string, Missing>();
  for (const cluster of ctx.graph.clusters) {
    if (cluster.origin === 'fallback' || cluster.origin === 'remote') continue;
    const created = createdOn(cluster, ctx.graph.externalNamespaces);
    const missing = new Map<string, AppliedObject[]>();
    for (const o of cluster.objects) {
      const ns = o.id.namespace;
      if (ns === undefined || created.has(ns) || isTemplated(ns)) continue;
      const list = missing.get(ns);
      if (list) list.push(o);
      else missing.set(ns, [o]);
    }
    for (const [namespace, objects] of missing) {
      const first = objects.reduce((a, b) => (compareDocs(b.doc, a.doc) < 0 ? b : a));
      const count = new Set(objects.map((o) => `${o.id.group}/${o.id.kind}/${o.id.name}`)).size;
      const key = `${namespace}\0${first.doc.file}#${first.doc.index}\0${count}`;
      const entry = findings.get(key);
      if (entry) entry.clusters.push(cluster.name);
      else findings.set(key, { namespace, first, count, clusters: [cluster.name], close: closestName(namespace, created.names, { partial: false }) });
    }
  }
  for (const { namespace, first, count, clusters, close } of findings.values()) {
    const { id, doc } = first;
    const others = count > 1 ? ` (and ${count - 1} more object${count > 2 ? 's' : ''})` : '';
    ctx.report({
      message:
        `${id.kind} "${id.name}"${others} is applied into namespace "${namespace}", which nothing in the repository creates on ${quoteClusters(clusters)}` +
        `${close ? ` (did you mean "${close}"?)` : ''}: unless it is made outside the repository, the apply fails with namespaces "${namespace}" not found; ` +
        'create it with a Namespace object in this cluster\'s Kustomizations, set install.createNamespace on the HelmRelease, ' +
        'or list it under namespaces in .gitops-lint.yaml',
      location: ctx.locate(doc, doc.namespace !== undefined ? ['metadata', 'namespace'] : ['metadata', 'name'], 'value'),
      object: objectRef(id),
    });
  }
}
