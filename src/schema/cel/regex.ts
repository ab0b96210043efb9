/** Go RE2 patterns for the CEL regex functions, compiled once each (see ../go-regex.ts). */
import { translateGoRegex } from '../go-regex.js';

const cache = new Map<string, RegExp>();

/** The JavaScript RegExp for a Go pattern (cached). Throws when the pattern cannot be translated faithfully. */
export function goRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const { source, flags } = translateGoRegex(pattern);
    re = new RegExp(source, flags);
    cache.set(pattern, re);
  }
  return re;
}
