import type { CheckFunction } from '../engine/types.js';

export const celChecks: Record<string, CheckFunction> = {};
