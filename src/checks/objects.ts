/** Object rules: duplicates on a cluster and manifests nothing applies. Registered by check name. */
import { duplicateObject } from './duplicates.js';
import { orphanManifest } from './orphans.js';
import type { Check } from './types.js';

export const objectChecks: Record<string, Check> = {
  'duplicate-object': { run: duplicateObject },
  'orphan-manifest': {
    params: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreApiGroups: {
          type: 'array',
          description: 'a list of API groups, e.g. [config.example.io]',
          items: { type: 'string', description: 'an API group name' },
        },
      },
    },
    run: orphanManifest,
  },
};
