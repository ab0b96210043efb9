/**
 * Parses one YAML document with js-yaml and builds its position tree (YNode) from js-yaml's listener events.
 * js-yaml reports each composed node as an open/close pair; the raw frames need some care (see TreeBuilder).
 */
import yaml from 'js-yaml';
import { GO_YAML_V3_SCHEMA } from './go-schemas.js';
import type { YEntry, YNode } from './types.js';

interface Frame {
  open: number;
  close: number;
  kind: string | null;
  result: unknown;
  /** Allocated on the first child: most frames are scalars. */
  children: Frame[] | null;
}

const NO_FRAMES: Frame[] = [];

interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
}

export interface ParsedDocument {
  value: unknown;
  root?: YNode;
}

/**
 * Parse `text.slice(start, end)` as one document; offsets in the tree index `text`. `schema` says how plain scalars
 * resolve (go-schemas.ts): as kustomize reads resources by default.
 * Throws js-yaml's YAMLException (mark.position relative to `start`) on a syntax error.
 */
export function parseDocument(text: string, start: number, end: number, schema: yaml.Schema = GO_YAML_V3_SCHEMA): ParsedDocument {
  const top: Frame = { open: 0, close: 0, kind: null, result: undefined, children: null };
  const stack: Frame[] = [top];
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      stack.push({ open: state.position, close: 0, kind: null, result: undefined, children: null });
      return;
    }
    const frame = stack.pop()!;
    frame.close = state.position;
    frame.kind = state.kind;
    frame.result = state.result;
    const parent = stack[stack.length - 1]!;
    const siblings = (parent.children ??= []);
    // A frame re-read after js-yaml backtracked replaces the abandoned one(s) at or after its start.
    while (siblings.length > 0 && siblings[siblings.length - 1]!.open >= frame.open) siblings.pop();
    // A wrapper (a key candidate that turned out to be the whole node) closes with its only child's end and result.
    const only = frame.children?.length === 1 ? frame.children[0]! : undefined;
    siblings.push(only && only.close === frame.close && Object.is(only.result, frame.result) ? only : frame);
  };
  const value = yaml.load(text.slice(start, end), { schema, json: true, listener } as yaml.LoadOptions);
  const rootFrame = top.children?.[top.children.length - 1];
  const root = rootFrame ? new TreeBuilder(text, start, end).node(rootFrame) : undefined;
  // A document of only comments (or nothing) has no node to point at.
  const isEmpty = !root || (value === null && root.kind === 'scalar' && root.start === root.end);
  return isEmpty ? { value } : { value, root };
}

/**
 * The value only, without positions: much cheaper than parseDocument. Without `json`, js-yaml throws on a
 * duplicate key (see isDuplicateKeyError): such documents need parseDocument to find it.
 */
export function parseValue(text: string, start: number, end: number, schema: yaml.Schema = GO_YAML_V3_SCHEMA): unknown {
  return yaml.load(text.slice(start, end), { schema });
}

/** Every document of `text`, strictly: a duplicate key throws (as kustomize and Flux reject it), like a syntax error. */
export function parseAllStrict(text: string, schema: yaml.Schema = GO_YAML_V3_SCHEMA): unknown[] {
  return yaml.loadAll(text, undefined, { schema });
}

