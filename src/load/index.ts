/** Public API of the loader: loadRepo() walks and parses a repo; helpers turn offsets and paths into locations. */
import fs from 'node:fs';
import type { Location } from '../finding.js';
import { gitRemoteUrls } from './git-remotes.js';
import { iacFormat, parseIacFile } from './iac/index.js';
import { locateIn } from './locate.js';
import { parseYamlFile } from './parse.js';
import { BINARY_SNIFF_BYTES, readRawFiles } from './raw.js';
import { resolveRepoPath } from './paths.js';
import { fileLocation, positionIn } from './positions.js';
import type { LoadedRepo, LoadProblem, PathSegment, SkippedFile, SourceFile, YamlDocument } from './types.js';
import { errorText, walkRepo, type YamlCandidate } from './walk.js';

export type * from './types.js';
export { inHiddenDir, resolveRepoPath } from './paths.js';

export interface LoadOptions {
  /** picomatch globs, repo-relative: files never read (reported as skipped 'ignored'). */
  ignore?: string[];
  /** Files larger than this are not parsed (default 10 MiB). */
  maxFileBytes?: number;
  /** The git remote URLs of the repository, when `root` is a copy of its tree without `.git` (only-new mode). */
  gitRemotes?: string[];
}

const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Paths read are real paths found by the walk: a symlink there now was swapped in since, so it is not followed. */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Walk `root`, read and parse every YAML file. Throws only when the root itself cannot be used. */
export async function loadRepo(root: string, options: LoadOptions = {}): Promise<LoadedRepo> {
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
    if (!fs.statSync(realRoot).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    throw new Error(`cannot load repository ${root}: ${errorText(error)}`);
  }
  const walk = await walkRepo(realRoot, options.ignore ?? []);
  const { skipped, problems } = walk;
  const texts = readAll(walk.yaml, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, skipped, problems);
  const files: SourceFile[] = [];
  walk.yaml.forEach((candidate, i) => {
    const text = texts[i];
    if (text !== undefined) files.push(parseYamlFile(candidate.rel, text, candidate.inHelmChart, problems));
  });
  const listed = jsonListedByKustomizations(files);
  const json = walk.json.filter((candidate) => listed.has(candidate.rel));
  readAll(json, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, skipped, problems).forEach((text, i) => {
    if (text !== undefined) files.push(parseYamlFile(json[i]!.rel, text, false, problems));
  });

  const byPath = <T extends { path: string }>(a: T, b: T): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const iacFiles = readIacFiles([...walk.iac, ...walk.json.filter((c) => !listed.has(c.rel))], options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, skipped);
  files.sort(byPath);
  skipped.sort(byPath);
  problems.sort(compareProblems);
  const allFiles = walk.files.sort();
  const allDirs = walk.dirs.sort();
  return {
    root: realRoot,
    files,
    rawFiles: readRawFiles(walk.others, new Set(files.map((f) => f.path)), walk.gitIgnored, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES),
    allFiles,
    allDirs,
    skipped,
    problems,
    iacFiles,
    gitRemotes: options.gitRemotes ?? gitRemoteUrls(realRoot),
    fileMap: new Map([...iacFiles, ...files].map((f) => [f.path, f])),
    fileSet: new Set(allFiles),
    dirSet: new Set(allDirs),
    gitIgnored: walk.gitIgnored,
  };
}

/** How much of a `.json` file is looked at to tell an ARM template (its `$schema` comes first) from other JSON. */
const ARM_SNIFF_BYTES = 4096;

/**
 * Bicep, Terraform and ARM JSON files that declare Flux configurations (iac/index.ts), parsed. Other such files are
 * not kept; a JSON file is read whole only when its beginning names an ARM deployment template schema.
 */
