/** Offsets <-> 1-based line/column, and Locations for ranges of a file. */
import type { Location } from '../finding.js';

/** Offsets of the first character of each line (lines end at '\n'; a CRLF's '\r' stays on its line). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** 1-based line and column of `offset`, by binary search on lineStarts. */
export function positionIn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export function rangeLocation(file: string, lineStarts: readonly number[], start: number, end: number): Location {
  const s = positionIn(lineStarts, start);
  const e = positionIn(lineStarts, Math.max(start, end));
  return { file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** Where a whole-file problem points: the first character. */
export function fileLocation(file: string): Location {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
