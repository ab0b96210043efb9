/** Registry of check functions by name; rules/*.yaml refer to these names in `check:`. */
import type { CheckFunction } from '../engine/types.js';

export const checks: Record<string, CheckFunction> = {};
