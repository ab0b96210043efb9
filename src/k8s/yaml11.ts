/**
 * YAML 1.1 as Kubernetes tools read it (sigs.k8s.io/yaml is go-yaml v2): `yes`/`on`/`y` are booleans, `0x1F` and
 * `0755` integers. kustomize and Flux's YAML parser read YAML 1.2, where these are strings or other numbers.
 */

/** Booleans only YAML 1.1 has (YAML 1.2 reads them as strings). */
export const YAML11_ONLY_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
export const YAML11_ONLY_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const YAML11_TRUE = new Set([...YAML11_ONLY_TRUE, 'true', 'True', 'TRUE']);
const YAML11_FALSE = new Set([...YAML11_ONLY_FALSE, 'false', 'False', 'FALSE']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

/** A plain (unquoted) scalar as go-yaml v2 resolves it: null, boolean, number, or the string itself. */
export function resolveYaml11Plain(text: string): unknown {
  if (NULLS.has(text)) return null;
  if (YAML11_TRUE.has(text)) return true;
  if (YAML11_FALSE.has(text)) return false;
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
  const digits = text.replaceAll('_', '');
  if (INT.test(digits)) {
    const sign = digits.startsWith('-') ? -1 : 1;
    const body = digits.replace(/^[-+]/, '');
    const n = /^0[0-7]+$/.test(body) ? parseInt(body, 8) : Number(body.replace(/^0[oO]/, '0o'));
    return sign * n;
  }
  if (FLOAT.test(digits) && /[0-9]/.test(digits)) return Number(digits);
  return text;
}
