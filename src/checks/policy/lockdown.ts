/**
 * Multi-tenancy lockdown of a cluster's Flux, read from what the repository deploys: the flags of the Flux
 * controllers' Deployments as the cluster gets them (flux bootstrap layouts patch gotk-components.yaml in
 * clusters/<name>/flux-system/kustomization.yaml, as fluxcd/flux2-multi-tenancy does), a flux-operator FluxInstance
 * with `spec.cluster.multitenant: true`, an AKS / Azure Arc Flux configuration (the extension enforces it by default), or
 * the rule's `clusters` param for clusters whose Flux is installed elsewhere.
 */
import type { Cluster } from '../../graph/types.js';
import { groupOf } from '../../k8s/api-version.js';
import { isFluxInstance } from '../../k8s/flux.js';
import { isObj, str } from './applied.js';

export type Controller = 'kustomize-controller' | 'helm-controller';

export interface Lockdown {
  /** Controllers that refuse cross-namespace references (--no-cross-namespace-refs=true). */
  noCrossNamespaceRefs: Set<Controller>;
  /** Service account each controller impersonates for objects without spec.serviceAccountName. */
  defaultServiceAccount: Map<Controller, string>;
  /** Where each controller's lockdown was read from, for messages. */
  source: Map<Controller, string>;
}

const CONTROLLERS: readonly Controller[] = ['kustomize-controller', 'helm-controller'];

/** Container args of a Deployment value, as `--flag=value` strings. */
function deploymentArgs(value: unknown): string[] {
  const containers = isObj(value) && isObj(value.spec) && isObj(value.spec.template) && isObj(value.spec.template.spec) ? value.spec.template.spec.containers : undefined;
  if (!Array.isArray(containers)) return [];
  return containers.flatMap((c) => (isObj(c) && Array.isArray(c.args) ? c.args.filter((a): a is string => typeof a === 'string') : []));
}

function flagValue(args: readonly string[], flag: string): string | undefined {
  let found: string | undefined;
  for (const arg of args) {
    if (arg === `--${flag}`) found = 'true';
    else if (arg.startsWith(`--${flag}=`)) found = arg.slice(flag.length + 3);
  }
  return found;
}

/**
 * Args that the kustomization files of a build add to each controller with a patch (`patches: [{patch, target: {kind:
 * Deployment, name: "(kustomize-controller|helm-controller)"}}]`), as the Flux multi-tenancy docs show. Used when the
 * controllers' Deployments are not in the repository: `flux bootstrap` can write gotk-components.yaml at install time.
 */
function patchedArgs(kustomizations: readonly unknown[]): Map<Controller, string[]> {
  const out = new Map<Controller, string[]>();
  for (const k of kustomizations) {
    const patches = isObj(k) && Array.isArray(k.patches) ? k.patches : [];
    for (const p of patches) {
      if (!isObj(p) || !isObj(p.target) || typeof p.patch !== 'string') continue;
      if (p.target.kind !== undefined && p.target.kind !== 'Deployment') continue;
      const name = str(p.target.name);
      let matches: (c: string) => boolean = () => true;
      if (name !== undefined) {
        try {
          const re = new RegExp(`^(?:${name})$`); // kustomize anchors target name regexes
          matches = (c) => re.test(c);
        } catch {
          matches = (c) => c === name;
        }
      }
      const args = [...p.patch.matchAll(/--[a-z-]+(?:=[^\s"'\]]*)?/g)].map((m) => m[0]);
      for (const c of CONTROLLERS) if (matches(c)) out.set(c, [...(out.get(c) ?? []), ...args]);
    }
  }
  return out;
}

/** The lockdown of one cluster; `declared` says the config declares the cluster multi-tenant. */
export function lockdownOf(cluster: Cluster, kustomizations: readonly unknown[], declared: boolean): Lockdown {
  const lockdown: Lockdown = { noCrossNamespaceRefs: new Set(), defaultServiceAccount: new Map(), source: new Map() };
  const deployed = new Map<Controller, string[]>();
  for (const o of cluster.objects) {
    if (o.id.kind === 'Deployment' && groupOf(o.id.apiVersion) === 'apps' && (CONTROLLERS as readonly string[]).includes(o.id.name)) {
      deployed.set(o.id.name as Controller, deploymentArgs(o.value));
    }
  }
  const argsOf = deployed.size > 0 ? deployed : patchedArgs(kustomizations);
  for (const [controller, args] of argsOf) {
    if (flagValue(args, 'no-cross-namespace-refs') === 'true') {
      lockdown.noCrossNamespaceRefs.add(controller);
      lockdown.source.set(controller, `${controller} runs with --no-cross-namespace-refs=true`);
    }
    const sa = flagValue(args, 'default-service-account');
    if (sa) lockdown.defaultServiceAccount.set(controller, sa);
  }
  for (const o of cluster.objects) {
    if (isFluxInstance({ apiVersion: o.id.apiVersion, kind: o.id.kind })) {
      const spec = isObj(o.value) && isObj(o.value.spec) ? o.value.spec : {};
      const c = isObj(spec.cluster) ? spec.cluster : {};
      if (c.multitenant === true) {
        const sa = str(c.tenantDefaultServiceAccount) ?? 'default';
        for (const controller of CONTROLLERS) {
          lockdown.noCrossNamespaceRefs.add(controller);
          lockdown.defaultServiceAccount.set(controller, sa);
          lockdown.source.set(controller, `FluxInstance "${o.id.name}" sets spec.cluster.multitenant: true`);
        }
      }
    }
  }
  if (lockdown.noCrossNamespaceRefs.size === 0 && (declared || cluster.enforcesMultiTenancy)) {
    // The AKS / Azure Arc microsoft.flux extension refuses cross-namespace sourceRefs unless the cluster opts out.
    const source = declared ? 'the config declares it multi-tenant' : 'the microsoft.flux extension enforces multi-tenancy by default';
    for (const controller of CONTROLLERS) {
      lockdown.noCrossNamespaceRefs.add(controller);
      lockdown.source.set(controller, source);
    }
  }
  return lockdown;
}
