/**
 * Flux's envsubst (github.com/fluxcd/pkg/envsubst, a fork of drone/envsubst) on one string: `${var}` and the bash
 * parameter functions it supports, `$$` as an escaped `$`. Parsed the way Flux's scanner does, so a text Flux rejects
 * ("bad substitution") is rejected here too, and evaluated with its functions (all default operators behave as `:-`).
 */

type Part = string | Expr;
interface Expr {
  name: string;
  /** '' (plain), a default operator (':=', ':-', '=', ':?', ':+'), ':' substring, '#' length or prefix trim, ... */
  op: string;
  args: Part[][];
}

class BadSubstitution extends Error {}

/** Letters, digits and `_`: the characters Flux's scanner takes in a variable name. */
const IDENT = /[\p{L}\p{Nd}_]/u;
const DEFAULT_OPS = new Set(['=', ':=', ':-', ':?', ':+']);

/** Parses `text` into literal runs and expressions; throws BadSubstitution where Flux's parser fails. */
class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseText(): Part[] {
    const parts: Part[] = [];
    let text = '';
    while (this.i < this.s.length) {
      if (this.s.startsWith('${', this.i)) {
        if (text) parts.push(text);
        text = '';
        this.i += 2;
        parts.push(this.parseExpr());
      } else if (this.s.startsWith('$$', this.i)) {
        text += '$';
        this.i += 2;
      } else text += this.s[this.i++];
    }
    if (text) parts.push(text);
    return parts;
  }

  private peek(offset = 0): string {
    return this.s[this.i + offset] ?? '';
  }

  private take(accept: (c: string, n: number) => boolean): string {
    const start = this.i;
    while (this.i < this.s.length && accept(this.s[this.i]!, this.i - start)) this.i++;
    return this.s.slice(start, this.i);
  }

  private close(): void {
    if (this.peek() !== '}') throw new BadSubstitution();
    this.i++;
  }

  /** One argument: a nested `${...}` or a run of accepted characters (escapes `\\`, `\/`, `$$` when `escapes`). */
  private parseParam(accept: (c: string) => boolean, escapes = false): Part {
    if (this.s.startsWith('${', this.i)) {
      this.i += 2;
      return this.parseExpr();
    }
    let text = '';
    while (this.i < this.s.length && !this.s.startsWith('${', this.i)) {
      const c = this.peek();
      if (escapes && ((c === '\\' && (this.peek(1) === '/' || this.peek(1) === '\\')) || (c === '$' && this.peek(1) === '$'))) {
        text += this.peek(1);
        this.i += 2;
      } else if (accept(c)) {
        text += c;
        this.i++;
      } else break;
    }
    if (!text) throw new BadSubstitution();
    return text;
  }

  /** After `${`. */
  private parseExpr(): Expr {
    if (this.peek() === '#') {
      this.i++;
      const name = this.take((c) => IDENT.test(c));
      if (!name) throw new BadSubstitution();
      this.close();
      return { name, op: '#', args: [] };
    }
    const name = this.take((c) => IDENT.test(c));
    if (!name) throw new BadSubstitution();
    const c = this.peek();
    if (c === '}') {
      this.i++;
      return { name, op: '', args: [] };
    }
    if ((c === ':' && '=-?+'.includes(this.peek(1)) && this.peek(1) !== '') || c === '=') {
      const op = c === '=' ? '=' : c + this.peek(1);
      this.i += op.length;
      // The default: text runs and nested expressions up to `}`, joined into one argument (as Flux's toDefault does).
      const parts: Part[] = [];
      while (this.peek() !== '}') {
        if (this.i >= this.s.length) throw new BadSubstitution();
        parts.push(this.parseParam((x) => x !== '}'));
      }
      this.i++;
      return { name, op, args: [parts] };
    }
    if (c === ':') {
      this.i++;
      const offset = this.parseParam((x) => x !== ':' && x !== '}');
      if (this.peek() === '}') {
        this.i++;
        return { name, op: ':', args: [[offset]] };
      }
      if (this.take((x) => x === ':') === '') throw new BadSubstitution();
      const length = this.parseParam((x) => x !== '}');
      this.close();
      return { name, op: ':', args: [[offset], [length]] };
    }
    if (c === ',' || c === '^') {
      const op = this.take((x, n) => (x === ',' || x === '^') && n < 2);
      this.close();
      return { name, op, args: [] };
    }
    if (c === '#' || c === '%') {
      const op = this.take((x, n) => x === c && n < 2);
      const pattern = this.parseParam((x) => x !== '}');
      this.close();
      return { name, op, args: [[pattern]] };
    }
    if (c === '/') {
      const op = this.take((x, n) => (n === 0 && x === '/') || (n === 1 && '/#%'.includes(x)));
      const pattern = this.peek() === '/' ? '' : this.parseParam((x) => x !== '/', true);
      if (this.take((x) => x === '/') === '') throw new BadSubstitution();
      if (this.peek() === '}') {
        this.i++;
        return { name, op, args: [[pattern]] };
      }
      const replacement = this.parseParam((x) => x !== '}', true);
      this.close();
      return { name, op, args: [[pattern], [replacement]] };
    }
    throw new BadSubstitution();
  }
}

/** How a variable's value is looked up: its value, `null` when it exists with an unknown value, undefined when unset. */
export type Lookup = (name: string) => string | null | undefined;

