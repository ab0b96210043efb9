/** Public API of the loader. (Signatures fixed; implementation in progress.) */
import type { Location } from '../finding.js';
import type { LoadedRepo, PathSegment, SourceFile, YamlDocument } from './types.js';

export type * from './types.js';

export interface LoadOptions {
  /** picomatch globs, repo-relative: files never read (reported as skipped 'ignored'). */
  ignore?: string[];
  /** Files larger than this are not parsed (default 10 MiB). */
  maxFileBytes?: number;
}

export async function loadRepo(_root: string, _options: LoadOptions = {}): Promise<LoadedRepo> {
  throw new Error('loadRepo: not implemented yet');
}

/** 1-based line and column of an offset in a file. */
export function positionAt(_file: SourceFile, _offset: number): { line: number; column: number } {
  throw new Error('not implemented yet');
}

/**
 * Location of the node at `path` in `doc`: the key when target is 'key' (default for mapping entries), else the value.
 * Falls back to the nearest existing ancestor, and to the document start for an empty path.
 */
export function locate(_repo: LoadedRepo, _doc: YamlDocument, _path: PathSegment[], _target: 'key' | 'value' = 'key'): Location {
  throw new Error('not implemented yet');
}

/**
 * Resolve `ref` (as written in a kustomization or Flux path) against repo-relative directory `fromDir`.
 * Pure string work, never touches the disk. Returns the normalized repo-relative path ('' = root)
 * or why it cannot be used.
 */
export function resolveRepoPath(
  _fromDir: string,
  _ref: string,
): { status: 'inside'; path: string } | { status: 'outside-repo' | 'absolute' } {
  throw new Error('not implemented yet');
}
