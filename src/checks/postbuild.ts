import type { CheckFunction } from '../engine/types.js';

export const postbuildChecks: Record<string, CheckFunction> = {};