export interface ExprUse {
  name: string;
  /** Written with a default operator (`${var:=x}`, `${var:-x}`, `${var=x}`): an unset variable is expected. */
  hasDefault: boolean;
  /** undefined (unset), 'known' or 'unknown' (exists, value not known). */
  state: 'unset' | 'known' | 'unknown';
}

export interface Expansion {
  /** The substituted text; undefined when some variable's value is unknown (the text cannot be known). */
  text: string | undefined;
  uses: ExprUse[];
}

/** Expands `text` as Flux does; undefined when Flux's parser rejects it (Flux then fails the whole build). */
export function expand(text: string, lookup: Lookup): Expansion | undefined {
  let parts: Part[];
  try {
    parts = new Parser(text).parseText();
  } catch (error) {
    if (error instanceof BadSubstitution) return undefined;
    throw error;
  }
  const uses: ExprUse[] = [];
  let unknown = false;
  const evalParts = (list: Part[]): string => list.map((p) => (typeof p === 'string' ? p : evalExpr(p))).join('');
  const evalExpr = (e: Expr): string => {
    const value = lookup(e.name);
    const hasDefault = DEFAULT_OPS.has(e.op);
    uses.push({ name: e.name, hasDefault, state: value === undefined ? 'unset' : value === null ? 'unknown' : 'known' });
    if (value === null) unknown = true;
    // A default that is not used does not use the variables inside it.
    if (hasDefault && value) return value;
    return apply(e.op, value ?? '', e.args.map(evalParts));
  };
  const result = evalParts(parts);
  return { text: unknown ? undefined : result, uses };
}

/** True when `text` holds something envsubst changes (`${` or the `$$` escape): the fast path for plain strings. */
export function mayExpand(text: string): boolean {
  return text.includes('${') || text.includes('$$');
}

/** Flux's parameter functions (envsubst/funcs.go). Unknown operators fall back to the default behaviour, as there. */
function apply(op: string, v: string, args: string[]): string {
  switch (op) {
    case '':
      return v;
    case ',':
      return v.slice(0, 1).toLowerCase() + v.slice(1);
    case ',,':
      return v.toLowerCase();
    case '^':
      return v.slice(0, 1).toUpperCase() + v.slice(1);
    case '^^':
      return v.toUpperCase();
    case '#':
      return args.length === 0 ? String(Buffer.byteLength(v)) : trimPrefix(v, args[0]!, false);
    case '##':
      return trimPrefix(v, args[0]!, true);
    case '%':
      return reverse(trimPrefix(reverse(v), reverse(args[0]!), false));
    case '%%':
      return reverse(trimPrefix(reverse(v), reverse(args[0]!), true));
    case ':':
      return substring(v, args);
    case '/':
      return goReplace(v, args[0]!, args[1] ?? '', 1);
    case '//':
      return goReplace(v, args[0]!, args[1] ?? '', Infinity);
    case '/#':
      return args.length === 2 && v.startsWith(args[0]!) ? goReplace(v, args[0]!, args[1]!, 1) : v;
    case '/%':
      return args.length === 2 && v.endsWith(args[0]!) ? v.slice(0, v.length - args[0]!.length) + args[1]! : v;
    default:
      return v === '' && args.length > 0 ? args.join('') : v;
  }
}

function substring(v: string, args: string[]): string {
  const toInt = (s: string): number | undefined => (/^[+-]?\d+$/.test(s) ? Number(s) : undefined);
  let pos = toInt(args[0]!);
  if (pos === undefined) return v;
  if (pos < 0) pos = Math.max(v.length + pos, 0);
  if (args.length === 1) return v.slice(pos);
  const length = toInt(args[1]!);
  if (length === undefined) return v;
  if (length < 0) return v.length + length < pos ? '' : v.slice(pos, v.length + length);
  return v.slice(pos, pos + length);
}

/** Go's strings.Replace: an empty `old` matches before every character and at the end. */
function goReplace(s: string, old: string, replacement: string, n: number): string {
  if (old !== '') {
    const pieces = s.split(old);
    const done = Math.min(n, pieces.length - 1);
    return pieces.slice(0, done + 1).join(replacement) + (done < pieces.length - 1 ? old + pieces.slice(done + 1).join(old) : '');
  }
  const chars = [...s];
  let out = '';
  for (let i = 0; i <= chars.length; i++) out += (i < n ? replacement : '') + (chars[i] ?? '');
  return out;
}

const reverse = (s: string): string => [...s].reverse().join('');

/** Removes the shortest (or longest) prefix of `v` matching the glob `pattern` (Go's path.Match syntax). */
function trimPrefix(v: string, pattern: string, longest: boolean): string {
  const re = globToRegExp(pattern);
  if (!re) return v;
  for (let n = 1; n <= v.length; n++) {
    const len = longest ? v.length - n + 1 : n;
    if (re.test(v.slice(0, len))) return v.slice(len);
  }
  return v;
}

/** Go path.Match glob as a RegExp (`*` and `?` stop at `/`); undefined for a malformed pattern (Go returns an error). */
function globToRegExp(pattern: string): RegExp | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      out += escapeRe(pattern[++i]!);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return undefined;
      const body = pattern.slice(i + 1, end);
      out += body.startsWith('^') ? `[^${escapeClass(body.slice(1))}]` : `[${escapeClass(body)}]`;
      i = end;
    } else out += escapeRe(c);
  }
  return new RegExp(`^${out}$`, 'su');
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const escapeClass = (s: string): string => s.replace(/[\]\\^[]/g, '\\$&');
