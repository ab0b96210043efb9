/**
 * Token and key formats as data (rules/secret-token-pattern.yaml `patterns`, and a config's `additionalPatterns`),
 * like gitleaks' rules: a regular expression (Go/RE2 syntax, as gitleaks writes them), keywords of which one must be in
 * the text before the expression runs (the pre-filter that keeps large vendored files cheap), an optional minimum
 * Shannon entropy of the secret, and stopwords that mark a documented sample (`AKIAIOSFODNN7EXAMPLE`).
 */
import { isPlaceholderOrReference, shannonEntropy } from '../k8s/sensitive.js';
import { translateGoRegex } from '../schema/go-regex.js';
import type { JsonSchema } from '../schema/settings.js';

export interface SecretPattern {
  id: string;
  description: string;
  /** Go/RE2 syntax; a leading `(?i)` is honoured. The secret is capture group 1 when there is one, else the match. */
  regex: string;
  /** Lower-case substrings; the expression runs only on a text holding one of them. */
  keywords: string[];
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** A secret holding one of these (case-insensitive) is a sample, not a credential. */
  stopwords?: string[];
  /**
   * Whether a match in a comment line is reported (default true). False for formats that prose shows as examples
   * (`# proxy = 'socks5://user:pass@127.0.0.1:9050'`): a live token format in a comment is still a leak, a sample URL is not.
   */
  comments?: boolean;
}

export interface CompiledPattern extends SecretPattern {
  re: RegExp;
}

/** One match of a pattern in a text: offsets of the whole match (a key's `-----BEGIN` line), and the secret. */
export interface PatternMatch {
  pattern: CompiledPattern;
  start: number;
  end: number;
  secret: string;
}

export const PATTERN_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'description', 'regex', 'keywords'],
  properties: {
    id: { type: 'string', minLength: 1, description: 'a non-empty id' },
    description: { type: 'string', minLength: 1, description: 'what the pattern finds, e.g. "GitHub token"' },
    regex: { type: 'string', minLength: 1, description: 'a regular expression (Go/RE2 syntax)' },
    keywords: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'a non-empty list of substrings, one of which must be in the text' },
    entropy: { type: 'number', minimum: 0, maximum: 8, description: 'a minimum Shannon entropy in bits per character (0-8)' },
    stopwords: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'a list of substrings that mark a sample value' },
    comments: { type: 'boolean', description: 'true or false: whether matches in comment lines are reported' },
  },
};

export function compilePattern(pattern: SecretPattern): CompiledPattern {
  const { source, flags } = translateGoRegex(pattern.regex);
  const re = new RegExp(source, `${flags.replace('g', '')}g`);
  return { ...pattern, keywords: pattern.keywords.map((k) => k.toLowerCase()), stopwords: pattern.stopwords?.map((s) => s.toLowerCase()), re };
}

/** Why a pattern is unusable (does not compile, matches the empty string), or undefined. */
export function patternProblem(pattern: SecretPattern): string | undefined {
  try {
    const compiled = compilePattern(pattern);
    return compiled.re.test('') ? `regex of pattern "${pattern.id}" matches the empty string` : undefined;
  } catch (error) {
    return `regex of pattern "${pattern.id}" does not compile: ${(error as Error).message}`;
  }
}

/**
 * One expression finding every keyword of `patterns` (lower case), so a file is searched once whatever their number;
 * with, for each keyword, the shorter keywords it starts with (found at the same place, which the expression skips).
 */
interface KeywordFinder {
  re: RegExp;
  prefixes: Map<string, string[]>;
}
const keywordFinders = new WeakMap<readonly CompiledPattern[], KeywordFinder>();
function keywordFinder(patterns: readonly CompiledPattern[]): KeywordFinder {
  let finder = keywordFinders.get(patterns);
  if (!finder) {
    const keywords = [...new Set(patterns.flatMap((p) => p.keywords))].sort((a, b) => b.length - a.length);
    const re = new RegExp(keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    const prefixes = new Map(keywords.map((k) => [k, keywords.filter((o) => o !== k && k.startsWith(o))]));
    finder = { re, prefixes };
    keywordFinders.set(patterns, finder);
  }
  return finder;
}

/** The keywords of `patterns` that `lower` holds, overlapping ones included. */
function keywordsIn(lower: string, patterns: readonly CompiledPattern[]): Set<string> {
  const { re, prefixes } = keywordFinder(patterns);
  const present = new Set<string>();
  re.lastIndex = 0;
  for (let k = re.exec(lower); k; k = re.exec(lower)) {
    present.add(k[0]);
    for (const p of prefixes.get(k[0]) ?? []) present.add(p);
    re.lastIndex = k.index + 1;
  }
  return present;
}

/**
 * Every match of the patterns in `text` whose keywords it holds, with placeholders, references, samples and secrets
 * below the pattern's entropy left out. The keywords are found in one pass over the lower-cased text; only the
 * patterns with a keyword there run their expression.
 */
export function scanText(text: string, patterns: readonly CompiledPattern[]): PatternMatch[] {
  if (patterns.length === 0) return [];
  const present = keywordsIn(text.toLowerCase(), patterns);
  if (present.size === 0) return [];
  const out: PatternMatch[] = [];
  for (const pattern of patterns) {
    if (!pattern.keywords.some((k) => present.has(k))) continue;
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(text); m; m = pattern.re.exec(text)) {
      if (m[0] === '') {
        pattern.re.lastIndex++;
        continue;
      }
      const secret = m[1] ?? m[0];
      if (isSample(secret, pattern)) continue;
      out.push({ pattern, start: m.index, end: m.index + m[0].length, secret });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function isSample(secret: string, pattern: CompiledPattern): boolean {
  if (isPlaceholderOrReference(secret)) return true;
  const lower = secret.toLowerCase();
  if (pattern.stopwords?.some((w) => lower.includes(w))) return true;
  return pattern.entropy !== undefined && shannonEntropy(secret) < pattern.entropy;
}

/**
 * A binary OpenPGP secret key as `gpg --export-secret-keys` writes it without `--armor`: the file starts with a
 * Secret-Key (tag 5) or Secret-Subkey (tag 7) packet (RFC 4880 4.2, RFC 9580) of version 3 to 6 with a known public-key
 * algorithm. Public keys (tag 6) are not.
 */
export function isOpenPgpSecretKey(bytes: Uint8Array): boolean {
  const first = bytes[0];
  if (first === undefined || (first & 0x80) === 0) return false;
  let tag: number;
  let header: number;
  if (first & 0x40) {
    tag = first & 0x3f;
    const len = bytes[1] ?? 0;
    header = 1 + (len < 192 ? 1 : len < 224 ? 2 : len === 255 ? 5 : 1);
  } else {
    tag = (first >> 2) & 0x0f;
    header = 1 + [1, 2, 4, 0][first & 3]!;
  }
  if (tag !== 5 && tag !== 7) return false;
  const version = bytes[header];
  if (version === undefined || version < 3 || version > 6) return false;
  const algorithm = bytes[header + (version === 3 ? 7 : 5)];
  return algorithm !== undefined && [1, 2, 3, 16, 17, 18, 19, 22, 25, 27, 28].includes(algorithm);
}
