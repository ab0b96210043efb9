/**
 * secret-in-comment: commented-out configuration that still holds a credential (`# CF_API_KEY: 3f9c...`, a commented
 * secretGenerator literal `# - password=...`). Commenting a line out does not take it out of Git. Prose and upstream
 * samples stay quiet: the key must name a credential (credentialKey) and the value must be a literal credential
 * (isLiteralCredential) that is random enough to be real (12 characters or more, 3.5 bits of entropy per character);
 * a secretGenerator literal line (`- key=value`) is configuration by its shape and needs no entropy. Every text file
 * is read, YAML or not; what the loader left out (ignored, not committed) is not.
 */
import { isLiteralCredential } from '../k8s/secret-content.js';
import { redacted, shannonEntropy } from '../k8s/sensitive.js';
import { computeLineStarts, rangeLocation } from '../load/positions.js';
import type { Check, CheckContext } from './types.js';

/** `# key: value`, `# key=value`, `# - key=value`, `// export KEY="value"`: groups 1 the list dash, 2 key, 3 separator, 4 value. */
const COMMENTED_ASSIGNMENT = /^[ \t]*(?:#+|\/\/+(?=[ \t]))[ \t]*(-[ \t]+)?(?:export[ \t]+)?["']?([A-Za-z][A-Za-z0-9_.-]*)["']?[ \t]*([:=])[ \t]*["']?([^\s"'#,]+)/gm;
const KEYWORDS = ['pass', 'pwd', 'secret', 'token', 'key', 'credential'];

function isCommentedCredential(m: RegExpExecArray): boolean {
  const [, dash, key, separator, value] = m as unknown as [string, string | undefined, string, string, string];
  if (!isLiteralCredential(key, value)) return false;
  if (dash !== undefined && separator === '=') return true;
  return value.length >= 12 && shannonEntropy(value) >= 3.5;
}

function scan(ctx: CheckContext, path: string, text: string, lineStarts?: number[]): void {
  if (!text.includes('#') && !text.includes('//')) return;
  const lower = text.toLowerCase();
  if (!KEYWORDS.some((k) => lower.includes(k))) return;
  let starts = lineStarts;
  COMMENTED_ASSIGNMENT.lastIndex = 0;
  for (let m = COMMENTED_ASSIGNMENT.exec(text); m; m = COMMENTED_ASSIGNMENT.exec(text)) {
    if (!isCommentedCredential(m)) continue;
    const value = m[4]!;
    const start = m.index + m[0].lastIndexOf(value);
    starts ??= computeLineStarts(text);
    ctx.report({
      message:
        `Commented-out ${m[2]} still holds a credential, ${redacted(value)}: a comment is still in Git, and Git history keeps it; ` +
        'delete the line, keep the value in a Secret encrypted with SOPS + age or out of Git (ExternalSecret, SealedSecret), and rotate it',
      location: rangeLocation(path, starts, start, start + value.length),
    });
  }
}

export function secretInComment(ctx: CheckContext): void {
  for (const file of ctx.repo.files) if (!ctx.repo.gitIgnored(file.path)) scan(ctx, file.path, file.text, file.lineStarts);
  for (const file of ctx.repo.rawFiles) if (file.text !== undefined) scan(ctx, file.path, file.text);
}

export const secretCommentChecks: Record<string, Check> = { 'secret-in-comment': { run: secretInComment } };
