/** The Kubernetes CEL environment: extension functions, Go regular expressions, rule compilation. */
import { describe, expect, it } from 'vitest';
import { compileRule } from '../../src/schema/cel/index.js';
import { goRegExp } from '../../src/schema/cel/regex.js';
import { Quantity } from '../../src/schema/cel/quantity.js';

function run(rule: string, self: unknown = null): unknown {
  const compiled = compileRule(rule);
  if (!compiled.ok) throw new Error(`not compiled: ${compiled.reason}`);
  return compiled.run(self);
}

describe('Kubernetes CEL extension libraries', () => {
  it.each([
    // strings
    ["'abc'.charAt(1)", 'b'],
    ["'a.b.c'.replace('.', '-')", 'a-b-c'],
    ["'a.b.c'.replace('.', '-', 1)", 'a-b.c'],
    ["'abc'.reverse()", 'cba'],
    ["' x '.trim() + 'ABC'.lowerAscii()", 'xabc'],
    ["['a', 'b'].join('/')", 'a/b'],
    // lists
    ['[1, 2, 2].isSorted()', true],
    ['[3, 1].isSorted()', false],
    ['[1, 2, 3].sum()', 6n],
    ['[4, 9, 1].max()', 9n],
    ["['b', 'a'].min()", 'a'],
    ['[1, 2, 1].indexOf(1)', 0n],
    ['[1, 2, 1].lastIndexOf(1)', 2n],
    ['[1, 2].indexOf(7)', -1n],
    // regex, Go syntax
    ["'Foo.Bar'.matches('(?i)^foo\\\\.bar$')", true],
    ["matches('abc', '^a')", true],
    ["'x1y22'.find('[0-9]+')", '1'],
    ["'x1y22'.findAll('[0-9]+')", ['1', '22']],
    ["'x1y22z3'.findAll('[0-9]+', 2)", ['1', '22']],
    ["'ab'.matches('^[[:alpha:]]+$')", true],
    // url
    ["url('https://example.com:8443/a/b?x=1&x=2').getPort()", '8443'],
    ["url('https://example.com/a').getHostname()", 'example.com'],
    ["url('https://example.com/a').getScheme()", 'https'],
    ["url('https://example.com/a?x=1&x=2').getQuery()['x']", ['1', '2']],
    ["isURL('not a url')", false],
    ["url('/just/a/path').getEscapedPath()", '/just/a/path'],
    // quantity
    ["quantity('1Gi').isGreaterThan(quantity('1000Mi'))", true],
    ["quantity('500m').isLessThan(quantity('1'))", true],
    ["quantity('1.5k').asInteger()", 1500n],
    ["quantity('2').add(quantity('500m')).compareTo(quantity('2.5'))", 0n],
    ["isQuantity('1.5Gi')", true],
    ["isQuantity('1.5 Gi')", false],
    ["quantity('-1').sign()", -1n],
    // ip / cidr
    ["isIP('10.0.0.1')", true],
    ["isIP('010.0.0.1')", false],
    ["isIP('fe80::1%eth0')", false],
    ["ip('::1').isLoopback()", true],
    ["ip('2001:db8::1').family()", 6n],
    ["ip('8.8.8.8').isGlobalUnicast()", true],
    ["cidr('10.0.0.0/8').containsIP('10.1.2.3')", true],
    ["cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))", false],
    ["cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", true],
    ["string(cidr('10.1.2.3/8').masked())", '10.0.0.0/8'],
    ["string(ip('2001:db8:0:0:0:0:0:1'))", '2001:db8::1'],
    ["cidr('192.168.0.0/24').prefixLength()", 24n],
    ["isCIDR('10.0.0.0/33')", false],
    // standard CEL the bundled rules use
    ["duration('1m') > duration('30s')", true],
    ['self.?missing.orValue("fallback")', 'fallback'],
  ])('%s', (rule, expected) => {
    expect(run(rule, {})).toEqual(expected);
  });

  it('binds self', () => {
    expect(run('self.all(l1, self.exists_one(l2, l1.name == l2.name))', [{ name: 'a' }, { name: 'b' }])).toBe(true);
    expect(run('self.all(l1, self.exists_one(l2, l1.name == l2.name))', [{ name: 'a' }, { name: 'a' }])).toBe(false);
  });

  it('has() takes a field of any expression, as the CEL spec allows', () => {
    const rule = "size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type == 'PathPrefix'";
    expect(run(rule, { matches: [{ path: { type: 'Exact' } }] })).toBe(false);
    expect(run(rule, { matches: [{ headers: [] }] })).toBe(true);
    expect(run('has(self.a.b)', { a: {} })).toBe(false);
    expect(() => run('has(self.a.b)', {})).toThrow(/No such key: a/);
    expect(compileRule('has(self)')).toMatchObject({ ok: false });
  });

  it('leaves text inside string literals alone when renaming matches()', () => {
    expect(run(`self == "x.matches(y)" && 'matches('.size() == 8`, 'x.matches(y)')).toBe(true);
    expect(run(`self.matches(r"""^(?i)a\\.b$""")`, 'A.B')).toBe(true);
  });

  it('does not compile transition rules, unknown functions or syntax errors', () => {
    expect(compileRule('self == oldSelf')).toMatchObject({ ok: false, transition: true });
    expect(compileRule("format.named('dns1123Label').value().validate(self).hasValue()")).toMatchObject({ ok: false, transition: false });
    expect(compileRule('nosuchfunction(self)')).toMatchObject({ ok: false, transition: false, reason: expect.stringMatching(/nosuchfunction/) });
    expect(compileRule('self.a ==')).toMatchObject({ ok: false, transition: false });
  });

  it('compiles each rule once', () => {
    expect(compileRule('self.size() > 1')).toBe(compileRule('self.size() > 1'));
  });
});

describe('Go regular expressions', () => {
  it('translates inline flags, \\A and \\z, named groups and POSIX classes', () => {
    expect(goRegExp('(?i)^abc$').test('ABC')).toBe(true);
    expect(goRegExp('\\Aab\\z').test('ab')).toBe(true);
    expect(goRegExp('\\Aab\\z').test('ab\n')).toBe(false);
    expect(goRegExp('^(?P<name>[a-z]+)$').exec('abc')?.groups?.name).toBe('abc');
    expect(goRegExp('^[[:digit:]_]+$').test('1_2')).toBe(true);
    expect(goRegExp('^[[:digit:]_]+$').test('a')).toBe(false);
  });

  it('refuses what it cannot translate faithfully', () => {
    expect(() => goRegExp('\\pL+')).toThrow(/unsupported/);
    expect(() => goRegExp('a(?i)b')).toThrow(/unsupported/);
    expect(() => goRegExp('[a')).toThrow();
  });
});

describe('Quantity', () => {
  it('parses decimal, binary and exponent forms exactly', () => {
    expect(Quantity.parse('1Ki').nanos).toBe(1024n * 10n ** 9n);
    expect(Quantity.parse('1e3').nanos).toBe(1000n * 10n ** 9n);
    expect(Quantity.parse('.5').nanos).toBe(5n * 10n ** 8n);
    expect(Quantity.parse('1n').nanos).toBe(1n);
    expect(() => Quantity.parse('1Kb')).toThrow(/invalid quantity/);
  });
});
