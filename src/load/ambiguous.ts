/**
 * Plain scalars that YAML 1.1 (kubectl's sigs.k8s.io/yaml, go-yaml v2) and YAML 1.2 (kustomize kyaml, Flux) read
 * differently. The fix, when there is one, keeps the YAML 1.2 meaning (what Flux applies) and makes it unambiguous.
 */
import { YAML11_ONLY_FALSE as FALSE_WORDS, YAML11_ONLY_TRUE as TRUE_WORDS } from '../k8s/yaml11.js';
import { skipProperties } from './tree.js';

export interface Ambiguity {
  message: string;
  /** Offsets of the scalar text (after any anchor). */
  range: [number, number];
  /** Replacement for `range` that keeps the YAML 1.2 meaning without doubt; absent when the intent is unclear. */
  text?: string;
}

const OCTAL_1_1 = /^[-+]?0[0-7]+$/;
const OCTAL_1_2 = /^([-+]?)0o([0-7]+)$/;
const SEXAGESIMAL = /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/;
const UNDERSCORE_NUMBER = /^[-+]?[0-9][0-9_]*(\.[0-9_]*)?$/;

const WORDS = [...TRUE_WORDS, ...FALSE_WORDS].join('|');
/**
 * Does `text` possibly hold an ambiguous plain scalar? A superset test (a whole scalar after `: `, `- `, `? `, a line
 * start or a flow indicator, up to the end of the scalar), so documents without one need no position tree at load time.
 */
export const MAY_HOLD_AMBIGUITY = new RegExp(
  `(?:^[ \\t]*|[-:?][ \\t]+|[\\[{,][ \\t]*)(?:&\\S+[ \\t]+)?[-+]?(?:${WORDS}|0o?[0-7]+|[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?|[0-9][0-9_.]*_[0-9_.]*)[ \\t\\r]*(?:$|#|,|\\]|\\}|:(?:[ \\t]|$))`,
  'm',
);

/** Cheap filter on the first character and length: every ambiguous form starts with a digit, a sign or y/n/o. */
function mayBeAmbiguous(first: number, length: number): boolean {
  if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d) return length > 1;
  return length <= 3 && 'yYnNoO'.includes(String.fromCharCode(first));
}

/** "`role`: `s` is <1.1 reading> for kubectl (YAML 1.1) but <1.2 reading> for kustomize and Flux (YAML 1.2); <advice>" */
function describe(role: string, s: string, v11: string, v12: string, advice: string): string {
  return `${role}: ${s} is ${v11} for kubectl (YAML 1.1) but ${v12} for kustomize and Flux (YAML 1.2); ${advice}`;
}

/** The ambiguity of the plain scalar at [start, end) of `text`, if any. `role` says whether it is a key or a value. */
export function findAmbiguity(text: string, start: number, end: number, role: 'key' | 'value'): Ambiguity | undefined {
  if (text.charCodeAt(start) === 0x21 /* ! */) return undefined; // explicitly tagged: no implicit resolution
  const at = skipProperties(text, start, end);
  if (!mayBeAmbiguous(text.charCodeAt(at), end - at)) return undefined;
  const s = text.slice(at, end);
  const range: [number, number] = [at, end];
  const quoted = JSON.stringify(s);
  if (TRUE_WORDS.has(s) || FALSE_WORDS.has(s)) {
    const b = TRUE_WORDS.has(s) ? 'true' : 'false';
    const advice = role === 'value' ? `quote it (${quoted}) or write ${b}` : `quote it (${quoted})`;
    return { message: describe(role, s, `the boolean ${b}`, `the string ${quoted}`, advice), range, text: quoted };
  }
  if (OCTAL_1_1.test(s)) {
    const v11 = parseInt(s, 8);
    const v12 = parseInt(s, 10);
    // No fix: which number was meant (usually the octal file mode) is the author's call.
    const advice = `write ${v11} for the octal number (a file mode) or ${v12} for the decimal one`;
    return { message: describe(role, s, `the octal integer ${v11}`, `the decimal integer ${v12}`, advice), range };
  }
  const octal = OCTAL_1_2.exec(s);
  if (octal) {
    const v12 = parseInt(`${octal[1]}${octal[2]}`, 8);
    return { message: describe(role, s, `the string ${quoted}`, `the octal integer ${v12}`, `write ${v12}`), range, text: String(v12) };
  }
  if (SEXAGESIMAL.test(s)) {
    const v11 = `the base-60 number ${sexagesimal(s)}`;
    return { message: describe(role, s, v11, `the string ${quoted}`, `quote it (${quoted})`), range, text: quoted };
  }
  if (s.includes('_') && UNDERSCORE_NUMBER.test(s)) {
    const digits = s.replace(/_/g, '');
    const v11 = OCTAL_1_1.test(digits) ? parseInt(digits, 8) : Number(digits);
    return { message: describe(role, s, `the number ${v11}`, `the string ${quoted}`, `quote it (${quoted}) or write ${v11}`), range, text: quoted };
  }
  return undefined;
}

function sexagesimal(s: string): number {
  const sign = s.startsWith('-') ? -1 : 1;
  const value = s
    .replace(/^[-+]/, '')
    .replace(/_/g, '')
    .split(':')
    .reduce((acc, part) => acc * 60 + Number(part), 0);
  return sign * value;
}
