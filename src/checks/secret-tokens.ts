/**
 * secret-token-pattern: known credential formats (private keys, cloud and forge tokens, webhooks with their token,
 * URLs with a password) in every committed file, YAML or not, binary too (a key exported by gpg without --armor).
 *
 * The loader has read every file once (`repo.files` for YAML, `repo.rawFiles` for the rest); files .gitignore ignores
 * are not committed and are left out. Secret documents are left to secret-plaintext, which decodes and judges their
 * values, and SOPS documents hold ciphertext: neither is scanned here; nor are the lines where secret-in-config reports a
 * credential of a ConfigMap, an env var or Helm values. So one leak gives one finding, and still one when the rule
 * that would judge it is off.
 */
import { computeLineStarts, fileLocation, positionIn, rangeLocation } from '../load/positions.js';
import type { SourceFile } from '../load/types.js';
import { redacted } from '../k8s/sensitive.js';
import { compilePattern, isOpenPgpSecretKey, PATTERN_SCHEMA, patternProblem, scanText, type CompiledPattern, type SecretPattern } from './secret-patterns.js';
import { configLeakLines } from './secret-config.js';
import type { Check, CheckContext } from './types.js';

const HOW =
  ': anyone who can read the repository can use it, and Git history keeps it; keep it in a Secret encrypted with SOPS + age, ' +
  'an ExternalSecret or a SealedSecret (referenced with a secretRef), and rotate it';

/** Compiled patterns by params object: a run compiles its patterns once, whatever the number of files. */
const compiled = new WeakMap<Record<string, unknown>, CompiledPattern[]>();

function patternsOf(params: Record<string, unknown>): CompiledPattern[] {
  let out = compiled.get(params);
  if (!out) {
    const all = [...((params.patterns as SecretPattern[] | undefined) ?? []), ...((params.additionalPatterns as SecretPattern[] | undefined) ?? [])];
    out = all.map(compilePattern);
    compiled.set(params, out);
  }
  return out;
}

/**
 * Offset ranges of a YAML file that are not scanned: SOPS documents (ciphertext), and Secret documents when
 * secret-plaintext judges them.
 */
function judgedElsewhere(file: SourceFile, secretsJudged: boolean): [number, number][] {
  return file.documents
    .filter((d) => d.class === 'sops' || (secretsJudged && d.class === 'k8s' && d.kind === 'Secret' && d.apiVersion === 'v1'))
    .map((d) => [d.start, d.end]);
}

/** Is `offset` on a line that is a comment (`#` or `//` first)? */
export function inComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^\s*(?:#|\/\/(?:\s|$))/.test(text.slice(lineStart, offset));
}

function scanFile(ctx: CheckContext, path: string, text: string, patterns: CompiledPattern[], skip: [number, number][], lineStarts?: number[]): void {
  const matches = scanText(text, patterns).filter((m) => !skip.some(([s, e]) => m.start >= s && m.start < e));
  if (matches.length === 0) return;
  const starts = lineStarts ?? computeLineStarts(text);
  const judged = ctx.services.checkEnabled('secret-in-config') ? ctx.services.shared(configLeakLines) : new Set<string>();
  for (const m of matches) {
    if (judged.has(`${path}:${positionIn(starts, m.start).line}`)) continue;
    const commented = inComment(text, m.start);
    if (commented && m.pattern.comments === false) continue;
    const where = commented ? ' in a comment' : '';
    ctx.report({
      message: `${m.pattern.description} (${m.pattern.id}) in the clear${where}, ${redacted(m.secret)}${HOW}`,
      location: rangeLocation(path, starts, m.start, m.end),
      // A credential in a comment is still in Git, but it configures nothing: a warning, as secret-in-comment says it.
      ...(commented ? { severity: 'warning' as const } : {}),
    });
  }
}

export function secretTokenPattern(ctx: CheckContext): void {
  const patterns = patternsOf(ctx.params);
  const secretsJudged = ctx.services.checkEnabled('secret-plaintext');
  for (const file of ctx.repo.files) {
    if (ctx.repo.gitIgnored(file.path)) continue;
    scanFile(ctx, file.path, file.text, patterns, judgedElsewhere(file, secretsJudged), file.lineStarts);
  }
  for (const file of ctx.repo.rawFiles) {
    if (file.text !== undefined) scanFile(ctx, file.path, file.text, patterns, []);
    else if (isOpenPgpSecretKey(file.bytes)) {
      ctx.report({ message: `OpenPGP secret key (binary, as gpg --export-secret-keys writes it) in the clear${HOW}`, location: fileLocation(file.path) });
    }
  }
}

export const secretTokenChecks: Record<string, Check> = {
  'secret-token-pattern': {
    run: secretTokenPattern,
    params: {
      type: 'object',
      additionalProperties: false,
      properties: {
        patterns: { type: 'array', items: PATTERN_SCHEMA, description: 'a list of patterns {id, description, regex, keywords, entropy?, stopwords?}' },
        additionalPatterns: { type: 'array', items: PATTERN_SCHEMA, description: 'a list of patterns {id, description, regex, keywords, entropy?, stopwords?}' },
      },
    },
    checkParams: (params) =>
      (['patterns', 'additionalPatterns'] as const).flatMap((key) =>
        ((params[key] as SecretPattern[] | undefined) ?? []).flatMap((p, i) => {
          const problem = patternProblem(p);
          return problem ? [`${key}[${i}]: ${problem}`] : [];
        }),
      ),
  },
};
