import type { CheckFunction } from '../engine/types.js';

export const loaderChecks: Record<string, CheckFunction> = {};
