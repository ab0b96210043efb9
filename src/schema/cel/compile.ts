/**
 * Compiles validation rules once (cached by rule text) in the Kubernetes CEL environment.
 * A rule that cannot be compiled, or reads `oldSelf` (a transition rule, only run on updates), is not runnable;
 * with `optionalOldSelf` a transition rule also runs on create, with `oldSelf` an empty optional.
 */
import { Optional, type Environment } from '@marcbachmann/cel-js';
import { HAS_MACRO, kubernetesEnvironment, MATCHES_FUNCTION } from './library.js';

export type Compiled =
  | { ok: true; run: (self: unknown) => unknown }
  | { ok: false; transition: boolean; reason: string };

let environment: Environment | undefined;
const compiled = new Map<string, Compiled>();

export function compileRule(rule: string, optionalOldSelf = false): Compiled {
  const key = `${optionalOldSelf ? 'optional-old-self ' : ''}${rule}`;
  let result = compiled.get(key);
  if (!result) {
    result = compile(rule, optionalOldSelf);
    compiled.set(key, result);
  }
  return result;
}

function compile(rule: string, optionalOldSelf: boolean): Compiled {
  try {
    const { text, identifiers } = rewriteCalls(rule);
    const transition = identifiers.has('oldSelf');
    if (transition && !optionalOldSelf) return { ok: false, transition, reason: 'transition rule (uses oldSelf, checked only on updates)' };
    environment ??= kubernetesEnvironment();
    const program = environment.parse(text);
    const check = program.check();
    if (!check.valid) return { ok: false, transition: false, reason: `not supported offline: ${firstLine(check.error?.message ?? 'type check failed')}` };
    // On create there is no old object: an optional oldSelf is empty.
    return { ok: true, run: transition ? (self) => program({ self, oldSelf: Optional.none() }) : (self) => program({ self }) };
  } catch (error) {
    return { ok: false, transition: false, reason: firstLine(error instanceof Error ? error.message : String(error)) };
  }
}

export function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** Calls renamed to this library's implementation (see library.ts for why). */
const RENAMED: Record<string, string> = { matches: MATCHES_FUNCTION, has: HAS_MACRO };

/**
 * The rule with `matches` and `has` calls renamed to this library's implementations, and the identifiers it uses.
 * A small scanner that skips string literals (quoted, raw, triple-quoted), so text inside strings is never touched.
 */
function rewriteCalls(rule: string): { text: string; identifiers: Set<string> } {
  const identifiers = new Set<string>();
  let out = '';
  let i = 0;
  while (i < rule.length) {
    const c = rule[i]!;
    if (c === '"' || c === "'") {
      const end = stringEnd(rule, i);
      out += rule.slice(i, end);
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rule.slice(i))![0];
      const next = rule.slice(i + word.length);
      if (/^[rRbB]{1,2}$/.test(word) && /^["']/.test(next)) {
        // String prefix (r"...", b'...'): the literal follows.
        const end = stringEnd(rule, i + word.length, /[rR]/.test(word));
        out += rule.slice(i, end);
        i = end;
        continue;
      }
      identifiers.add(word);
      out += Object.hasOwn(RENAMED, word) && /^\s*\(/.test(next) ? RENAMED[word] : word;
      i += word.length;
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, identifiers };
}

/** Offset just past the string literal opening at `start`. */
function stringEnd(s: string, start: number, raw = false): number {
  const quote = s.startsWith(s[start]!.repeat(3), start) ? s[start]!.repeat(3) : s[start]!;
  let i = start + quote.length;
  while (i < s.length) {
    if (!raw && s[i] === '\\') i += 2;
    else if (s.startsWith(quote, i)) return i + quote.length;
    else i++;
  }
  return s.length;
}
