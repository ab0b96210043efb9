/**
 * kustomize `secretGenerator` entries: the Secret they generate is built from `literals`, `files` and `envs` committed
 * next to the kustomization, so a credential there is as plaintext in Git as in a Secret manifest. Each entry's values
 * are judged as a Secret's are (holdsCredential: placeholders, references, public keys and certificates stay quiet);
 * a file SOPS encrypted (ENC[...] values, as ksops or a sops-encrypted .env) holds ciphertext.
 */
import { holdsCredential } from '../k8s/secret-content.js';
import { resolveRepoPath } from '../load/paths.js';
import type { LoadedRepo, PathSegment, YamlDocument } from '../load/types.js';
import { isRecord as isObj } from '../util/values.js';


export interface GeneratedInClear {
  /** The generated Secret's name. */
  name: string | undefined;
  /** Keys in the clear: `literals password`, `files tls.key`, `envs .env DB_PASSWORD`. */
  keys: string[];
  /** Where the first one is written in the kustomization. */
  path: PathSegment[];
}

/** `key=value` of a literal or an env line (kustomize splits at the first `=`); values may be quoted. */
function splitAssignment(line: string): [string, string] | undefined {
  const at = line.indexOf('=');
  if (at <= 0) return undefined;
  const value = line.slice(at + 1).trim().replace(/^(["'])(.*)\1$/, '$2');
  return [line.slice(0, at).trim(), value];
}

/** The text of a repo file the loader read (YAML or raw), undefined for a binary or a missing one. */
function textOf(repo: LoadedRepo, path: string): string | undefined {
  return repo.fileMap.get(path)?.text ?? repo.rawFiles.find((f) => f.path === path)?.text;
}

/** The credentials in the clear of every entry of the secretGenerator of kustomization `doc`. */
export function generatedInClear(repo: LoadedRepo, doc: YamlDocument): GeneratedInClear[] {
  const generators = isObj(doc.value) ? doc.value.secretGenerator : undefined;
  if (!Array.isArray(generators)) return [];
  const dir = doc.file.includes('/') ? doc.file.slice(0, doc.file.lastIndexOf('/')) : '';
  const out: GeneratedInClear[] = [];
  generators.forEach((entry: unknown, i) => {
    if (!isObj(entry)) return;
    const keys: string[] = [];
    let first: PathSegment[] | undefined;
    const add = (key: string, path: PathSegment[]): void => {
      keys.push(key);
      first ??= path;
    };
    const list = (field: string): unknown[] => (Array.isArray(entry[field]) ? (entry[field] as unknown[]) : []);
    list('literals').forEach((literal, j) => {
      const kv = typeof literal === 'string' ? splitAssignment(literal) : undefined;
      if (kv && holdsCredential(kv[1])) add(`literals ${kv[0]}`, ['secretGenerator', i, 'literals', j]);
    });
    list('files').forEach((file, j) => {
      if (typeof file !== 'string') return;
      const [key, ref] = file.includes('=') ? [file.slice(0, file.indexOf('=')), file.slice(file.indexOf('=') + 1)] : [file.slice(file.lastIndexOf('/') + 1), file];
      const resolved = resolveRepoPath(dir, ref);
      const text = resolved.status === 'inside' ? textOf(repo, resolved.path) : undefined;
      if (text !== undefined && holdsCredential(text)) add(`files ${key}`, ['secretGenerator', i, 'files', j]);
    });
    for (const field of ['envs', 'env']) {
      const refs = field === 'env' ? (typeof entry.env === 'string' ? [entry.env] : []) : list('envs');
      refs.forEach((ref, j) => {
        if (typeof ref !== 'string') return;
        const resolved = resolveRepoPath(dir, ref);
        const text = resolved.status === 'inside' ? textOf(repo, resolved.path) : undefined;
        const names = (text ?? '')
          .split('\n')
          .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
          .map(splitAssignment)
          .filter((kv): kv is [string, string] => kv !== undefined && holdsCredential(kv[1]))
          .map(([k]) => k);
        if (names.length > 0) add(`${field} ${ref} ${names.join(' ')}`, field === 'env' ? ['secretGenerator', i, 'env'] : ['secretGenerator', i, 'envs', j]);
      });
    }
    if (first) out.push({ name: typeof entry.name === 'string' ? entry.name : undefined, keys, path: first });
  });
  return out;
}
