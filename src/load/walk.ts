/**
 * Walks the repo: every file and directory (paths only), which YAML files to read, and what is skipped and why.
 * Symlinks are followed only while their real path stays inside the root; nothing outside the root is ever opened.
 */
import fs from 'node:fs/promises';
import fsSync, { type Dirent } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { isIacCandidate } from './iac/index.js';
import { GitIgnoreSet, type GitIgnored } from './gitignore.js';
import { fileLocation } from './positions.js';
import type { LoadProblem, SkippedFile } from './types.js';

const NEVER_WALKED = new Set(['.git', 'node_modules']);

export interface YamlCandidate {
  rel: string;
  /** Real absolute path, inside the root. */
  abs: string;
  inHelmChart: boolean;
}

export interface WalkResult {
  files: string[];
  dirs: string[];
  yaml: YamlCandidate[];
  /** `.json` files: parsed only when a kustomization file lists them (kustomize takes JSON manifests too). */
  json: YamlCandidate[];
  /** `.bicep` and `.tf` files: read when they declare Flux configurations (iac/index.ts). */
  iac: YamlCandidate[];
  /** What the repo's .gitignore files ignore (read as the walk enters their directory; see gitignore.ts). */
  gitIgnored: GitIgnored;
  /** Every file not read as YAML (JSON, Helm templates, scripts, keys, binaries): read once for the secret scans. */
  others: YamlCandidate[];
  skipped: SkippedFile[];
  problems: LoadProblem[];
}

export function isYamlFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name) || name === 'Kustomization';
}

/** Where a directory sits relative to Helm charts. */
interface ChartContext {
  inChart: boolean;
  inTemplates: boolean;
}

export async function walkRepo(root: string, ignore: string[]): Promise<WalkResult> {
  const gitignores = new GitIgnoreSet();
  const result: WalkResult = { files: [], dirs: [''], yaml: [], json: [], iac: [], others: [], gitIgnored: gitignores.ignores, skipped: [], problems: [] };
  const isIgnored = ignore.length > 0 ? picomatch(ignore, { dot: true }) : () => false;
  const walking = new Set<string>([root]);
  const inside = (real: string): boolean => real === root || real.startsWith(root + path.sep);

  const skip = (rel: string, reason: SkippedFile['reason'], detail?: string, problem?: LoadProblem['kind']): void => {
    result.skipped.push(detail ? { path: rel, reason, detail } : { path: rel, reason });
    if (problem) result.problems.push({ kind: problem, message: `${rel}: ${detail ?? reason}`, location: fileLocation(rel) });
  };

  const addFile = (rel: string, abs: string, chart: ChartContext, ignored: boolean): void => {
    result.files.push(rel);
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (ignored) return;
    if (isIgnored(rel)) return skip(rel, 'ignored');
    if (/\.json$/i.test(name) && !chart.inChart) result.json.push({ rel, abs, inHelmChart: false });
    if (isIacCandidate(name) && !chart.inChart) result.iac.push({ rel, abs, inHelmChart: false });
    if (!isYamlFileName(name) || chart.inTemplates) result.others.push({ rel, abs, inHelmChart: chart.inChart });
    if (!isYamlFileName(name)) return;
    if (chart.inTemplates) return skip(rel, 'helm-template');
    result.yaml.push({ rel, abs, inHelmChart: chart.inChart });
  };

  const walkDir = async (abs: string, rel: string, chart: ChartContext, ignored: boolean): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch (error) {
      return skip(rel, 'unreadable', `cannot read directory: ${errorText(error)}`, 'unreadable');
    }
    const isChart = entries.some((e) => e.name === 'Chart.yaml' && !e.isDirectory());
    // This directory's .gitignore judges its own entries: read it before them.
    if (!ignored && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = readGitIgnore(path.join(abs, '.gitignore'));
      if (text !== undefined) gitignores.add({ dir: rel, text });
    }
    for (const entry of entries) {
      if (NEVER_WALKED.has(entry.name)) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      // Git never commits what .gitignore ignores (build output, local renders): not part of the repo, so not linted
      // and absent to the graph (a reference to it is kustomize-generated-file's). Listed as skipped when it would have been read.
      if (!ignored && gitignores.ignores(entry.isDirectory() ? `${childRel}/` : childRel)) {
        if (entry.isDirectory() || isYamlFileName(entry.name) || /\.json$/i.test(entry.name)) skip(childRel, 'gitignored');
        continue;
      }
      let childAbs = path.join(abs, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink() && (ignored || isIgnored(childRel))) {
        if (!ignored) skip(childRel, 'ignored'); // never followed, so it cannot be a problem
        continue;
      }
      if (entry.isSymbolicLink()) {
        const target = await followSymlink(childAbs, inside);
        if ('outside' in target) {
          skip(childRel, 'symlink-outside-repo', `symlink points outside the repository (${target.outside}); not read`, 'unreadable');
          continue;
        }
        if ('error' in target) {
          if (target.loop) skip(childRel, 'symlink-loop', `symlink loop: ${target.error}`, 'unreadable');
          else skip(childRel, 'unreadable', `broken symlink: ${target.error}`, isYamlFileName(entry.name) ? 'unreadable' : undefined);
          continue;
        }
        if (target.isDir && walking.has(target.real)) {
          skip(childRel, 'symlink-loop', 'symlink loop: it points at a directory that contains it; not walked again', 'unreadable');
          continue;
        }
        childAbs = target.real;
        isDir = target.isDir;
      } else if (!isDir && !entry.isFile()) {
        continue; // sockets, FIFOs, devices: not repo content
      }
      if (!isDir) {
        addFile(childRel, childAbs, { inChart: chart.inChart || isChart, inTemplates: chart.inTemplates }, ignored);
        continue;
      }
      result.dirs.push(childRel);
      const childIgnored = ignored || isIgnored(childRel);
      if (childIgnored && !ignored) skip(childRel, 'ignored');
      const childChart = { inChart: chart.inChart || isChart, inTemplates: chart.inTemplates || (isChart && entry.name === 'templates') };
      walking.add(childAbs);
      await walkDir(childAbs, childRel, childChart, childIgnored);
      walking.delete(childAbs);
    }
  };

  await walkDir(root, '', { inChart: false, inTemplates: false }, false);
  return result;
}

/** Largest .gitignore read; a bigger one is not a list of patterns someone wrote. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;
/** The file found by the walk is read as is: a symlink swapped in since is not followed. */
const NO_FOLLOW = fsSync.constants.O_NOFOLLOW ?? 0;

/**
 * A .gitignore's text. It is not a manifest: one that cannot be read is left out without a finding (the only cost is
 * that files it would ignore are linted, and a missing file it would have explained is reported as missing).
 */
function readGitIgnore(abs: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fsSync.openSync(abs, fsSync.constants.O_RDONLY | NO_FOLLOW);
    if (fsSync.fstatSync(fd).size > MAX_GITIGNORE_BYTES) return undefined;
    return fsSync.readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fsSync.closeSync(fd);
  }
}

/** Real path and type of a symlink's target; the target is only stat'ed when it is inside the root. */
async function followSymlink(
  abs: string,
  inside: (real: string) => boolean,
): Promise<{ real: string; isDir: boolean } | { outside: string } | { error: string; loop: boolean }> {
  try {
    const real = await fs.realpath(abs);
    if (!inside(real)) return { outside: real };
    return { real, isDir: (await fs.stat(real)).isDirectory() };
  } catch (error) {
    return { error: errorText(error), loop: (error as NodeJS.ErrnoException).code === 'ELOOP' };
  }
}

export function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}` : String(e.message ?? error);
}
