/**
 * Severities as people write them in a config or on the command line: ours, ESLint's `warn`, and ESLint's numbers
 * (0 off, 1 warning, 2 error), so an ESLint habit works. Everything after reading uses the canonical names.
 */
import type { Severity } from '../finding.js';

export type SeveritySetting = Severity | 'off';

// A Map keeps this order in messages (an object would list the numeric keys first).
const SPELLINGS = new Map<string, SeveritySetting>([
  ['error', 'error'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['info', 'info'],
  ['off', 'off'],
  ['0', 'off'],
  ['1', 'warning'],
  ['2', 'error'],
]);

/** The accepted spellings, for messages and help. */
export const SEVERITY_SPELLINGS = [...SPELLINGS.keys()];

/** The canonical severity `value` spells (a YAML number 2 as well as the string "2"); undefined when none. */
export function parseSeverity(value: unknown): SeveritySetting | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return SPELLINGS.get(String(value));
}
