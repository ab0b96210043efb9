/**
 * One YAML document's text, edited step by step: each step replaces whole lines (or one scalar) found with `yaml`'s
 * node ranges, then the text is parsed again for the next step. A step that meets a shape it does not handle (flow
 * style, anchors, tabs) throws MigrationRefused, so the caller gives no fix rather than a wrong one.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { blockEnd, columnOf, lineEnd, lineStart, shiftLines } from './text.js';

export class MigrationRefused extends Error {}

export type KeyPath = readonly (string | number)[];

/** A moved sequence item: the comment lines above it, and its own lines from its `- ` (at column 0). */
export interface SeqChunk {
  lead: string;
  body: string;
  value: unknown;
}

export class DocText {
  private parsed?: Document;
  constructor(public text: string) {}

  doc(): Document {
    if (!this.parsed) {
      this.parsed = parseDocument(this.text, { keepSourceTokens: false, uniqueKeys: false });
      if (this.parsed.errors.length > 0) throw new MigrationRefused(`the document does not parse: ${this.parsed.errors[0]!.message}`);
    }
    return this.parsed;
  }

  private replace(start: number, end: number, text: string): void {
    // A document's text may end without a newline (the file's next one follows it): lines written at its end keep that.
    if (end === this.text.length && !this.text.endsWith('\n') && text.endsWith('\n')) {
      text = text.slice(0, -1);
      if (start === end && start > 0) text = `\n${text}`;
    }
    // Lines removed at such an end take the newline before them, which ended the line now last.
    if (end === this.text.length && !this.text.endsWith('\n') && text === '' && start > 0 && this.text[start - 1] === '\n') start--;
    this.text = this.text.slice(0, start) + text + this.text.slice(end);
    this.parsed = undefined;
  }

  /** The block mapping at `path` ([] is the document's top level); undefined when absent. */
  map(path: KeyPath): YAMLMap | undefined {
    const node = path.length === 0 ? this.doc().contents : (this.doc().getIn(path, true) as Node | undefined);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return undefined;
    if (!isMap(node)) throw new MigrationRefused(`${describe(path)} is not a mapping`);
    if (node.flow) throw new MigrationRefused(`${describe(path)} is written in flow style`);
    return node;
  }

  pair(path: KeyPath, key: string): Pair<Node, Node | null> | undefined {
    const map = this.map(path);
    const pair = map?.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node | null> | undefined;
    if (pair && (pair.key as Node).range === undefined) throw new MigrationRefused(`${describe([...path, key])} has no position`);
    return pair;
  }

  has(path: KeyPath, key: string): boolean {
    return this.pair(path, key) !== undefined;
  }