export function isDuplicateKeyError(error: unknown): boolean {
  return String((error as { reason?: string }).reason).startsWith('duplicated mapping key');
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

class TreeBuilder {
  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly limit: number,
  ) {}

  /** First character of a node: skip whitespace, line breaks and comments from where js-yaml opened it. */
  private contentStart(pos: number, bound: number): number {
    const t = this.text;
    while (pos < bound) {
      const c = t.charCodeAt(pos);
      if (isSpace(c)) pos++;
      else if (c === 0x23 /* # */) {
        const nl = t.indexOf('\n', pos);
        pos = nl === -1 || nl >= bound ? bound : nl + 1;
      } else break;
    }
    return pos;
  }

  /** End of a node: js-yaml's close position without trailing whitespace. */
  private trimmedEnd(pos: number, floor: number): number {
    while (pos > floor && isSpace(this.text.charCodeAt(pos - 1))) pos--;
    return pos;
  }

  node(frame: Frame): YNode {
    const open = Math.min(this.base + frame.open, this.limit);
    const close = Math.min(this.base + frame.close, this.limit);
    const start = this.contentStart(open, close);
    if (frame.kind === 'mapping' || frame.kind === 'sequence') {
      const flow = isFlowStart(this.text.charCodeAt(skipProperties(this.text, start, close)));
      const node: YNode =
        frame.kind === 'mapping'
          ? { kind: 'map', start, end: close, entries: this.entries(frame.children ?? NO_FRAMES, close) }
          : { kind: 'seq', start, end: close, items: this.items(frame, start, close) };
      // Block collections end with their last child: js-yaml's close includes trailing comments and blank lines.
      const lastEntry = node.entries?.[node.entries.length - 1];
      const lastEnd = lastEntry ? Math.max(lastEntry.keyNode.end, lastEntry.value.end) : node.items?.[node.items.length - 1]?.end;
      node.end = flow || lastEnd === undefined ? this.trimmedEnd(close, start) : lastEnd;
      return node;
    }
    if (start >= close) return { kind: 'scalar', start: open, end: open, style: 'plain' }; // empty value: `key:`
    const end = this.trimmedEnd(close, start);
    const contentAt = skipProperties(this.text, start, end);
    if (frame.kind === null && this.text.charCodeAt(contentAt) === 0x2a /* * alias */) {
      // js-yaml closes an alias after the comments and blank lines that follow it: its name ends it.
      let aliasEnd = contentAt + 1;
      while (aliasEnd < end && !isSpace(this.text.charCodeAt(aliasEnd)) && !isFlowEnd(this.text.charCodeAt(aliasEnd))) aliasEnd++;
      const r = frame.result;
      return { kind: Array.isArray(r) ? 'seq' : r !== null && typeof r === 'object' ? 'map' : 'scalar', start, end: aliasEnd };
    }
    return { kind: 'scalar', start, end, style: scalarStyle(this.text.charCodeAt(contentAt)) };
  }

  private entries(children: Frame[], close: number): YEntry[] {
    const entries: YEntry[] = [];
    for (let i = 0; i < children.length; ) {
      const [entry, next] = this.entry(children, i, close);
      entries.push(entry);
      i = next;
    }
    return entries;
  }

  /** The entry whose key is children[i], and the index after it. */
  private entry(children: Frame[], i: number, close: number): [YEntry, number] {
    const keyFrame = children[i++]!;
    const keyNode = this.node(keyFrame);
    // `{a, b: 1}` and `? a` have no value frame for `a`: a value follows only when a `:` does.
    const hasValue = i < children.length && this.text.charCodeAt(this.contentStart(keyNode.end, close)) === 0x3a;
    const value = hasValue ? this.node(children[i++]!) : emptyAt(keyNode.end);
    return [{ key: keyString(keyFrame.result), keyNode, value }, i];
  }

  /** Items, matched to the parsed array: `-` with no value and `[a: 1]` pairs have no frame of their own. */
  private items(frame: Frame, start: number, close: number): YNode[] {
    const values = Array.isArray(frame.result) ? frame.result : [];
    const children = frame.children ?? NO_FRAMES;
    if (children.length === values.length) return children.map((c) => this.node(c));
    const items: YNode[] = [];
    let c = 0;
    let prevEnd = start;
    for (const v of values) {
      const child = children[c];
      let item: YNode;
      if (child && Object.is(child.result, v)) {
        item = this.node(child);
        c++;
      } else if (child && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const [pair, next] = this.entry(children, c, close);
        c = next;
        item = { kind: 'map', start: pair.keyNode.start, end: Math.max(pair.keyNode.end, pair.value.end), entries: [pair] };
      } else if (child && v !== null) {
        item = this.node(child);
        c++;
      } else {
        const dash = this.text.indexOf('-', prevEnd);
        item = emptyAt(dash !== -1 && dash < close ? dash + 1 : prevEnd);
      }
      items.push(item);
      prevEnd = Math.max(prevEnd, item.end);
    }
    return items;
  }
}

function emptyAt(offset: number): YNode {
  return { kind: 'scalar', start: offset, end: offset, style: 'plain' };
}

const isFlowStart = (c: number): boolean => c === 0x5b /* [ */ || c === 0x7b; /* { */
const isFlowEnd = (c: number): boolean => c === 0x2c /* , */ || c === 0x5d /* ] */ || c === 0x7d; /* } */

/** Position after a node's anchor (`&a`) and tag (`!t`, `!!str`, `!<...>`) properties. */
export function skipProperties(text: string, pos: number, end: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (pos >= end || (c !== 0x26 /* & */ && c !== 0x21) /* ! */) return pos;
    while (pos < end && !isSpace(text.charCodeAt(pos))) pos++;
    while (pos < end && isSpace(text.charCodeAt(pos))) pos++;
  }
}

function scalarStyle(c: number): YNode['style'] {
  if (c === 0x27) return 'single';
  if (c === 0x22) return 'double';
  if (c === 0x7c || c === 0x3e) return 'block';
  return 'plain';
}

function keyString(key: unknown): string {
  if (typeof key === 'string') return key;
  if (key === null || typeof key !== 'object') return String(key);
  try {
    return JSON.stringify(key);
  } catch {
    return String(key);
  }
}
