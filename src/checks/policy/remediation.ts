/**
 * helmrelease-remediation-retries: a HelmRelease whose install or upgrade gives up after the first failure.
 *
 * helm-controller's semantics (api/v2 helmrelease_types.go, docs "Configuring failure handling"; the same fields at
 * the same places in v2beta1 and v2beta2):
 * - `spec.<action>.remediation.retries` defaults to 0: no retry. After the first failed install or upgrade the
 *   release's retries are exhausted (`RetriesExhausted`: failures > retries) and the HelmRelease is Stalled; Flux
 *   does not try again until the object changes (a new commit, `flux reconcile --force`). A negative value retries
 *   forever.
 * - `remediateLastFailure` defaults to false for install, and for upgrade to `retries > 0`; `upgrade.remediation.strategy`
 *   (rollback, uninstall) is what that remediation does. With no retries and no remediateLastFailure, a written
 *   `strategy: rollback` never runs.
 * - Flux 2.7 `spec.<action>.strategy.name: RetryOnFailure` retries every `retryInterval` and ignores `remediation`;
 *   the default is RemediateOnFailure, or RetryOnFailure on controllers with the DefaultToRetryOnFailure feature gate
 *   (found in the repo's helm-controller Deployment or FluxInstance patches, else the `defaultStrategy` param).
 *
 * Reported: a remediation block that changes nothing (no retries, no remediateLastFailure, no ignoreTestFailures:
 * someone meant to configure failure handling and got the default); with `requireRetries`, also an action with no
 * remediation at all. No fix: how many retries an install may take is the team's call.
 */
import { isHelmRelease } from '../../k8s/flux.js';
import type { AppliedObject } from '../../graph/types.js';
import type { Check, CheckContext } from '../types.js';
import { appliedDocuments, appliedRef, isObj, judged, locateField, specOf, str, type Obj } from './applied.js';

type Action = 'install' | 'upgrade';
const ACTIONS: Action[] = ['install', 'upgrade'];

interface Verdict {
  action: Action;
  /** The remediation block as the cluster gets it, undefined when there is none. */
  remediation?: Obj;
}

/** A count Flux reads (a number); undefined for a `${VAR}` post-build fills in or a value the schema rules reject. */
function retriesOf(remediation: Obj): number | undefined {
  if (remediation.retries === undefined || remediation.retries === null) return 0;
  return typeof remediation.retries === 'number' ? remediation.retries : undefined;
}

function judge(a: AppliedObject, action: Action, defaultStrategy: string, requireRetries: boolean): Verdict | undefined {
  const config = specOf(a.value)[action];
  const settings = isObj(config) ? config : {};
  const strategy = isObj(settings.strategy) ? str(settings.strategy.name) : undefined;
  if ((strategy ?? defaultStrategy) === 'RetryOnFailure' || strategy?.includes('${')) return undefined;
  if (!isObj(settings.remediation)) return requireRetries ? { action } : undefined;
  const remediation = settings.remediation;
  if (retriesOf(remediation) !== 0) return undefined;
  // These still do something without retries: remediate the one failure, or not count failed tests.
  if (remediation.remediateLastFailure !== undefined && remediation.remediateLastFailure !== false) return undefined;
  if (remediation.ignoreTestFailures !== undefined) return undefined;
  return { action, remediation };
}

function message(a: AppliedObject, { action, remediation }: Verdict): string {
  const stalls = `Flux stops (Stalled) after the first failed ${action} and does not try again until the HelmRelease changes`;
  const advice = `set spec.${action}.remediation.retries (e.g. 3, or -1 to retry forever) or spec.${action}.strategy.name: RetryOnFailure`;
  if (!remediation) return `HelmRelease "${a.id.name}" has no spec.${action}.remediation.retries: ${stalls}; ${advice}`;
  const unused = action === 'upgrade' && remediation.strategy !== undefined ? ` (its strategy: ${String(remediation.strategy)} never runs)` : '';
  return `HelmRelease "${a.id.name}" sets spec.${action}.remediation without retries${unused}: ${stalls}; ${advice}`;
}

/** helm-controller's flag turning RetryOnFailure into the default strategy (Flux 2.7+). */
const GATE = /--feature-gates=\S*\bDefaultToRetryOnFailure=true\b/;

/** Whether a string of `value` (a container arg, or a patch written as text) sets the gate. Shared objects once. */
function setsGate(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'string') return GATE.test(value);
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((v) => setsGate(v, seen));
}

/**
 * Clusters whose helm-controller runs with --feature-gates=DefaultToRetryOnFailure=true, as the repo configures it:
 * the helm-controller Deployment's args (gotk-components patched by the bootstrap kustomization), or the patches of a
 * FluxInstance or of the HelmRelease of the flux-instance chart.
 */
function retryOnFailureClusters(ctx: CheckContext): Set<string> {
  const clusters = new Set<string>();
  for (const cluster of ctx.graph.clusters) {
    const configures = cluster.objects.some(
      (o) => (o.id.kind === 'Deployment' ? o.id.name === 'helm-controller' : o.id.kind === 'FluxInstance' || o.id.kind === 'HelmRelease') && setsGate(o.value),
    );
    if (configures) clusters.add(cluster.name);
  }
  return clusters;
}

function helmReleaseRemediationRetries(ctx: CheckContext): void {
  const requireRetries = ctx.params.requireRetries === true;
  const configured = (ctx.params.defaultStrategy as string | undefined) ?? 'RemediateOnFailure';
  const gated = retryOnFailureClusters(ctx);
  const defaultStrategy = (a: AppliedObject) => (gated.has(a.cluster) ? 'RetryOnFailure' : configured);
  for (const instances of appliedDocuments(ctx)) {
    if (!isHelmRelease(instances[0]!.doc)) continue;
    for (const action of ACTIONS) {
      const where = (a: AppliedObject, v: Verdict) => {
        if (!v.remediation) return locateField(ctx, a, ['spec', ...(isObj(specOf(a.value)[action]) ? [action] : [])], 'key');
        const path = ['spec', action, 'remediation', ...(v.remediation.retries === undefined ? [] : ['retries'])];
        return locateField(ctx, a, path, v.remediation.retries === undefined ? 'key' : 'value');
      };
      for (const { a, verdict, location } of judged(ctx, instances, (a) => judge(a, action, defaultStrategy(a), requireRetries), where)) {
        ctx.report({ message: message(a, verdict), location, object: appliedRef(a) });
      }
    }
  }
}

export const remediationChecks: Record<string, Check> = {
  'helmrelease-remediation-retries': {
    run: helmReleaseRemediationRetries,
    params: {
      type: 'object',
      properties: {
        requireRetries: {
          type: 'boolean',
          description: 'true or false (true also reports HelmReleases whose install or upgrade has no remediation at all, the Flux default)',
        },
        defaultStrategy: {
          enum: ['RemediateOnFailure', 'RetryOnFailure'],
          title: 'helm-controller default strategy',
          description: 'the strategy your helm-controller uses when a HelmRelease sets none: RetryOnFailure with the DefaultToRetryOnFailure feature gate',
        },
      },
      additionalProperties: false,
    },
  },
};
