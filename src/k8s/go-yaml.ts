/**
 * How the two Go YAML readers on a Flux repository's path resolve a plain (unquoted, untagged) scalar, ported from
 * their sources (kubernetes-sigs/yaml goyaml.v2/resolve.go and goyaml.v3/resolve.go, forks of go-yaml v2.4 and v3):
 *  - go-yaml v2, through sigs.k8s.io/yaml: `kubectl apply -f`, Helm values files, and kustomize's own reading of
 *    kustomization files and JSON 6902 patches;
 *  - go-yaml v3, through kyaml: kustomize's reading of resources and strategic-merge patches, so Flux's
 *    kustomize-controller and `kubectl kustomize`.
 * Both read numbers alike (strconv.ParseInt with base 0 after dropping `_`: `0755` and `0o755` are 493, `0x1F` is 31,
 * `1_000` is 1000) and neither has base-60 numbers (`12:30` is a string). They differ on the YAML 1.1 boolean words
 * (booleans for v2 only) and on timestamps: v2 decodes `2024-01-01` into interface{} as its text, v3 as a time.Time
 * that encoding/json writes in RFC 3339 (goyaml.v2 decode.go `scalar`, "for backward compatibility ... TODO(v3) Drop this").
 */

/** The YAML 1.1 boolean words go-yaml v2 resolves (resolveMapList) and go-yaml v3 leaves as strings. */
export const YAML11_BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

/** Booleans and nulls both readers resolve (resolveMapList). */
export const CORE_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['true', 'True', 'TRUE'].map((w) => [w, true] as const),
  ...['false', 'False', 'FALSE'].map((w) => [w, false] as const),
]);
export const NULL_WORDS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);

const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((w) => [w, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w) => [w, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((w) => [w, -Infinity] as const),
]);

/** strconv.ParseInt(s, 0, 64) syntax: sign, then 0x / 0o / 0b prefixes (either case), a leading 0 for octal, else decimal. */
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|(0|[1-9][0-9]*))$/;
/** resolve.go yamlStyleFloat, matched after dropping `_`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** The `.` hint: strconv.ParseFloat on the text as written (no `_` dropped). */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

/** The number both Go readers make of a plain scalar, or undefined when they read something else. */
export function goNumber(s: string): number | undefined {
  const c = s.charCodeAt(0);
  const special = SPECIAL_FLOATS.get(s);
  if (special !== undefined) return special;
  if (c === 0x2e /* . */) return DOT_FLOAT.test(s) ? Number(s) : undefined;
  const isSign = c === 0x2b || c === 0x2d;
  if (!isSign && !(c >= 0x30 && c <= 0x39)) return undefined;
  if (goTimestamp(s) !== undefined) return undefined; // tried first by both readers
  const plain = s.includes('_') ? s.replaceAll('_', '') : s;
  const int = GO_INT.exec(plain);
  if (int) {
    const [, sign, hex, oct, bin, legacyOct, dec] = int;
    const magnitude =
      hex !== undefined ? parseInt(hex, 16) : oct !== undefined ? parseInt(oct, 8) : bin !== undefined ? parseInt(bin, 2) : legacyOct !== undefined ? parseInt(legacyOct, 8) : Number(dec);
    return sign === '-' ? -magnitude : magnitude;
  }
  if (!YAML_STYLE_FLOAT.test(plain)) return undefined;
  const value = Number(plain);
  // strconv.ParseFloat fails on overflow, and the scalar stays a string.
  return Number.isFinite(value) ? value : undefined;
}

/** Layouts of resolve.go allowedTimestampFormats, as time.Parse reads them (1-2 digit fields, `.` or `,` fractions). */
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[-+]\d{2}:\d{2})?)?$/;

const pad = (n: number): string => String(n).padStart(2, '0');

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * What go-yaml v3 makes of a timestamp-like plain scalar, as encoding/json writes the time.Time (RFC 3339 with
 * nanoseconds, trailing zeros dropped, `Z` for a zero offset); undefined when time.Parse rejects every layout.
 */
export function goTimestamp(s: string): string | undefined {
  if (s.length < 8 || s.charCodeAt(4) !== 0x2d /* - */) return undefined;
  const m = TIMESTAMP.exec(s);
  if (!m) return undefined;
  const [, year, month, day, separator, hour, minute, second, fraction, zone] = m;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y)) return undefined;
  const date = `${year}-${pad(mo)}-${pad(d)}`;
  if (separator === undefined) return `${date}T00:00:00Z`;
  // "2006-1-2T..." and "2006-1-2t..." carry a zone; the space-separated layout has none (UTC).
  if ((separator === ' ') === (zone !== undefined)) return undefined;
  const [h, mi, sec] = [Number(hour), Number(minute), Number(second)];
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  const nanos = (fraction ?? '').slice(0, 9).replace(/0+$/, '');
  const offset = zone === undefined || zone === 'Z' ? 0 : offsetMinutes(zone);
  if (offset === undefined) return undefined;
  const z = offset === 0 ? 'Z' : zone!;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(sec)}${nanos ? `.${nanos}` : ''}${z}`;
}

/** Minutes of a `+hh:mm` offset; undefined when time.Parse rejects it (hour above 24, minutes above 60). */
function offsetMinutes(zone: string): number | undefined {
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 24 || minutes > 60) return undefined;
  return (hours * 60 + minutes) * (zone.startsWith('-') ? -1 : 1);
}

/** What go-yaml v3 (kustomize, Flux) decodes a plain scalar into; `time` is a timestamp, written as RFC 3339. */
export type GoValue =
  | { type: 'string'; value: string }
  | { type: 'time'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'number'; value: number }
  | { type: 'null' };

/** The value go-yaml v2 resolves a plain scalar to, as sigs.k8s.io/yaml hands it on: a timestamp stays its text. */
export function resolveV2(s: string): Exclude<GoValue, { type: 'time' }> {
  if (NULL_WORDS.has(s)) return { type: 'null' };
  const bool = CORE_BOOLEANS.get(s) ?? YAML11_BOOLEAN_WORDS.get(s);
  if (bool !== undefined) return { type: 'boolean', value: bool };
  const number = goNumber(s);
  return number === undefined ? { type: 'string', value: s } : { type: 'number', value: number };
}

/** The value go-yaml v3 resolves a plain scalar to (resolve.go `resolve` with an empty tag). */
export function resolveV3(s: string): GoValue {
  if (NULL_WORDS.has(s)) return { type: 'null' };
  const bool = CORE_BOOLEANS.get(s);
  if (bool !== undefined) return { type: 'boolean', value: bool };
  const time = goTimestamp(s);
  if (time !== undefined) return { type: 'time', value: time };
  const number = goNumber(s);
  return number === undefined ? { type: 'string', value: s } : { type: 'number', value: number };
}
