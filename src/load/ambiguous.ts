/**
 * Plain scalars that the two Go YAML readers on a Flux repository's path (src/k8s/go-yaml.ts) turn into different values:
 * kustomize and Flux (go-yaml v3 through kyaml) versus `kubectl apply -f` and other sigs.k8s.io/yaml readers
 * (go-yaml v2). Numbers are read alike (`0755` is 493 for both), so only these cases differ, each checked against
 * `kubectl kustomize` in test/load/go-yaml-kubectl.test.ts:
 *  - a YAML 1.1 boolean word (`on`, `yes`, `n`, ...): a string for Flux, a boolean for kubectl (as a key: the key
 *    "on" for Flux, "true" for kubectl, since sigs.k8s.io/yaml turns boolean keys into strings);
 *  - a value go-yaml v3 reads as a timestamp (`2024-01-01`): Flux sends it re-written as RFC 3339
 *    ("2024-01-01T00:00:00Z"), kubectl as written;
 *  - a mapping key go-yaml v3 does not read as a string (`9000:`, `true:`, `2024-01-01:`): kustomize cannot turn the
 *    map into JSON and the build fails (kyaml RNode.MarshalJSON: "json: unsupported type: map[interface {}]interface {}",
 *    kubernetes-sigs/kustomize#3446), while kubectl makes the key a string;
 *  - an annotation value that is not a string for kubectl (`true`, `9090`, `0755`, `on`): kustomize writes annotation
 *    values back as their text (annotations.ts), so Flux sends "true", while kubectl sends a boolean or a number,
 *    which the API server rejects.
 */
import { goTimestamp, resolveV2, resolveV3, YAML11_BOOLEAN_WORDS, type GoValue } from '../k8s/go-yaml.js';

export type Ambiguity =
  /** A YAML 1.1 boolean word: the string `text` for Flux, the boolean `kubectl` for kubectl. */
  | { kind: 'boolean-word'; role: 'key' | 'value'; text: string; kubectl: boolean }
  /** A timestamp value: `flux` is the string Flux sends, kubectl sends `text`. */
  | { kind: 'timestamp'; text: string; flux: string }
  /** A key Flux reads as `flux`, which is not a string: the kustomize build fails. */
  | { kind: 'non-string-key'; text: string; flux: Exclude<GoValue, { type: 'string' }> }
  /** An annotation value: the string `text` for Flux, `kubectl` (not a string) for kubectl. */
  | { kind: 'annotation'; text: string; kubectl: Exclude<GoValue, { type: 'string' | 'time' }> };

/** Where a plain scalar may start: a line's indentation, after `- `, `: `, `? `, or a flow indicator; then an anchor. */
const SCALAR_START = '(?:^[ \\t]*|[-:?][ \\t]+|[\\[{,][ \\t]*)(?:&\\S+[ \\t]+)?';
/** Where it ends: the line's end, a comment, a flow indicator, or `: ` when it is a key. */
const SCALAR_END = '[ \\t\\r]*(?:$|#|,|\\]|\\}|:(?:[ \\t]|$))';
const KEY_END = '[ \\t]*:(?:[ \\t]|$)';

/**
 * Does `text` possibly hold an ambiguous plain scalar: a boolean word, a timestamp, or a key that starts like a number
 * or is a boolean or null word? A superset test, so that most documents need no position tree.
 */
export const MAY_HOLD_AMBIGUITY = new RegExp(
  `${SCALAR_START}(?:` +
    [
      `(?:${[...YAML11_BOOLEAN_WORDS.keys()].join('|')})${SCALAR_END}`,
      `\\d{4}-\\d\\d?-\\d\\d?(?:[Tt ][^\\n#]*)?${SCALAR_END}`,
      `(?:(?:[-+](?=[.0-9])|[.~0-9])[^:\\n]*|true|True|TRUE|false|False|FALSE|null|Null|NULL)${KEY_END}`,
    ].join('|') +
    ')',
  'm',
);

/**
 * The ambiguity of the plain scalar `text` (properties such as `&anchor` already skipped), if any. An `annotation`
 * is the value of an annotation kustomize writes back as text (annotations.ts isAnnotationValuePath).
 */
export function ambiguityOf(text: string, role: 'key' | 'value' | 'annotation'): Ambiguity | undefined {
  if (role === 'annotation') {
    const kubectl = resolveV2(text);
    // An empty value is "" for kubectl too (JSON null into a map of strings).
    return kubectl.type === 'string' || text === '' ? undefined : { kind: 'annotation', text, kubectl };
  }
  const kubectl = YAML11_BOOLEAN_WORDS.get(text);
  if (kubectl !== undefined) return { kind: 'boolean-word', role, text, kubectl };
  if (role === 'value') {
    const flux = goTimestamp(text);
    return flux !== undefined && flux !== text ? { kind: 'timestamp', text, flux } : undefined;
  }
  const flux = resolveV3(text);
  // A null key fails in both readers (sigs.k8s.io/yaml: "unsupported map key of type nil"): not an ambiguity.
  if (flux.type === 'string' || flux.type === 'null') return undefined;
  return { kind: 'non-string-key', text, flux };
}
