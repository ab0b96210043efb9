/** Kustomization files: every path they reference, resolved against the repo (never the disk), and their cycles. */
import { resolveRepoPath } from '../load/index.js';
import type { LoadedRepo, PathSegment, YamlDocument } from '../load/types.js';
import type { KustomizeCycle, KustomizeFile, PathRef, RefField } from './types.js';
import { isRecord as isObj } from '../util/values.js';

/** Fields whose directories are built as kustomizations (the rest reference plain files). */
export const BUILD_FIELDS: ReadonlySet<RefField> = new Set<RefField>(['resources', 'bases', 'components']);
const PATCH_FIELDS: ReadonlySet<RefField> = new Set<RefField>(['patches', 'patchesStrategicMerge', 'patchesJson6902']);

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|git::|(?:github\.com|gitlab\.com|bitbucket\.org)\/)|\?ref=|\/\/.*\?/i;

export function isRemote(raw: string): boolean {
  return REMOTE.test(raw);
}

export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** Resolve a reference as written against `fromDir`. */
export function resolveRef(repo: LoadedRepo, fromDir: string, raw: string): Pick<PathRef, 'path' | 'status'> {
  if (isRemote(raw)) return { status: 'remote' };
  const resolved = resolveRepoPath(fromDir, raw);
  if (resolved.status !== 'inside') return { status: resolved.status };
  const p = resolved.path;
  return { path: p, status: repo.fileSet.has(p) ? 'file' : repo.dirSet.has(p) ? 'dir' : 'missing' };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const optString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Collects the references of one kustomization document. */
class RefCollector {
  readonly refs: PathRef[] = [];

  constructor(
    private readonly repo: LoadedRepo,
    private readonly doc: YamlDocument,
    private readonly dir: string,
  ) {}

  add(field: RefField, value: unknown, path: PathSegment[], stripKey = false): void {
    const at = { doc: this.doc, path };
    if (typeof value !== 'string' || value.trim() === '') {
      if (value !== undefined && value !== null) this.refs.push({ field, raw: String(JSON.stringify(value)), status: 'unresolved', at });
      return;
    }
    // `key=path` in generator `files` entries.
    const raw = stripKey && value.includes('=') ? value.slice(value.indexOf('=') + 1) : value;
    this.refs.push({ field, raw, at, ...resolveRef(this.repo, this.dir, raw.trim()) });
  }

  /** Entries that are file paths or inline YAML (a string with a newline is inline). */
  addPathsOrInline(field: RefField, list: unknown): void {
    asList(list).forEach((entry, i) => {
      if (typeof entry === 'string' && !entry.includes('\n')) this.add(field, entry, [field, i]);
    });
  }

  addEntryPaths(field: RefField, list: unknown): void {
    asList(list).forEach((entry, i) => {
      if (isObj(entry) && 'path' in entry) this.add(field, entry.path, [field, i, 'path']);
    });
  }

  addGenerators(field: 'configMapGenerator' | 'secretGenerator', list: unknown): void {
    asList(list).forEach((gen, i) => {
      if (!isObj(gen)) return;
      asList(gen.files).forEach((f, j) => this.add(field, f, [field, i, 'files', j], true));
      asList(gen.envs).forEach((f, j) => this.add(field, f, [field, i, 'envs', j]));
      if ('env' in gen) this.add(field, gen.env, [field, i, 'env']);
    });
  }

  addHelmCharts(list: unknown): void {
    asList(list).forEach((chart, i) => {
      if (!isObj(chart)) return;
      if ('valuesFile' in chart) this.add('helmCharts', chart.valuesFile, ['helmCharts', i, 'valuesFile']);
      asList(chart.additionalValuesFiles).forEach((f, j) => this.add('helmCharts', f, ['helmCharts', i, 'additionalValuesFiles', j]));
    });
  }
}

function parseKustomizeFile(repo: LoadedRepo, doc: YamlDocument): KustomizeFile {
  const dir = dirOf(doc.file);
  const value = isObj(doc.value) ? doc.value : {};
  const c = new RefCollector(repo, doc, dir);
  for (const field of ['resources', 'bases', 'components', 'crds'] as const) {
    asList(value[field]).forEach((entry, i) => c.add(field, entry, [field, i]));
  }
  c.addEntryPaths('patches', value.patches);
  c.addPathsOrInline('patchesStrategicMerge', value.patchesStrategicMerge);
  c.addEntryPaths('patchesJson6902', value.patchesJson6902);
  c.addGenerators('configMapGenerator', value.configMapGenerator);
  c.addGenerators('secretGenerator', value.secretGenerator);
  c.addHelmCharts(value.helmCharts);
  c.addPathsOrInline('generators', value.generators);
  c.addPathsOrInline('transformers', value.transformers);
  c.addEntryPaths('replacements', value.replacements);
  asList(value.configurations).forEach((entry, i) => c.add('configurations', entry, ['configurations', i]));
  if (isObj(value.openapi) && 'path' in value.openapi) c.add('openapi', value.openapi.path, ['openapi', 'path']);
  return {
    path: doc.file,
    dir,
    doc,
    kind: value.kind === 'Component' ? 'Component' : 'Kustomization',
    namespace: optString(value.namespace),
    namePrefix: optString(value.namePrefix),
    nameSuffix: optString(value.nameSuffix),
    refs: c.refs,
  };
}

export interface KustomizeIndex {
  files: KustomizeFile[];
  byDir: Map<string, KustomizeFile>;
  patchDocs: Set<YamlDocument>;
}

export function indexKustomizeFiles(repo: LoadedRepo): KustomizeIndex {
  const files: KustomizeFile[] = [];
  const byDir = new Map<string, KustomizeFile>();
  for (const file of repo.files) {
    // A kustomization file holds one document; a stray second one is not a kustomization of its own.
    const doc = file.documents.find((d) => d.class === 'kustomization');
    if (!doc) continue;
    const k = parseKustomizeFile(repo, doc);
    files.push(k);
    if (!byDir.has(k.dir)) byDir.set(k.dir, k);
  }
  const patchDocs = new Set<YamlDocument>();
  for (const k of files) {
    for (const ref of k.refs) {
      if (!PATCH_FIELDS.has(ref.field) || ref.status !== 'file') continue;
      for (const d of repo.fileMap.get(ref.path!)?.documents ?? []) patchDocs.add(d);
    }
  }
  return { files, byDir, patchDocs };
}

/** Cycles through resources/bases/components, each reported once (from its smallest file path). */
export function findKustomizeCycles(index: KustomizeIndex): KustomizeCycle[] {
  const cycles: KustomizeCycle[] = [];
  const seen = new Set<string>();
  const done = new Set<KustomizeFile>();
  const stack: KustomizeFile[] = [];
  const onStack = new Set<KustomizeFile>();

  const visit = (k: KustomizeFile): void => {
    stack.push(k);
    onStack.add(k);
    for (const ref of k.refs) {
      if (!BUILD_FIELDS.has(ref.field) || ref.status !== 'dir') continue;
      const next = index.byDir.get(ref.path!);
      if (!next) continue;
      if (onStack.has(next)) {
        const loop = stack.slice(stack.indexOf(next)).map((f) => f.path);
        const start = loop.indexOf([...loop].sort()[0]!);
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        const key = rotated.join('\0');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push({ files: [...loop, next.path], ref });
        }
      } else if (!done.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    onStack.delete(k);
    done.add(k);
  };
  for (const k of index.files) if (!done.has(k)) visit(k);
  return cycles;
}
