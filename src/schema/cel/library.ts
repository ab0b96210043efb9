/**
 * The CEL environment of Kubernetes validation rules: standard CEL (@marcbachmann/cel-js) plus the Kubernetes
 * extension libraries CRDs use (lists, strings, regex, url, quantity, ip/cidr). Functions throw on bad input;
 * the evaluator turns that into a skipped rule.
 */
import { Environment } from '@marcbachmann/cel-js';
import { CIDR, IPAddress } from './net.js';
import { Quantity } from './quantity.js';
import { goRegExp } from './regex.js';

/** Name the compiler gives `matches`: the built-in one uses JavaScript syntax, Kubernetes uses Go RE2. */
export const MATCHES_FUNCTION = 'k8sMatches';
/** Name the compiler gives `has`: the built-in macro refuses a selection on an index, `has(self.rules[0].path)`. */
export const HAS_MACRO = 'k8sHas';

/** The parts of the library's AST and macro interfaces this module uses. */
interface MacroNode {
  op: string;
  args: unknown[];
}
interface MacroCall {
  args: MacroNode[];
}
interface Checker {
  check(node: MacroNode, ctx: unknown): unknown;
  getType(name: string): unknown;
  createError(code: string, message: string, node: MacroNode): Error;
}
interface Evaluator {
  run(node: MacroNode, ctx: unknown): unknown;
}

type Comparable = bigint | number | string | boolean;

const isNumber = (x: unknown): x is bigint | number => typeof x === 'bigint' || typeof x === 'number';

/** CEL ordering: values of one type, or numbers of any kind (int and double compare by value). */
function compare(a: Comparable, b: Comparable): number {
  if (typeof a !== typeof b && !(isNumber(a) && isNumber(b))) throw new Error(`cannot compare ${typeof a} with ${typeof b}`);
  return a < b ? -1 : a > b ? 1 : 0;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumber(a) && isNumber(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal((a as never)[k], (b as never)[k]));
  }
  return false;
}

function extreme(list: Comparable[], sign: 1 | -1): Comparable {
  if (list.length === 0) throw new Error('min/max of an empty list');
  return list.reduce((best, x) => (compare(x, best) * sign > 0 ? x : best));
}

function findAll(s: string, pattern: string, limit: bigint): string[] {
  if (limit === 0n) return [];
  const re = goRegExp(pattern);
  const all = [...s.matchAll(new RegExp(re.source, `${re.flags}g`))].map((m) => m[0]);
  return limit < 0n ? all : all.slice(0, Number(limit));
}

function parseURL(text: string): URL {
  // Kubernetes takes absolute URIs and absolute paths.
  if (text.startsWith('/')) return new URL(text, 'relative:///');
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) throw new Error(`invalid URL: ${JSON.stringify(text)}`);
  return new URL(text);
}

