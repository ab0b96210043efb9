import type { CheckFunction } from '../engine/types.js';

export const kustomizeChecks: Record<string, CheckFunction> = {};
