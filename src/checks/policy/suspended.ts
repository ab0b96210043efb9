/**
 * flux-suspended: a Flux object committed with `spec.suspend: true`. Every Flux controller skips a suspended object
 * entirely (no fetch, no apply, no drift correction, no pruning), so one merged `suspend: true`, typically left over
 * from an incident, silently stops delivery of everything under it.
 */
import { groupOf } from '../../k8s/api-version.js';
import { isToolkitGroup } from '../../k8s/flux.js';
import type { AppliedObject } from '../../graph/types.js';
import type { CheckContext } from '../types.js';
import { appliedDocuments, appliedRef, describe, judged, locateField, specOf } from './applied.js';

export function fluxSuspended(ctx: CheckContext): void {
  for (const instances of appliedDocuments(ctx)) {
    if (!isToolkitGroup(groupOf(instances[0]!.id.apiVersion))) continue;
    const suspended = (a: AppliedObject) => (specOf(a.value).suspend === true ? true : undefined);
    for (const { a, location } of judged(ctx, instances, suspended, (a) => locateField(ctx, a, ['spec', 'suspend'], 'key'))) {
      const written = specOf(a.doc.value).suspend === true;
      ctx.report({
      message:
        `${describe(a)} is committed with spec.suspend: true${written ? '' : ' (set by a patch)'}: Flux does not reconcile it ` +
        '(no apply, no drift correction, no pruning) until someone resumes it; remove suspend from Git, or say why in a suppression',
        location,
        object: appliedRef(a),
      });
    }
  }
}
