import type { CheckFunction } from '../engine/types.js';

export const fluxChecks: Record<string, CheckFunction> = {};
