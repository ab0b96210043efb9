/**
 * A character scanner shared by the Terraform (HCL) and Bicep readers: whitespace and comments, quoted strings,
 * balanced brackets, and "the rest of this expression" as opaque text. The readers build values with a position tree
 * (YNode, as YAML documents have), so findings about a Flux configuration point at the line that declares it.
 *
 * Only literal values matter to the graph (paths, names, booleans, maps of them): anything else (a function call, a
 * reference, an interpolated string) becomes an Expression holding its text, which a reader may resolve (a Bicep
 * parameter's default) or leave unknown.
 */
import type { YEntry, YNode } from '../types.js';

/** A value the reader could not take literally: its source text. */
export interface Expression {
  '@expr': string;
}

export function isExpression(v: unknown): v is Expression {
  return typeof v === 'object' && v !== null && typeof (v as Expression)['@expr'] === 'string';
}

export interface Parsed {
  value: unknown;
  node: YNode;
}

/** Thrown on text the reader cannot make sense of; the caller records it and reads nothing from the file. */
export class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export class Scanner {
  pos = 0;

  constructor(
    readonly text: string,
    /** Line comment starters of the language (`#` and `//` in HCL, `//` in Bicep). */
    private readonly lineComments: readonly string[],
  ) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Skips spaces, tabs and comments; newlines too when `newlines`. A block comment spanning lines counts as a newline. */
  skip(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '\\' && this.peek(1) === '\n') this.pos += 2;
      else if (this.lineComments.some((l) => this.startsWith(l))) {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end === -1 ? this.text.length : end;
      } else if (this.startsWith('/*')) {
        const end = this.text.indexOf('*/', this.pos + 2);
        const close = end === -1 ? this.text.length : end + 2;
        if (!newlines && this.text.slice(this.pos, close).includes('\n')) return;
        this.pos = close;
      } else return;
    }
  }

  expect(s: string): void {
    if (!this.startsWith(s)) throw new ScanError(`expected "${s}"`, this.pos);
    this.pos += s.length;
  }

  /** An identifier (letters, digits, `_`, `-` after the first). */
  ident(): string | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** Past the quoted string starting here (`quote` is its delimiter), `${...}` interpolations included. */
  skipString(quote: string): void {
    this.pos++;
    while (!this.done) {
      const c = this.peek();
      if (c === '\\') this.pos += 2;
      else if (c === quote) {
        this.pos++;
        return;
      } else if ((c === '$' || c === '%') && this.peek(1) === '{') {
        this.pos++;
        this.skipBalanced();
      } else if (c === '\n' && quote === '"') throw new ScanError('unterminated string', this.pos);
      else this.pos++;
    }
    throw new ScanError('unterminated string', this.pos);
  }

  /** Past the bracketed group starting here, strings and comments inside included. */
  skipBalanced(): void {
    const stack: string[] = [];
    do {
      this.skip(true);
      const c = this.peek();
      if (c === '') throw new ScanError('unbalanced brackets', this.pos);
      if (c === '"' || c === "'") {
        if (this.startsWith("'''")) this.skipTripleQuoted();
        else this.skipString(c);
        continue;
      }
      if (CLOSERS[c]) stack.push(CLOSERS[c]);
      else if (c === ')' || c === ']' || c === '}') {
        if (stack.pop() !== c) throw new ScanError(`unexpected "${c}"`, this.pos);
      }
      this.pos++;
    } while (stack.length > 0);
  }

  skipTripleQuoted(): void {
    const end = this.text.indexOf("'''", this.pos + 3);
    if (end === -1) throw new ScanError('unterminated string', this.pos);
    this.pos = end + 3;
  }

  /**
   * The rest of an expression from `start` as opaque text: up to a newline, `,`, or a closing bracket at depth 0.
   * Brackets (with newlines inside) and strings are skipped whole.
   */
  opaque(start: number, stopAtColon = false): Parsed {
    this.pos = start;
    for (;;) {
      this.skip(false);
      const c = this.peek();
      if (c === '' || c === '\n' || c === ',' || c === ')' || c === ']' || c === '}' || (stopAtColon && c === ':')) break;
      if (c === '"' || c === "'") {
        if (this.startsWith("'''")) this.skipTripleQuoted();
        else this.skipString(c);
      } else if (CLOSERS[c]) this.skipBalanced();
      else if (this.startsWith('<<') && /^<<-?[A-Za-z_]/.test(this.text.slice(this.pos, this.pos + 4))) this.skipHeredoc();
      else this.pos++;
    }
    const end = trimEnd(this.text, start, this.pos);
    return { value: { '@expr': this.text.slice(start, end) } satisfies Expression, node: scalar(start, end) };
  }

  /** A Terraform heredoc (`<<EOT` / `<<-EOT` ... `EOT`). */
  skipHeredoc(): string {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) throw new ScanError('bad heredoc', this.pos);
    const bodyStart = this.pos + m[0].length;
    const close = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, 'm');
    const rest = this.text.slice(bodyStart);
    const found = close.exec(rest);
    if (!found) throw new ScanError('unterminated heredoc', this.pos);
    this.pos = bodyStart + found.index + found[0].length;
    const body = rest.slice(0, found.index);
    return m[1] ? dedent(body) : body;
  }

  /**
   * The list starting here (`[`): `readItem` reads each item, `separate` what may follow one (a comma, a newline).
   * A `[for ...]` comprehension is an expression.
   */
  sequence(readItem: () => Parsed, separate: () => void): Parsed {
    const start = this.pos;
    this.pos++;
    this.skip(true);
    if (/^for\s/.test(this.text.slice(this.pos, this.pos + 4))) return this.opaque(start);
    const items: Parsed[] = [];
    while (this.peek() !== ']') {
      if (this.done) throw new ScanError('unterminated list', start);
      items.push(readItem());
      separate();
    }
    this.pos++;
    return { value: items.map((i) => i.value), node: { kind: 'seq', start, end: this.pos, items: items.map((i) => i.node) } };
  }

  /** A number, `true`, `false` or `null` here (consumed); undefined (nothing consumed) for anything else. */
  literal(): Parsed | undefined {
    const start = this.pos;
    const m = /^-?[A-Za-z0-9_.]+/.exec(this.text.slice(start, start + 256));
    const word = m ? literalWord(m[0]) : undefined;
    if (!m || !word) return undefined;
    this.pos += m[0].length;
    return { value: word.value, node: scalar(start, this.pos) };
  }

  /** `parsed` when it is the whole expression from `start`; else (an operator, `.attr` or a call follows) the expression as opaque text. */
  finish(parsed: Parsed | undefined, start: number): Parsed {
    return parsed && this.atValueEnd() ? parsed : this.opaque(start);
  }

  /** True when the next character ends the value just read (so it was the whole expression). */
  atValueEnd(stopAtColon = false): boolean {
    const save = this.pos;
    this.skip(false);
    const c = this.peek();
    const end = c === '' || c === '\n' || c === ',' || c === ')' || c === ']' || c === '}' || (stopAtColon && c === ':');
    this.pos = save;
    return end;
  }
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function dedent(body: string): string {
  const lines = body.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

export function scalar(start: number, end: number): YNode {
  return { kind: 'scalar', start, end };
}

/** A number, `true`, `false` or `null` written at `start..end`; undefined when the text is not one. */
export function literalWord(word: string): { value: unknown } | undefined {
  if (word === 'true') return { value: true };
  if (word === 'false') return { value: false };
  if (word === 'null') return { value: null };
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(word)) return { value: Number(word) };
  return undefined;
}

/** Builds a mapping's value and node together, keeping the last of duplicate keys in the value (as YAML readers do). */
export class MapBuilder {
  readonly value: Record<string, unknown> = {};
  readonly entries: YEntry[] = [];

  set(key: string, keyNode: YNode, item: Parsed): void {
    this.value[key] = item.value;
    this.entries.push({ key, keyNode, value: item.node });
  }

  /** Appends `item` to the sequence at `key` (repeated blocks of HCL). */
  push(key: string, keyNode: YNode, item: Parsed): void {
    let entry = this.entries.find((e) => e.key === key && e.value.kind === 'seq');
    if (!entry) {
      entry = { key, keyNode, value: { kind: 'seq', start: keyNode.start, end: item.node.end, items: [] } };
      this.entries.push(entry);
      this.value[key] = [];
    }
    (this.value[key] as unknown[]).push(item.value);
    entry.value.items!.push(item.node);
    entry.value.end = item.node.end;
  }

  parsed(start: number, end: number): Parsed {
    return { value: this.value, node: { kind: 'map', start, end, entries: this.entries } };
  }
}
