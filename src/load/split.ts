/**
 * Splits a YAML stream into documents at `---` / `...` markers (column 0, then whitespace or end of line), so each
 * document is parsed on its own and a syntax error in one does not lose the others.
 */

export interface DocumentChunk {
  /** Offset where the parser starts (a `---` marker, or leading directives). */
  start: number;
  end: number;
}

function isMarkerEnd(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return Number.isNaN(c) || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Offsets of marker lines (`---` or `...` at a line start), found with indexOf: far cheaper than visiting every line. */
function findMarkers(text: string, marker: '---' | '...'): number[] {
  const found: number[] = [];
  if (text.startsWith(marker) && isMarkerEnd(text, 3)) found.push(0);
  const needle = `\n${marker}`;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    if (isMarkerEnd(text, i + 4)) found.push(i + 1);
  }
  return found;
}

/** What [start, end) holds: nothing (blank lines, comments), only directives (`%` lines), or content. */
function chunkContent(text: string, start: number, end: number): 'none' | 'directives' | 'content' {
  let found: 'none' | 'directives' = 'none';
  let i = start;
  while (i < end) {
    const lineStart = i === start || text.charCodeAt(i - 1) === 0x0a;
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) {
      i++;
    } else if (c === 0x23 /* # */ || (c === 0x25 /* % */ && lineStart)) {
      if (c === 0x25) found = 'directives';
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? end : nl + 1;
    } else {
      return 'content';
    }
  }
  return found;
}

export function splitDocuments(text: string): DocumentChunk[] {
  const starts = findMarkers(text, '---');
  const ends = findMarkers(text, '...');
  // Every chunk: [start, end), and whether it began with `---` (then it is a document even when empty).
  const raw: { start: number; end: number; explicit: boolean }[] = [];
  let cur = { start: 0, explicit: false };
  for (let s = 0, e = 0; s < starts.length || e < ends.length; ) {
    const nextStart = starts[s] ?? Infinity;
    const nextEnd = ends[e] ?? Infinity;
    if (nextStart < nextEnd) {
      raw.push({ ...cur, end: nextStart });
      cur = { start: nextStart, explicit: true };
      s++;
    } else {
      raw.push({ ...cur, end: nextEnd });
      const nl = text.indexOf('\n', nextEnd);
      cur = { start: nl === -1 ? text.length : nl + 1, explicit: false };
      e++;
    }
  }
  raw.push({ ...cur, end: text.length });

  const chunks: DocumentChunk[] = [];
  let pendingDirectives: number | undefined;
  for (const c of raw) {
    if (c.explicit) {
      chunks.push({ start: pendingDirectives ?? c.start, end: c.end });
      pendingDirectives = undefined;
      continue;
    }
    const content = chunkContent(text, c.start, c.end);
    if (content === 'content') chunks.push({ start: c.start, end: c.end });
    else if (content === 'directives') pendingDirectives = c.start;
  }
  // A file of only comments is one empty document; a file of only whitespace has none.
  if (chunks.length === 0 && /\S/.test(text)) chunks.push({ start: 0, end: text.length });
  return chunks;
}
