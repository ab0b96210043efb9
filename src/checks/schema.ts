import type { CheckFunction } from '../engine/types.js';

export const schemaChecks: Record<string, CheckFunction> = {};
