/**
 * Line-level text helpers for migrations. Migrations move whole lines and shift them, so every comment on a moved
 * line moves with it and nothing else of the file is re-serialized.
 */
import type { Fix } from '../../finding.js';

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the newline ending the line holding `offset` (the text's length on the last line). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The end of a block that ends at `end` (yaml's node end): the start of the next line, or the end of the text. */
export function blockEnd(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  return lineEnd(text, end);
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Shifts every non-blank line of `block` right (delta > 0) or left; undefined when a line lacks the spaces to remove. */
export function shiftLines(block: string, delta: number): string | undefined {
  if (delta === 0) return block;
  const lines = block.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') out.push(line);
    else if (delta > 0) out.push(' '.repeat(delta) + line);
    else if (/^ */.exec(line)![0].length >= -delta) out.push(line.slice(-delta));
    else return undefined;
  }
  return out.join('\n');
}

/** Ensures a block of lines ends with a newline (the last line of a file may have none). */
export function withNewline(block: string): string {
  return block.endsWith('\n') || block === '' ? block : `${block}\n`;
}

/**
 * Comments in a text, counted as lines holding a `#` that starts a comment (at the line start or after a space);
 * a comment moved into a block scalar (a patch written as text) still counts, as it is still there to read.
 */
export function commentCount(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (/(^|\s)#/.test(line)) n++;
  return n;
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept), offset by `base`. */
export function smallestFix(before: string, after: string, base: number): Fix {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { range: [base + start, base + before.length - end], text: after.slice(start, after.length - end) };
}