  /** The text of the key line after the colon, when it is a comment (`bases: # old`). */
  private keyLineComment(pair: Pair<Node, Node | null>): string | undefined {
    const keyEnd = pair.key.range![1];
    const rest = this.text.slice(keyEnd, lineEnd(this.text, keyEnd)).replace(/^\s*:/, '');
    const m = /^\s*(#.*?)\s*$/.exec(rest);
    return m ? m[1] : undefined;
  }

  /** [start, end) of a pair's lines: its key line through the end of its value. */
  private pairLines(pair: Pair<Node, Node | null>): [number, number] {
    const start = lineStart(this.text, pair.key.range![0]);
    if (this.text.slice(start, pair.key.range![0]).trim() !== '') throw new MigrationRefused('a key shares its line with other content');
    const end = pair.value?.range ? blockEnd(this.text, pair.value.range[1]) : lineEnd(this.text, pair.key.range![1]);
    return [start, end];
  }

  renameKey(path: KeyPath, from: string, to: string): void {
    const pair = this.pair(path, from);
    if (!pair) return;
    const key = pair.key as Node;
    if (!isScalar(key) || key.type !== 'PLAIN') throw new MigrationRefused(`the key ${from} is not a plain scalar`);
    this.replace(key.range![0], key.range![1], to);
  }

  setScalar(path: KeyPath, text: string): void {
    const node = this.doc().getIn(path, true) as Node | undefined;
    if (!node || !isScalar(node) || !node.range) throw new MigrationRefused(`${describe(path)} is not a scalar`);
    this.replace(node.range[0], node.range[1], text);
  }

  /** Removes a pair's lines; comments on them are kept in its place (a comment after a value becomes a line of its own). */
  deletePair(path: KeyPath, key: string): void {
    const pair = this.pair(path, key);
    if (!pair) return;
    const [start, end] = this.pairLines(pair);
    const col = columnOf(this.text, pair.key.range![0]);
    const kept: string[] = [];
    for (const line of this.text.slice(start, end).split('\n')) {
      const trimmed = line.trim();
      if (trimmed.startsWith('#')) kept.push(line);
      else if (/\s#/.test(line)) {
        if (/['"]/.test(line)) throw new MigrationRefused(`a comment on a line of ${key} cannot be told from its value`);
        kept.push(`${' '.repeat(col)}${line.slice(line.search(/\s#/) + 1)}`);
      }
    }
    this.replace(start, end, kept.map((l) => `${l}\n`).join(''));
  }

  /** Removes a pair whose lines were copied elsewhere (their comments moved with them), except a key-line comment. */
  private removeMovedPair(pair: Pair<Node, Node | null>): void {
    const [start, end] = this.pairLines(pair);
    this.replace(start, end, '');
  }

  /** The items of the block sequence under `key`, as chunks at column 0; [] for an empty or null value. */
  seqChunks(path: KeyPath, key: string, withKeyComment = true): SeqChunk[] {
    const pair = this.pair(path, key);
    if (!pair) return [];
    const seq = pair.value;
    if (seq === null || (isScalar(seq) && seq.value === null)) return [];
    if (!isSeq(seq)) throw new MigrationRefused(`${describe([...path, key])} is not a list`);
    if (seq.items.length === 0) return [];
    if (seq.flow) throw new MigrationRefused(`${describe([...path, key])} is written in flow style`);
    const items = seq.items as Node[];
    const dashLines = items.map((item) => {
      const at = lineStart(this.text, item.range![0]);
      return at;
    });
    const dashCol = /^ */.exec(this.text.slice(dashLines[0]!))![0].length;
    const end = blockEnd(this.text, seq.range![1]);
    const firstLine = lineEnd(this.text, pair.key.range![1]);
    const comment = withKeyComment ? this.keyLineComment(pair) : undefined;
    const chunks: SeqChunk[] = [];
    for (let i = 0; i < items.length; i++) {
      const start = dashLines[i]!;
      if (this.text.slice(start + dashCol, start + dashCol + 1) !== '-') throw new MigrationRefused(`an item of ${key} does not start its line`);
      if (i > 0 && start === dashLines[i - 1]) throw new MigrationRefused(`two items of ${key} share a line`);
      const stop = i + 1 < items.length ? dashLines[i + 1]! : end;
      const leadText = i === 0 ? this.text.slice(firstLine, start) : '';
      const lead = (comment && i === 0 ? `${' '.repeat(dashCol)}${comment}\n` : '') + leadText;
      const shiftedLead = shiftLines(lead, -dashCol);
      const body = shiftLines(this.text.slice(start, stop), -dashCol);
      if (shiftedLead === undefined || body === undefined) throw new MigrationRefused(`the items of ${key} are not indented alike`);
      chunks.push({ lead: shiftedLead, body, value: (items[i] as Node).toJSON() });
    }
    return chunks;
  }

  /** Column of the `- ` of a block sequence's items, or undefined when it is not a non-empty block sequence. */
  private dashColumn(seq: YAMLSeq): number | undefined {
    if (seq.flow || seq.items.length === 0) return undefined;
    const first = seq.items[0] as Node;
    return /^ */.exec(this.text.slice(lineStart(this.text, first.range![0])))![0].length;
  }

  /**
   * Moves the items of `from` into the list `to` of the same mapping, at its start or end, each chunk rewritten by
   * `transform`; `from` is removed. Without `to`, `from` is renamed (its items rewritten in place).
   */
  moveItems(path: KeyPath, from: string, to: string, where: 'start' | 'end', transform: (chunk: SeqChunk) => SeqChunk = (c) => c): void {
    const source = this.pair(path, from);
    if (!source) return;
    const target = this.pair(path, to);
    const chunks = target ? this.seqChunks(path, from).map(transform) : [];
    if (!target) {
      // Renamed in place: the items stay where they are, at their column, each rewritten.
      const dashCol = isSeq(source.value) ? (this.dashColumn(source.value) ?? 0) : 0;
      const [, end] = this.pairLines(source);
      const first = lineEnd(this.text, source.key.range![1]);
      const items = this.seqChunks(path, from, false).map(transform);
      this.replace(first, end, shiftLines(withTrailingNewline(items.map((c) => c.lead + c.body).join('')), dashCol)!);
      this.renameKey(path, from, to);
      return;
    }
    const seq = target.value;
    if (seq === null || (isScalar(seq) && seq.value === null)) throw new MigrationRefused(`${describe([...path, to])} is empty`);
    if (!isSeq(seq)) throw new MigrationRefused(`${describe([...path, to])} is not a list`);
    const dashCol = this.dashColumn(seq);
    if (dashCol === undefined) throw new MigrationRefused(`${describe([...path, to])} is empty or in flow style`);
    const text = shiftLines(withTrailingNewline(chunks.map((c) => c.lead + c.body).join('')), dashCol)!;
    const at = where === 'start' ? lineStart(this.text, (seq.items[0] as Node).range![0]) : this.lastContentLineEnd(seq);
    // Remove the source first when it comes after the insertion point, so offsets stay right.
    const [srcStart] = this.pairLines(source);
    if (srcStart >= at) {
      this.removeMovedPair(source);
      this.replace(at, at, text);
    } else {
      this.replace(at, at, text);
      this.removeMovedPair(this.pair(path, from)!);
    }
  }

  /** Appends one item (text at column 0, from its `- `) to the block list `key`, or creates the list after the mapping's last pair. */
  appendItem(path: KeyPath, key: string, item: string): void {
    const target = this.pair(path, key);
    if (target) {
      if (!isSeq(target.value)) throw new MigrationRefused(`${describe([...path, key])} is not a list`);
      const dashCol = this.dashColumn(target.value);
      if (dashCol === undefined) throw new MigrationRefused(`${describe([...path, key])} is empty or in flow style`);
      const at = this.lastContentLineEnd(target.value);
      this.replace(at, at, shiftLines(withTrailingNewline(item), dashCol)!);
      return;
    }
    throw new MigrationRefused(`${describe([...path, key])} is absent`);
  }

  /** Replaces a pair (key line through value) with `lines`, given at column 0 and placed at the key's column. */
  replacePair(path: KeyPath, key: string, lines: string): void {
    const pair = this.pair(path, key);
    if (!pair) return;
    const [start, end] = this.pairLines(pair);
    const col = columnOf(this.text, pair.key.range![0]);
    this.replace(start, end, shiftLines(withTrailingNewline(lines), col)!);
  }

  /** The value lines of a pair (after the key line) at column 0, or its inline value text; with the key's column. */
  valueText(path: KeyPath, key: string): { inline: string | undefined; block: string; keyCol: number } | undefined {
    const pair = this.pair(path, key);
    if (!pair) return undefined;
    const keyCol = columnOf(this.text, pair.key.range![0]);
    const keyLineEnd = lineEnd(this.text, pair.key.range![1]);
    const value = pair.value;
    if (!value?.range) return { inline: undefined, block: '', keyCol };
    if (value.range[0] < keyLineEnd) {
      // On the key's line: flow collection or scalar (a block scalar's header starts there too).
      if (isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED')) throw new MigrationRefused(`${key} holds a block scalar`);
      const end = value.range[1];
      if (this.text.slice(value.range[0], end).includes('\n')) throw new MigrationRefused(`${key} spans lines`);
      return { inline: this.text.slice(value.range[0], end), block: '', keyCol };
    }
    const lines = this.text.slice(keyLineEnd, blockEnd(this.text, value.range[1]));
    const col = /^ */.exec(this.text.slice(lineStart(this.text, value.range[0])))![0].length;
    const block = shiftLines(lines, -col);
    if (block === undefined) throw new MigrationRefused(`the lines of ${key} are not indented alike`);
    return { inline: undefined, block, keyCol };
  }

  /**
   * `from: x` becomes the list `to: [x]` (written as a block list), or x joins the list `to` when there is one: first
   * when the old single field was merged before the list (helm-controller's valuesFile before valuesFiles), last when
   * it was appended after it (kustomize's generator env after envs).
   */
  scalarIntoList(path: KeyPath, from: string, to: string, where: 'start' | 'end' = 'start'): void {
    const value = this.valueText(path, from);
    if (!value) return;
    if (value.inline === undefined) throw new MigrationRefused(`${from} is not a single value`);
    const pair = this.pair(path, from)!;
    if (!this.has(path, to)) {
      const valueEnd = pair.value!.range![1];
      const rest = this.text.slice(valueEnd, lineEnd(this.text, valueEnd)).replace(/\n$/, '');
      this.replacePair(path, from, `${to}:\n  - ${value.inline}${rest}\n`);
      return;
    }
    const target = this.pair(path, to)!;
    if (!isSeq(target.value) || this.dashColumn(target.value) === undefined) throw new MigrationRefused(`${describe([...path, to])} is empty or in flow style`);
    const at = where === 'start' ? lineStart(this.text, (target.value.items[0] as Node).range![0]) : this.lastContentLineEnd(target.value);
    this.replace(at, at, `${' '.repeat(this.dashColumn(target.value)!)}- ${value.inline}\n`);
    this.deletePair(path, from);
  }

  /** Adds `key: <value text>` as the last pair of the block mapping at `path`, at the column of its keys. */
  appendPair(path: KeyPath, key: string, valueText: string): void {
    const map = this.map(path);
    if (!map || map.items.length === 0) throw new MigrationRefused(`${describe(path)} is empty`);
    if (this.has(path, key)) throw new MigrationRefused(`${describe([...path, key])} is set already`);
    const col = columnOf(this.text, (map.items[0]!.key as Node).range![0]);
    const at = this.lastContentLineEnd(map);
    this.replace(at, at, `${' '.repeat(col)}${key}: ${valueText}\n`);
  }

  /** End of the last line of a block node that is neither blank nor only a comment (comments after it stay after it). */
  private lastContentLineEnd(node: Node): number {
    let end = blockEnd(this.text, node.range![1]);
    for (;;) {
      const start = lineStart(this.text, end - 1);
      const line = this.text.slice(start, end).trim();
      if (line !== '' && !line.startsWith('#')) return end;
      if (start <= node.range![0]) return end;
      end = start;
    }
  }
}

function withTrailingNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

function describe(path: KeyPath): string {
  return path.length === 0 ? 'the document' : path.map(String).join('.');
}
