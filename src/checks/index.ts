/** Registry of check functions by name; rules/*.yaml refer to these names in `check:`. */
import type { CheckFunction } from '../engine/types.js';
import { loaderChecks } from './loader.js';
import { kustomizeChecks } from './kustomize.js';
import { fluxChecks } from './flux.js';
import { objectChecks } from './objects.js';
import { customChecks } from './custom.js';
import { schemaChecks } from './schema.js';
import { celChecks } from './cel.js';
import { postbuildChecks } from './postbuild.js';

export const checks: Record<string, CheckFunction> = {
  ...loaderChecks,
  ...kustomizeChecks,
  ...fluxChecks,
  ...objectChecks,
  ...customChecks,
  ...schemaChecks,
  ...celChecks,
  ...postbuildChecks,
};