function isValid(parse: (text: string) => unknown, text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * `has(e.f)`: whether field f of the value of e is set. Unlike the built-in macro, e may be any expression
 * (the CEL spec allows `has(list[0].f)`); an absent e is an error, as in the spec.
 */
function registerHas(env: Environment): void {
  const isPresent = (value: unknown, field: string): boolean => {
    if (value instanceof Map) return value.has(field);
    if (value && typeof value === 'object' && !Array.isArray(value)) return Object.hasOwn(value, field) && (value as Record<string, unknown>)[field] !== undefined;
    throw new Error(`has(): no field '${field}' on a ${Array.isArray(value) ? 'list' : typeof value}`);
  };
  env.registerFunction(`${HAS_MACRO}(ast): bool`, ({ args }: MacroCall) => ({
    typeCheck(checker: Checker, macro: MacroCall, ctx: unknown) {
      const [select] = macro.args;
      if (select?.op !== '.' || typeof select.args[1] !== 'string') throw checker.createError('invalid_macro_argument', 'has() takes a field selection', select!);
      checker.check(select.args[0] as MacroNode, ctx);
      return checker.getType('bool');
    },
    evaluate(evaluator: Evaluator, macro: MacroCall, ctx: unknown) {
      const select = macro.args[0]!;
      return isPresent(evaluator.run(select.args[0] as MacroNode, ctx), select.args[1] as string);
    },
    args,
  }));
}

function registerStrings(env: Environment): void {
  env
    .registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
      if (i < 0n || i > BigInt(s.length)) throw new Error(`charAt index ${i} out of range`);
      return s.charAt(Number(i));
    })
    .registerFunction('string.replace(string, string): string', (s: string, from: string, to: string) => s.split(from).join(to))
    .registerFunction('string.replace(string, string, int): string', (s: string, from: string, to: string, n: bigint) => {
      const parts = s.split(from);
      if (n < 0n || parts.length <= Number(n)) return parts.join(to);
      return parts.slice(0, Number(n) + 1).join(to) + from + parts.slice(Number(n) + 1).join(from);
    })
    .registerFunction('string.reverse(): string', (s: string) => [...s].reverse().join(''))
    .registerFunction(`string.${MATCHES_FUNCTION}(string): bool`, (s: string, p: string) => goRegExp(p).test(s))
    .registerFunction(`${MATCHES_FUNCTION}(string, string): bool`, (s: string, p: string) => goRegExp(p).test(s))
    .registerFunction('string.find(string): string', (s: string, p: string) => goRegExp(p).exec(s)?.[0] ?? '')
    .registerFunction('string.findAll(string): list<string>', (s: string, p: string) => findAll(s, p, -1n))
    .registerFunction('string.findAll(string, int): list<string>', findAll);
}

function registerLists(env: Environment): void {
  env
    .registerFunction('list.isSorted(): bool', (l: Comparable[]) => l.every((x, i) => i === 0 || compare(l[i - 1]!, x) <= 0))
    .registerFunction('list.sum(): dyn', (l: (bigint | number)[]) =>
      l.length === 0 ? 0n : l.reduce((a, b) => (typeof a === 'bigint' && typeof b === 'bigint' ? a + b : Number(a) + Number(b))),
    )
    .registerFunction('list.min(): dyn', (l: Comparable[]) => extreme(l, -1))
    .registerFunction('list.max(): dyn', (l: Comparable[]) => extreme(l, 1))
    .registerFunction('list.indexOf(dyn): int', (l: unknown[], x: unknown) => BigInt(l.findIndex((y) => equal(x, y))))
    .registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], x: unknown) => BigInt(l.findLastIndex((y) => equal(x, y))));
}

function registerURLs(env: Environment): void {
  env
    .registerType('URL', URL)
    .registerFunction('isURL(string): bool', (s: string) => isValid(parseURL, s))
    .registerFunction('url(string): URL', parseURL)
    .registerFunction('URL.getScheme(): string', (u: URL) => (u.protocol === 'relative:' ? '' : u.protocol.slice(0, -1)))
    .registerFunction('URL.getHost(): string', (u: URL) => u.host)
    .registerFunction('URL.getHostname(): string', (u: URL) => u.hostname.replace(/^\[(.*)\]$/, '$1'))
    .registerFunction('URL.getPort(): string', (u: URL) => u.port)
    .registerFunction('URL.getEscapedPath(): string', (u: URL) => u.pathname)
    .registerFunction('URL.getQuery(): map<string, list<string>>', (u: URL) => {
      const query: Record<string, string[]> = {};
      for (const [k, v] of u.searchParams) (query[k] ??= []).push(v);
      return query;
    });
}

