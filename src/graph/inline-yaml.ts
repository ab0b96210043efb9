/**
 * YAML written inside a string of another YAML file (`patch: |`): parsed as the loader parses files (YAML 1.2 core,
 * as kustomize and Flux read it). Undefined when it does not parse: the build fails there and the schema rules say why.
 */
import { parseValue } from '../load/tree.js';

export function parseInlineYaml(text: string): unknown {
  try {
    return parseValue(text, 0, text.length);
  } catch {
    return undefined;
  }
}
