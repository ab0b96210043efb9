/**
 * Go RE2 patterns (Kubernetes CRD `pattern`s and CEL `matches`, `find`, `findAll`) as JavaScript regular expressions.
 * The common differences are translated (leading inline flags, `\A`, `\z`, `(?P<name>`, POSIX classes); a construct
 * JavaScript would read differently throws, so the caller can skip it rather than match wrongly.
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

export function translateGoRegex(pattern: string): { source: string; flags: string } {
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
      // Without the m flag JavaScript's `$` is already the end of input; with it, only a lookahead is.
      else if (next === 'z') out += flags.has('m') ? '$(?![\\s\\S])' : '$';
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

/**
 * Makes every letter outside escapes match both cases: the `i` flag written into the pattern, for engines that take
 * no flags (JSON schema `pattern`, compiled by ajv with `u` only).
 */
export function foldCase(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '(' && pattern[i + 1] === '?') {
      // Group syntax such as (?: or (?<name> holds letters that are not to be matched.
      const end = pattern[i + 2] === '<' ? pattern.indexOf('>', i) : i + 2;
      out += pattern.slice(i, end + 1);
      i = end;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      out += caseInsensitiveClass(pattern.slice(i + 1, end));
      i = end;
    } else if (/[a-zA-Z]/.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else {
      out += c;
    }
  }
  return out;
}

function caseInsensitiveClass(body: string): string {
  const extra: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      i++;
    } else if (body[i + 1] === '-' && body[i + 2] !== undefined && body[i + 2] !== ']') {
      const [from, to] = [c, body[i + 2]!];
      if (/[a-z]/.test(from) && /[a-z]/.test(to)) extra.push(`${from.toUpperCase()}-${to.toUpperCase()}`);
      if (/[A-Z]/.test(from) && /[A-Z]/.test(to)) extra.push(`${from.toLowerCase()}-${to.toLowerCase()}`);
      i += 2;
    } else if (/[a-zA-Z]/.test(c)) {
      extra.push(c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
    }
  }
  return `[${body}${extra.join('')}]`;
}
