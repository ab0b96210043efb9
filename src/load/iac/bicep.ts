/**
 * A reader for Bicep files, enough for resource declarations: `param`, `var`, `resource` and `module` statements with
 * their literal values (strings, multi-line strings, numbers, booleans, null, objects, arrays), decorators skipped.
 * Anything else is an Expression (scan.ts). No Bicep parser for JavaScript exists on npm (Bicep's own is .NET).
 *
 * The result is a mapping from each symbol to `{ declare, type?, value, condition?, loop? }`:
 *  - `declare`: param | var | resource | module | output;
 *  - `type`: a resource's `'Type@apiVersion'`, a module's path;
 *  - `value`: a param's default, a var's value, a resource's or module's body;
 *  - `condition`: the text of `if (...)`; `loop`: true for `[for ...: body]` (value is then the body).
 */
import { isExpression, MapBuilder, scalar, Scanner, ScanError, type Parsed } from './scan.js';

const DECLARATIONS = new Set(['param', 'var', 'resource', 'module', 'output']);

export function parseBicep(text: string): Parsed {
  const s = new Scanner(text, ['//']);
  const out = new MapBuilder();
  for (;;) {
    s.skip(true);
    if (s.done) break;
    const start = s.pos;
    if (s.peek() === '@') {
      s.pos++;
      skipDecorator(s);
      continue;
    }
    const word = s.ident();
    if (!word || !DECLARATIONS.has(word)) {
      skipStatement(s, start);
      continue;
    }
    s.skip(false);
    const nameStart = s.pos;
    const name = s.ident();
    if (!name) {
      skipStatement(s, start);
      continue;
    }
    const decl = new MapBuilder();
    const keyNode = scalar(nameStart, s.pos);
    decl.set('declare', scalar(start, start + word.length), { value: word, node: scalar(start, start + word.length) });
    s.skip(false);
    if ((word === 'resource' || word === 'module') && s.peek() === "'") {
      decl.set('type', keyNode, stringLiteral(s));
      s.skip(false);
      if (s.startsWith('existing')) {
        decl.set('existing', keyNode, { value: true, node: scalar(s.pos, s.pos + 8) });
        s.pos += 8;
        s.skip(false);
      }
    } else if (word !== 'var') skipType(s);
    if (s.peek() !== '=') {
      out.set(name, keyNode, decl.parsed(start, s.pos));
      continue;
    }
    s.pos++;
    s.skip(false);
    body(s, decl, keyNode);
    out.set(name, keyNode, decl.parsed(start, s.pos));
  }
  return out.parsed(0, s.pos);
}

/** A resource's or module's value: `[for x in xs: body]`, `if (cond) body`, or the body itself. */
function body(s: Scanner, decl: MapBuilder, keyNode: ReturnType<typeof scalar>): void {
  if (s.peek() === '[' && /^\[\s*for\s/.test(s.text.slice(s.pos, s.pos + 16))) {
    const start = s.pos;
    s.pos++;
    s.skip(true);
    s.opaque(s.pos, true);
    if (s.peek() !== ':') {
      decl.set('value', keyNode, s.opaque(start));
      return;
    }
    s.pos++;
    s.skip(true);
    decl.set('loop', keyNode, { value: true, node: scalar(start, start + 1) });
    body(s, decl, keyNode);
    s.skip(true);
    s.expect(']');
    return;
  }
  if (/^if\s*\(/.test(s.text.slice(s.pos, s.pos + 8))) {
    const start = s.pos;
    s.pos += 2;
    s.skip(false);
    const condStart = s.pos;
    s.skipBalanced();
    decl.set('condition', keyNode, { value: s.text.slice(condStart + 1, s.pos - 1).trim(), node: scalar(start, s.pos) });
    s.skip(false);
  }
  decl.set('value', keyNode, parseExpr(s));
}

function skipDecorator(s: Scanner): void {
  while (s.ident() !== undefined) if (s.peek() === '.') s.pos++;
  if (s.peek() === '(') s.skipBalanced();
}

/** A parameter's or output's type, up to `=` or the end of the line. */
function skipType(s: Scanner): void {
  for (;;) {
    s.skip(false);
    const c = s.peek();
    if (c === '' || c === '\n' || c === '=') return;
    if (c === "'") s.skipString("'");
    else if (c === '{' || c === '[' || c === '(') s.skipBalanced();
    else s.pos++;
  }
}

function skipStatement(s: Scanner, start: number): void {
  s.opaque(start);
  if (s.pos === start) s.pos++;
}

function parseExpr(s: Scanner): Parsed {
  const start = s.pos;
  const c = s.peek();
  let parsed: Parsed | undefined;
  if (c === "'") parsed = stringLiteral(s);
  else if (c === '{') parsed = object(s);
  else if (c === '[') parsed = array(s);
  else parsed = s.literal();
  return s.finish(parsed, start);
}

function stringLiteral(s: Scanner): Parsed {
  const start = s.pos;
  if (s.startsWith("'''")) {
    s.skipTripleQuoted();
    const raw = s.text.slice(start + 3, s.pos - 3);
    return { value: raw.replace(/^\r?\n/, ''), node: { kind: 'scalar', start, end: s.pos, style: 'block' } };
  }
  s.skipString("'");
  const raw = s.text.slice(start + 1, s.pos - 1);
  const node = { kind: 'scalar' as const, start, end: s.pos, style: 'single' as const };
  if (/(^|[^\\])\$\{/.test(raw)) return { value: { '@expr': s.text.slice(start, s.pos) }, node };
  const value = raw.replace(/\\(u\{[0-9a-fA-F]+\}|.)/g, (_, e: string) =>
    e.length > 1 ? String.fromCodePoint(parseInt(e.slice(2, -1), 16)) : (({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e),
  );
  return { value, node };
}

/** Items are separated by newlines or commas. */
function separator(s: Scanner, close: string): void {
  s.skip(false);
  if (s.peek() === ',' || s.peek() === '\n') s.pos++;
  else if (s.peek() !== close) throw new ScanError(`expected a new line, "," or "${close}"`, s.pos);
  s.skip(true);
}

function object(s: Scanner): Parsed {
  const start = s.pos;
  s.pos++;
  s.skip(true);
  const out = new MapBuilder();
  while (s.peek() !== '}') {
    if (s.done) throw new ScanError('unterminated object', start);
    if (s.peek() === '@') {
      s.pos++;
      skipDecorator(s);
      s.skip(true);
      continue;
    }
    const keyStart = s.pos;
    let key: string | undefined;
    if (s.peek() === "'") {
      // An interpolated key is kept as written: the graph reads no such property.
      const k = stringLiteral(s);
      key = isExpression(k.value) ? k.value['@expr'] : String(k.value);
    } else key = s.ident();
    if (key === undefined) throw new ScanError('expected a property name', s.pos);
    const keyNode = scalar(keyStart, s.pos);
    s.skip(false);
    if (key === 'resource' && s.peek() !== ':') {
      // A nested child resource (`resource subnet 'subnets' existing = {...}`): not a property.
      skipType(s);
      s.pos++;
      s.skip(false);
      body(s, new MapBuilder(), keyNode);
      separator(s, '}');
      continue;
    }
    s.expect(':');
    s.skip(false);
    out.set(key, keyNode, parseExpr(s));
    separator(s, '}');
  }
  s.pos++;
  return out.parsed(start, s.pos);
}

function array(s: Scanner): Parsed {
  return s.sequence(
    () => parseExpr(s),
    () => separator(s, ']'),
  );
}
