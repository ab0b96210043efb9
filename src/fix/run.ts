/**
 * --fix and --fix-dry-run, ESLint's way: lint, apply every finding's fix that does not overlap another one in the
 * same file, lint the edited texts again (in memory) and repeat until nothing changes or MAX_FIX_PASSES passes ran;
 * then write the changed files (not with a dry run). The findings reported are the last pass's: what remains.
 *
 * Files written are only the repo's own files inside the root (a real path under the real root, not a symlink to
 * elsewhere), unchanged on disk since they were read, and never SOPS-encrypted ones (sops.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CheckRegistry } from '../checks/types.js';
import { lintRepo, prepareLint } from '../engine/lint.js';
import type { LintOptions, LintResult } from '../engine/types.js';
import type { Finding } from '../finding.js';
import { withFileTexts, type LoadedRepo, type SourceFile } from '../load/index.js';
import { applyFixes } from './apply.js';
import { isSopsEncrypted, SOPS_LEFT_ALONE } from './sops.js';
import type { FixedFile, FixOutcome, LeftAloneFile } from './types.js';

/** ESLint's limit: fixes that keep producing new fixes stop here. */
export const MAX_FIX_PASSES = 10;

const BOM = '\uFEFF';

export async function fixRepo(root: string, options: LintOptions, checks: CheckRegistry, { dryRun }: { dryRun: boolean }): Promise<FixOutcome> {
  const prepared = await prepareLint(root, options, checks);
  const bound = { config: prepared.config, builtins: prepared.builtins };
  let repo = prepared.repo;
  const originals = new Map<string, string>();
  const byFile = new Map<string, Record<string, number>>();
  const leftAlone = new Map<string, LeftAloneFile>();
  let passes = 0;
  let result: LintResult;
  for (;;) {
    passes++;
    result = lintRepo(repo, bound, checks, { schemaCacheDir: options.schemaCacheDir, started: prepared.started });
    if (passes > MAX_FIX_PASSES) break;
    const edited = new Map<string, string>();
    for (const [file, findings] of fixableByFile(result.findings)) {
      const source = repo.fileMap.get(file);
      const refusal = source ? refusalOf(repo, source) : 'not a file the linter read';
      if (refusal) {
        leftAlone.set(file, { file, fixes: findings.length, reason: refusal });
        continue;
      }
      const { output, applied } = applyFixes(source!.text, findings);
      if (output === source!.text) continue;
      if (!originals.has(file)) originals.set(file, source!.text);
      const counts = byFile.get(file) ?? {};
      for (const f of applied) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
      byFile.set(file, counts);
      edited.set(file, output);
    }
    if (edited.size === 0) break;
    repo = withFileTexts(repo, edited);
  }
  const fixed: FixedFile[] = [];
  for (const [file, before] of [...originals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const after = repo.fileMap.get(file)!.text;
    if (after === before) continue;
    fixed.push({ file, byRule: byFile.get(file)!, before, after });
  }
  const written = dryRun ? fixed : fixed.filter((f) => {
    const changed = changedOnDisk(repo.root, f);
    if (changed) leftAlone.set(f.file, { file: f.file, fixes: Object.values(f.byRule).reduce((a, b) => a + b, 0), reason: changed });
    return !changed;
  });
  if (!dryRun) for (const f of written) writeFixed(repo.root, f);
  const sorted = [...leftAlone.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
  return { result, fixed: written, leftAlone: sorted, passes: Math.min(passes, MAX_FIX_PASSES), dryRun };
}

function fixableByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.fix) continue;
    const list = out.get(f.file);
    if (list) list.push(f);
    else out.set(f.file, [f]);
  }
  return out;
}

/** Why a file with fixes is not edited, or undefined when it may be. */
function refusalOf(repo: LoadedRepo, file: SourceFile): string | undefined {
  if (isSopsEncrypted(file)) return SOPS_LEFT_ALONE;
  const abs = diskPath(repo.root, file.path);
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch {
    return 'the file is gone';
  }
  const relative = path.relative(repo.root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return 'its real path is outside the repository root';
  return undefined;
}

function diskPath(root: string, file: string): string {
  return path.join(root, ...file.split('/'));
}

/** Why a file may not be written now: it no longer holds the text the fixes were computed from. */
function changedOnDisk(root: string, fixed: FixedFile): string | undefined {
  let onDisk: string;
  try {
    onDisk = fs.readFileSync(diskPath(root, fixed.file), 'utf8');
  } catch {
    return 'the file could not be read again before writing';
  }
  return stripBom(onDisk) === fixed.before ? undefined : 'the file changed on disk while it was being fixed';
}

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** Writes a fixed file in place, keeping its byte order mark. */
function writeFixed(root: string, fixed: FixedFile): void {
  const abs = diskPath(root, fixed.file);
  const bom = fs.readFileSync(abs, 'utf8').startsWith(BOM) ? BOM : '';
  fs.writeFileSync(abs, bom + fixed.after);
}
