/**
 * YAML written as a string inside another YAML file (kustomize and Flux `patch: |`): the one parser for it, with the
 * loader's schema for objects (go-schemas.ts: what kustomize's kyaml reads) and strict about duplicate keys,
 * which kustomize rejects while the position parser would keep the last one.
 */
import yaml from 'js-yaml';
import { splitDocuments } from './split.js';
import { parseAllStrict, parseDocument } from './tree.js';
import type { YNode } from './types.js';

/** One document of the string; `root` (offsets into the string) when positions were asked for. */
export interface InlineDocument {
  value: unknown;
  root?: YNode;
}

export type InlineYaml =
  | { documents: InlineDocument[] }
  /** `offset`: of the error in the string, when known. */
  | { error: { message: string; offset?: number } };

export function parseInlineYaml(text: string, options: { positions?: boolean } = {}): InlineYaml {
  let values: unknown[];
  try {
    values = parseAllStrict(text);
  } catch (err) {
    const mark = err instanceof yaml.YAMLException ? err.mark : undefined;
    if (!mark) return { error: { message: String(err) } };
    return { error: { message: `${(err as yaml.YAMLException).reason} (line ${mark.line + 1} of the patch)`, offset: mark.position } };
  }
  if (!options.positions) return { documents: values.map((value) => ({ value })) };
  try {
    return { documents: splitDocuments(text).map((chunk) => parseDocument(text, chunk.start, chunk.end)) };
  } catch {
    return { documents: [] };
  }
}
