/**
 * Go RE2 patterns (what Kubernetes CEL `matches`, `find` and `findAll` take) as JavaScript regular expressions.
 * The common differences are translated; a construct JavaScript would read differently throws, so the rule
 * using it is skipped rather than evaluated wrongly.
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** The JavaScript RegExp for a Go pattern (cached). Throws when the pattern cannot be translated faithfully. */
export function goRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const { source, flags } = translate(pattern);
    re = new RegExp(source, flags);
    cache.set(pattern, re);
  }
  return re;
}

function translate(pattern: string): { source: string; flags: string } {
  let rest = pattern;
  const flags = new Set<string>();
  // Inline flags before any character is matched (`(?i)abc`, `^(?i)abc`) apply to the whole pattern: JavaScript flags.
  const LEADING_FLAGS = /^((?:\^|\\A)*)\(\?([ims]+)\)/;
  for (let m = LEADING_FLAGS.exec(rest); m; m = LEADING_FLAGS.exec(rest)) {
    for (const f of m[2]!) flags.add(f);
    rest = m[1]! + rest.slice(m[0].length);
  }
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const next = rest[i + 1];
      if (next === 'A') out += '^';
      else if (next === 'z') out += '$(?![\\s\\S])';
      else if (next === 'Q' || next === 'C' || next === 'p' || next === 'P') throw new Error(`unsupported regular expression escape \\${next}`);
      else out += c + (next ?? '');
      i++;
    } else if (rest.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (rest.startsWith('(?', i) && !/^\(\?(:|<[A-Za-z_]|=|!|<=|<!)/.test(rest.slice(i))) {
      throw new Error(`unsupported inline flags in regular expression: ${pattern}`);
    } else if (c === '[') {
      // A class: copy it, turning POSIX classes like [[:alpha:]] into ranges.
      const end = classEnd(rest, i);
      out += rest.slice(i, end + 1).replace(/\[:(\^?)(\w+):\]/g, (whole, negated: string, name: string) => {
        const range = POSIX_CLASSES[name];
        if (!range || negated) throw new Error(`unsupported character class ${whole}`);
        return range;
      });
      i = end;
    } else out += c;
  }
  return { source: out, flags: [...flags].join('') };
}

/** Index of the `]` closing the class that opens at `start`. */
function classEnd(s: string, start: number): number {
  let i = start + 1;
  if (s[i] === '^') i++;
  if (s[i] === ']') i++;
  for (; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s.startsWith('[:', i)) i = s.indexOf(':]', i + 2) + 1 || s.length;
    else if (s[i] === ']') return i;
  }
  throw new Error(`unterminated character class in regular expression: ${s}`);
}
