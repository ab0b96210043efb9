/**
 * flux-interval-range: a Flux object reconciling absurdly often or rarely. `interval` is how often the controller
 * fetches, applies and corrects drift: under a few seconds it hammers Git hosts and registries (GitHub rate-limits,
 * Helm index downloads of many megabytes), above a day a drifted or deleted object stays wrong for days.
 *
 * flux-timeout-exceeds-interval: `timeout` longer than `interval`. Flux's timeout bounds one apply and its health
 * checks (kustomize-controller defaults it to the interval); a longer one means a stuck rollout holds the object, and
 * every Kustomization that dependsOn it, for longer than the schedule the author chose.
 *
 * Durations are Go's (time.ParseDuration); a value Go rejects is schema-validation's business, not these rules'.
 */
import { groupOf } from '../../k8s/api-version.js';
import { formatDuration, parseGoDuration } from '../../k8s/duration.js';
import { isToolkitGroup } from '../../k8s/flux.js';
import type { AppliedObject } from '../../graph/types.js';
import type { Check, CheckContext } from '../types.js';
import { appliedDocuments, appliedRef, describe, judged, locateField, specOf, str } from './applied.js';

const DURATION = { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$', description: 'a Go duration such as 30s, 10m or 24h' };

/** spec[field] as milliseconds (undefined when absent, templated or not a duration). */
function durationOf(a: AppliedObject, field: string): { ms: number; text: string } | undefined {
  const text = str(specOf(a.value)[field]);
  const ms = text === undefined ? undefined : parseGoDuration(text);
  return ms === undefined ? undefined : { ms, text: text! };
}

function fluxInstances(ctx: CheckContext): AppliedObject[][] {
  return appliedDocuments(ctx).filter((list) => isToolkitGroup(groupOf(list[0]!.id.apiVersion)));
}

function fluxIntervalRange(ctx: CheckContext): void {
  const min = parseGoDuration(ctx.params.minimum as string)!;
  const max = parseGoDuration(ctx.params.maximum as string)!;
  for (const instances of fluxInstances(ctx)) {
    const outOfRange = (a: AppliedObject) => {
      const interval = durationOf(a, 'interval');
      return interval && interval.ms > 0 && (interval.ms < min || interval.ms > max) ? interval : undefined;
    };
    for (const { a, verdict: interval, location } of judged(ctx, instances, outOfRange, (a) => locateField(ctx, a, ['spec', 'interval']))) {
      const tooShort = interval.ms < min;
      ctx.report({
      message: tooShort
        ? `${describe(a)} reconciles every ${interval.text}, more often than ${formatDuration(min)}: each run fetches its source again ` +
          '(Git hosts and registries rate-limit); use a longer interval and a notification Receiver for fast delivery'
        : `${describe(a)} reconciles every ${interval.text}, less often than ${formatDuration(max)}: drift and deleted objects stay ` +
          'uncorrected that long; use a shorter interval',
        location,
        object: appliedRef(a),
      });
    }
  }
}

function fluxTimeoutExceedsInterval(ctx: CheckContext): void {
  for (const instances of fluxInstances(ctx)) {
    const exceeds = (a: AppliedObject) => {
      const interval = durationOf(a, 'interval');
      const timeout = durationOf(a, 'timeout');
      return interval && timeout && interval.ms > 0 && timeout.ms > interval.ms ? { interval, timeout } : undefined;
    };
    for (const { a, verdict: { interval, timeout }, location } of judged(ctx, instances, exceeds, (a) => locateField(ctx, a, ['spec', 'timeout']))) {
      ctx.report({
      message:
        `${describe(a)} has timeout ${timeout.text}, longer than its interval ${interval.text}: a stuck apply or health check ` +
        'holds it (and whatever depends on it) for longer than its schedule; make the timeout shorter than the interval',
        location,
        object: appliedRef(a),
      });
    }
  }
}

export const intervalChecks: Record<string, Check> = {
  'flux-interval-range': {
    run: fluxIntervalRange,
    params: {
      type: 'object',
      properties: {
        minimum: { ...DURATION, description: 'a Go duration such as 30s (the shortest acceptable interval)' },
        maximum: { ...DURATION, description: 'a Go duration such as 24h (the longest acceptable interval)' },
      },
      required: ['minimum', 'maximum'],
      additionalProperties: false,
    },
  },
  'flux-timeout-exceeds-interval': { run: fluxTimeoutExceedsInterval },
};
