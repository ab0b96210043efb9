/** Flux policy rules (issue #12): what a careful platform team enforces beyond broken references. */
import type { Check } from '../types.js';
import { chartVersionChecks } from './chart-version.js';
import { imageTagMutable } from './image-tag.js';
import { intervalChecks } from './interval.js';
import { remediationChecks } from './remediation.js';
import { fluxSuspended } from './suspended.js';
import { tenancyChecks } from './tenancy.js';
import { fluxDependencyNotReady } from './wait.js';
import { helmReleaseValuesSchema } from './values-schema.js';

export const policyChecks: Record<string, Check> = {
  'flux-suspended': { run: fluxSuspended },
  'flux-dependency-not-ready': { run: fluxDependencyNotReady },
  'image-tag-mutable': { run: imageTagMutable },
  'helmrelease-values-schema': { run: helmReleaseValuesSchema },
  ...intervalChecks,
  ...chartVersionChecks,
  ...remediationChecks,
  ...tenancyChecks,
};
