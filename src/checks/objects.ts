/** Object rules: duplicates on a cluster and manifests nothing applies. Registered by check name. */
import type { CheckFunction } from '../engine/types.js';
import { duplicateObject } from './duplicates.js';
import { orphanManifest } from './orphans.js';

export const objectChecks: Record<string, CheckFunction> = {
  'duplicate-object': duplicateObject,
  'orphan-manifest': orphanManifest,
};
