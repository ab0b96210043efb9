/**
 * YAML 1.1 as Kubernetes tools read it: sigs.k8s.io/yaml is go-yaml v2, so `yes`/`on`/`y` are booleans (go-yaml.ts
 * has the readers' rules and their sources).
 */
import { resolveV2 } from './go-yaml.js';

/** A plain (unquoted) scalar as go-yaml v2 resolves it: null, boolean, number, or the string itself. */
export function resolveYaml11Plain(text: string): unknown {
  const value = resolveV2(text);
  return value.type === 'null' ? null : value.value;
}
