/** Report formats by name (the --format values). Formatters only format: the CLI decides where output goes. */
import { compact } from './compact.js';
import { github } from './github.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { tap } from './tap.js';
import type { Formatter } from './types.js';

export type { BlobLinks, FormatOptions, Formatter } from './types.js';
export { severityCounts } from './counts.js';
export { findingFingerprint, occurrenceFingerprints } from './fingerprint.js';
export { JSON_FORMAT_VERSION } from './json.js';
export { summary } from './summary.js';

export const formatters = { stylish, compact, json, sarif, github, markdown, junit, tap } satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formatters;

export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

export const DEFAULT_FORMAT: FormatName = 'stylish';

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}