function readIacFiles(candidates: YamlCandidate[], maxBytes: number, skipped: SkippedFile[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const { rel, abs } of candidates) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(abs, fs.constants.O_RDONLY | NO_FOLLOW);
      const size = fs.fstatSync(fd).size;
      if (size > maxBytes) continue;
      if (/\.json$/i.test(rel)) {
        const head = Buffer.alloc(Math.min(size, ARM_SNIFF_BYTES));
        fs.readSync(fd, head, 0, head.length, 0);
        if (!/deploymentTemplate\.json/i.test(head.toString('utf8'))) continue;
      }
      const text = fs.readFileSync(fd, 'utf8');
      const format = iacFormat(rel, text);
      if (format) out.push(parseIacFile(rel, text, format, skipped));
    } catch {
      // unreadable: not a manifest, so no finding; its configurations are simply not seen
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Fields of a kustomization file whose entries (strings, or `{path}`) name manifest or patch files. */
const FILE_FIELDS = ['resources', 'patchesStrategicMerge', 'patches', 'patchesJson6902'];

/**
 * Repo-relative `.json` files that kustomization files list as resources or patches: kustomize reads JSON manifests
 * too (JSON is YAML), so these are parsed; other JSON (package.json, dashboards, editor settings) is not.
 */
function jsonListedByKustomizations(files: SourceFile[]): Set<string> {
  const listed = new Set<string>();
  for (const file of files) {
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    for (const doc of file.documents) {
      if (doc.class !== 'kustomization' || typeof doc.value !== 'object' || doc.value === null) continue;
      for (const field of FILE_FIELDS) {
        const entries = (doc.value as Record<string, unknown>)[field];
        if (!Array.isArray(entries)) continue;
        for (const entry of entries) {
          const ref = typeof entry === 'string' ? entry : (entry as { path?: unknown } | null)?.path;
          if (typeof ref !== 'string' || !/\.json$/i.test(ref)) continue;
          const resolved = resolveRepoPath(dir, ref);
          if (resolved.status === 'inside') listed.add(resolved.path);
        }
      }
    }
  }
  return listed;
}

/**
 * Texts of the candidates (undefined for files skipped as too large, binary or unreadable).
 * Synchronous on purpose: for many small files readFileSync is several times faster than fs.promises.readFile.
 */
function readAll(candidates: YamlCandidate[], maxBytes: number, skipped: SkippedFile[], problems: LoadProblem[]): (string | undefined)[] {
  const skip = (rel: string, reason: SkippedFile['reason'], kind: LoadProblem['kind'], detail: string): undefined => {
    skipped.push({ path: rel, reason, detail });
    problems.push({ kind, message: `${rel}: ${detail}`, location: fileLocation(rel) });
    return undefined;
  };
  return candidates.map(({ rel, abs }) => {
    let fd: number | undefined;
    try {
      fd = fs.openSync(abs, fs.constants.O_RDONLY | NO_FOLLOW);
      const size = fs.fstatSync(fd).size;
      if (size > maxBytes) return skip(rel, 'too-large', 'too-large', `file is ${size} bytes, more than the ${maxBytes} bytes limit; not parsed`);
      const bytes = fs.readFileSync(fd);
      if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return skip(rel, 'binary', 'binary', 'file has a NUL byte, so it is binary, not YAML; not parsed');
      return bytes.toString('utf8');
    } catch (error) {
      return skip(rel, 'unreadable', 'unreadable', `cannot read file: ${errorText(error)}`);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  });
}

function compareProblems(a: LoadProblem, b: LoadProblem): number {
  const x = a.location;
  const y = b.location;
  return (x.file < y.file ? -1 : x.file > y.file ? 1 : 0) || x.line - y.line || x.column - y.column || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
}

/** 1-based line and column of an offset in a file. */
export function positionAt(file: SourceFile, offset: number): { line: number; column: number } {
  return positionIn(file.lineStarts, offset);
}

/**
 * Location of the node at `path` in `doc`: the key when target is 'key' (default for mapping entries), else the value.
 * Falls back to the nearest existing ancestor, and to the document's first node for an empty path.
 */
export function locate(repo: LoadedRepo, doc: YamlDocument, path: PathSegment[], target: 'key' | 'value' = 'key'): Location {
  return locateIn(repo, doc, path, target);
}

/**
 * The repo with some files' texts replaced, parsed as loadRepo parses them (their loader problems recomputed): what
 * loadRepo would give after those files were written. `--fix` lints each pass's edits this way, before writing any.
 */
export function withFileTexts(repo: LoadedRepo, texts: ReadonlyMap<string, string>): LoadedRepo {
  const problems = repo.problems.filter((p) => !texts.has(p.location.file));
  const files = repo.files.map((file) => {
    const text = texts.get(file.path);
    return text === undefined ? file : parseYamlFile(file.path, text, file.inHelmChart === true, problems);
  });
  problems.sort(compareProblems);
  return { ...repo, files, problems, fileMap: new Map(files.map((f) => [f.path, f])) };
}
