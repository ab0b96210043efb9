/** Locations of nodes in documents, by path. */
import type { Location } from '../finding.js';
import { rangeLocation } from './positions.js';
import type { LoadedRepo, PathSegment, YamlDocument, YNode } from './types.js';

/**
 * The node at `path` in `doc`: the key of a mapping entry when target is 'key', else its value.
 * String segments match mapping keys (the last duplicate, like the parsed value), numbers index sequences.
 * A path that does not exist falls back to the key (or item) of its nearest existing ancestor.
 */
export function locateNode(doc: YamlDocument, path: readonly PathSegment[], target: 'key' | 'value'): { start: number; end: number } {
  const root = doc.root;
  if (!root) return { start: doc.start, end: doc.start };
  if (path.length === 0) return root.entries?.[0]?.keyNode ?? root;
  let node: YNode = root;
  let pointAt: YNode = root.entries?.[0]?.keyNode ?? root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (typeof segment === 'string' && node.entries) {
      const entry = node.entries.findLast((e) => e.key === segment);
      if (!entry) return pointAt;
      if (last) return target === 'key' ? entry.keyNode : entry.value;
      node = entry.value;
      pointAt = entry.keyNode;
    } else if (typeof segment === 'number' && node.items) {
      const item = node.items[segment];
      if (!item) return pointAt;
      node = item;
      pointAt = item;
    } else {
      return pointAt;
    }
  }
  return node;
}

/** The position tree of the value at `path` (the last of duplicate keys, like the parsed value); undefined when absent. */
export function nodeAt(root: YNode | undefined, path: readonly PathSegment[]): YNode | undefined {
  let node = root;
  for (const segment of path) {
    node = typeof segment === 'number' ? node?.items?.[segment] : node?.entries?.findLast((e) => e.key === segment)?.value;
  }
  return node;
}

export function locateIn(repo: LoadedRepo, doc: YamlDocument, path: readonly PathSegment[], target: 'key' | 'value'): Location {
  const file = repo.fileMap.get(doc.file);
  if (!file) return { file: doc.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const { start, end } = locateNode(doc, path, target);
  return rangeLocation(doc.file, file.lineStarts, start, end);
}
