/**
 * Patches written as YAML strings inside another YAML file (`patch: |`): parsed with positions, so a finding can
 * point at the exact line of the file when the string is a literal block scalar, whose lines are the file's lines
 * minus the block's indentation. Other scalar styles (folded, quoted) give no such mapping.
 */
import type { Location } from '../../finding.js';
import { locateNode } from '../../load/locate.js';
import { computeLineStarts, positionIn } from '../../load/positions.js';
import type { PathSegment, YamlDocument, YNode } from '../../load/types.js';

/** Offsets (in the patch string) of the node at `path` of a patch document, as locate() finds nodes in files. */
export function nodeRange(root: YNode, path: PathSegment[], target: 'key' | 'value'): { start: number; end: number } {
  return locateNode({ root, start: 0 } as YamlDocument, path, target);
}

/**
 * Maps offsets of a literal block scalar's content to file locations; undefined for other scalars and for blocks
 * with an explicit indentation indicator.
 */
export function literalBlockMapper(
  file: { path: string; text: string; lineStarts: number[] },
  node: YNode,
): ((patchText: string, start: number, end: number) => Location) | undefined {
  if (node.kind !== 'scalar' || node.style !== 'block' || file.text[node.start] !== '|') return undefined;
  const headerEnd = file.text.indexOf('\n', node.start);
  if (headerEnd < 0 || /\d/.test(file.text.slice(node.start, headerEnd).replace(/#.*/, ''))) return undefined;
  const indicator = positionIn(file.lineStarts, node.start);
  const firstContent = /^( *)\S/m.exec(file.text.slice(headerEnd + 1, node.end));
  if (!firstContent) return undefined;
  const indent = firstContent[1]!.length;
  return (patchText, start, end) => {
    const lineStarts = computeLineStarts(patchText);
    const at = (offset: number) => {
      const p = positionIn(lineStarts, offset);
      return { line: indicator.line + p.line, column: indent + p.column };
    };
    const s = at(start);
    const e = at(Math.max(start, end));
    return { file: file.path, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
}