function registerQuantities(env: Environment): void {
  const add = (q: Quantity, x: Quantity | bigint) => new Quantity(q.nanos + (typeof x === 'bigint' ? Quantity.parse(String(x)).nanos : x.nanos));
  const sub = (q: Quantity, x: Quantity | bigint) => new Quantity(q.nanos - (typeof x === 'bigint' ? Quantity.parse(String(x)).nanos : x.nanos));
  env
    .registerType('Quantity', Quantity)
    .registerFunction('isQuantity(string): bool', (s: string) => Quantity.isValid(s))
    .registerFunction('quantity(string): Quantity', (s: string) => Quantity.parse(s))
    .registerFunction('Quantity.isInteger(): bool', (q: Quantity) => q.isInteger())
    .registerFunction('Quantity.asInteger(): int', (q: Quantity) => q.asInteger())
    .registerFunction('Quantity.asApproximateFloat(): double', (q: Quantity) => q.asApproximateFloat())
    .registerFunction('Quantity.sign(): int', (q: Quantity) => q.sign())
    .registerFunction('Quantity.compareTo(Quantity): int', (q: Quantity, o: Quantity) => q.compareTo(o))
    .registerFunction('Quantity.isGreaterThan(Quantity): bool', (q: Quantity, o: Quantity) => q.compareTo(o) > 0n)
    .registerFunction('Quantity.isLessThan(Quantity): bool', (q: Quantity, o: Quantity) => q.compareTo(o) < 0n)
    .registerFunction('Quantity.add(Quantity): Quantity', add)
    .registerFunction('Quantity.add(int): Quantity', add)
    .registerFunction('Quantity.sub(Quantity): Quantity', sub)
    .registerFunction('Quantity.sub(int): Quantity', sub);
}

function registerNetworks(env: Environment): void {
  const ip = (x: string | IPAddress) => (typeof x === 'string' ? IPAddress.parse(x) : x);
  const cidr = (x: string | CIDR) => (typeof x === 'string' ? CIDR.parse(x) : x);
  env
    .registerType('IP', IPAddress)
    .registerType('CIDR', CIDR)
    .registerFunction('isIP(string): bool', (s: string) => isValid(IPAddress.parse, s))
    .registerFunction('ip(string): IP', (s: string) => IPAddress.parse(s))
    .registerFunction('string(IP): string', (x: IPAddress) => x.toString())
    .registerFunction('IP.family(): int', (x: IPAddress) => BigInt(x.family))
    .registerFunction('IP.isUnspecified(): bool', (x: IPAddress) => x.isUnspecified())
    .registerFunction('IP.isLoopback(): bool', (x: IPAddress) => x.isLoopback())
    .registerFunction('IP.isLinkLocalMulticast(): bool', (x: IPAddress) => x.isLinkLocalMulticast())
    .registerFunction('IP.isLinkLocalUnicast(): bool', (x: IPAddress) => x.isLinkLocalUnicast())
    .registerFunction('IP.isGlobalUnicast(): bool', (x: IPAddress) => x.isGlobalUnicast())
    .registerFunction('isCIDR(string): bool', (s: string) => isValid(CIDR.parse, s))
    .registerFunction('cidr(string): CIDR', (s: string) => CIDR.parse(s))
    .registerFunction('string(CIDR): string', (x: CIDR) => x.toString())
    .registerFunction('CIDR.ip(): IP', (x: CIDR) => x.address)
    .registerFunction('CIDR.masked(): CIDR', (x: CIDR) => x.masked())
    .registerFunction('CIDR.prefixLength(): int', (x: CIDR) => BigInt(x.prefixLength))
    .registerFunction('CIDR.containsIP(string): bool', (x: CIDR, y: string) => x.containsIP(ip(y)))
    .registerFunction('CIDR.containsIP(IP): bool', (x: CIDR, y: IPAddress) => x.containsIP(y))
    .registerFunction('CIDR.containsCIDR(string): bool', (x: CIDR, y: string) => x.containsCIDR(cidr(y)))
    .registerFunction('CIDR.containsCIDR(CIDR): bool', (x: CIDR, y: CIDR) => x.containsCIDR(y));
}

/** A fresh environment: `self` (and any other name) is dynamic, optional syntax (`?.`, `orValue`) is on. */
export function kubernetesEnvironment(): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  registerHas(env);
  registerStrings(env);
  registerLists(env);
  registerURLs(env);
  registerQuantities(env);
  registerNetworks(env);
  return env;
}
