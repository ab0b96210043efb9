/**
 * A reader for Terraform's HCL native syntax, enough for resource blocks: attributes (`key = value`), blocks with
 * labels (`resource "type" "name" { ... }`, repeated nested blocks such as `kustomizations { ... }`), and literal
 * values (strings, heredocs, numbers, booleans, null, tuples, objects). Anything else is an Expression (scan.ts).
 *
 * Why not an npm HCL parser: the maintained ones (@cdktf/hcl2json, hcl2-parser) turn HCL into JSON without source
 * positions, and findings must point at the line of the Terraform file; cdktf itself is deprecated by HashiCorp.
 *
 * The result mirrors hcl2json's shape: a block type maps to a list of its blocks; each block is a mapping of its
 * attributes and nested blocks, with its labels under `@labels`.
 */
import { isExpression, MapBuilder, scalar, Scanner, ScanError, type Parsed } from './scan.js';

export const LABELS = '@labels';

export function parseHcl(text: string): Parsed {
  const s = new Scanner(text, ['#', '//']);
  const body = parseBody(s, 0);
  s.skip(true);
  if (!s.done) throw new ScanError(`unexpected "${s.peek()}"`, s.pos);
  return body;
}

/** Attributes and blocks until a closing `}` (not consumed) or the end. */
function parseBody(s: Scanner, start: number): Parsed {
  const out = new MapBuilder();
  for (;;) {
    s.skip(true);
    if (s.done || s.peek() === '}') break;
    const keyStart = s.pos;
    const key = s.ident();
    if (!key) throw new ScanError(`expected an attribute or block name, found "${s.peek()}"`, s.pos);
    const keyNode = scalar(keyStart, s.pos);
    s.skip(false);
    if (s.peek() === '=' && s.peek(1) !== '=') {
      s.pos++;
      s.skip(false);
      out.set(key, keyNode, parseExpr(s));
      continue;
    }
    const labels: Parsed[] = [];
    while (s.peek() !== '{') {
      const at = s.pos;
      if (s.peek() === '"') labels.push(quoted(s));
      else {
        const label = s.ident();
        if (!label) throw new ScanError(`expected a block label or "{" after ${key}`, s.pos);
        labels.push({ value: label, node: scalar(at, s.pos) });
      }
      s.skip(false);
    }
    const blockStart = s.pos;
    s.pos++;
    const block = parseBody(s, blockStart);
    s.expect('}');
    const map = block.value as Record<string, unknown>;
    const node = block.node;
    if (labels.length > 0) {
      map[LABELS] = labels.map((l) => l.value);
      node.entries!.unshift({ key: LABELS, keyNode: labels[0]!.node, value: { kind: 'seq', start: labels[0]!.node.start, end: labels[labels.length - 1]!.node.end, items: labels.map((l) => l.node) } });
    }
    node.start = keyStart;
    node.end = s.pos;
    out.push(key, keyNode, { value: map, node });
  }
  return out.parsed(start, s.pos);
}

function parseExpr(s: Scanner): Parsed {
  const start = s.pos;
  const c = s.peek();
  let parsed: Parsed | undefined;
  if (c === '"') parsed = quoted(s);
  else if (c === '[') parsed = tuple(s);
  else if (c === '{') parsed = object(s);
  else if (s.startsWith('<<')) {
    const body = s.skipHeredoc();
    parsed = { value: /[$%]\{/.test(body) ? { '@expr': s.text.slice(start, s.pos) } : body, node: { kind: 'scalar', start, end: s.pos, style: 'block' } };
  } else parsed = s.literal();
  return s.finish(parsed, start);
}

function quoted(s: Scanner): Parsed {
  const start = s.pos;
  s.skipString('"');
  const raw = s.text.slice(start + 1, s.pos - 1);
  const node = { kind: 'scalar' as const, start, end: s.pos, style: 'double' as const };
  if (/(^|[^$%])[$%]\{/.test(raw)) return { value: { '@expr': s.text.slice(start, s.pos) }, node };
  return { value: unescape(raw), node };
}

function unescape(raw: string): string {
  return raw
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
      if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
      return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e;
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

/** `[a, b]`; a `for` expression or anything not a list of values is opaque. */
function tuple(s: Scanner): Parsed {
  return s.sequence(
    () => parseExpr(s),
    () => {
      s.skip(true);
      if (s.peek() === ',') {
        s.pos++;
        s.skip(true);
      } else if (s.peek() !== ']') throw new ScanError('expected "," or "]"', s.pos);
    },
  );
}

/** `{ key = value, "key": value }`; a `for` expression is opaque. */
function object(s: Scanner): Parsed {
  const start = s.pos;
  s.pos++;
  s.skip(true);
  if (/^for\s/.test(s.text.slice(s.pos, s.pos + 4))) return s.opaque(start);
  const out = new MapBuilder();
  while (s.peek() !== '}') {
    const keyStart = s.pos;
    let key: string | undefined;
    if (s.peek() === '"') {
      // An interpolated or computed key is kept as written: the graph reads no such property.
      const k = quoted(s);
      key = isExpression(k.value) ? k.value['@expr'] : String(k.value);
    } else if (s.peek() === '(') {
      s.skipBalanced();
      key = s.text.slice(keyStart, s.pos);
    } else key = s.ident();
    if (key === undefined) throw new ScanError('expected an object key', s.pos);
    const keyNode = scalar(keyStart, s.pos);
    s.skip(false);
    if (s.peek() !== '=' && s.peek() !== ':') throw new ScanError('expected "=" or ":" after an object key', s.pos);
    s.pos++;
    s.skip(false);
    out.set(key, keyNode, parseExpr(s));
    s.skip(true);
    if (s.peek() === ',') {
      s.pos++;
      s.skip(true);
    }
  }
  s.pos++;
  return out.parsed(start, s.pos);
}
