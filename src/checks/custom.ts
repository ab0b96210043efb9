import type { CheckFunction } from '../engine/types.js';

export const customChecks: Record<string, CheckFunction> = {};
