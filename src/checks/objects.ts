import type { CheckFunction } from '../engine/types.js';

export const objectChecks: Record<string, CheckFunction> = {};
