/**
 * OCI artifacts a repository's CI pushes from its own tree: `flux push artifact oci://URL --path=DIR` in a workflow
 * step's `run`, or a Flux push action step (`uses: .../push@...` of a Flux distribution, with `repository` and
 * `path`). An OCIRepository whose URL is one of them serves that directory of this repository.
 *
 * GitHub expressions (`${{ github.repository }}`) and shell variables in the URL stand for what CI fills in: they match
 * any one path segment (`github.repository`: owner/name).
 */
import type { LoadedRepo } from '../load/types.js';
import { isRecord as isObj } from '../util/values.js';

type Obj = Record<string, unknown>;

export interface PushedArtifact {
  /** Matches an OCI URL without scheme, tag or digest. */
  url: RegExp;
  /** The repo directory pushed (as written, relative to the repo root). */
  path: string;
  /** Where it is declared. */
  file: string;
}

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$|(?:^|\/)\.gitlab-ci\.ya?ml$/;

export function pushedArtifacts(repo: LoadedRepo): PushedArtifact[] {
  const out: PushedArtifact[] = [];
  for (const file of repo.files) {
    if (!WORKFLOW.test(file.path)) continue;
    for (const doc of file.documents) visit(doc.value, (step) => out.push(...fromStep(step, file.path)));
  }
  return out;
}

function visit(v: unknown, onStep: (step: Obj) => void): void {
  if (Array.isArray(v)) for (const item of v) visit(item, onStep);
  else if (isObj(v)) {
    if (typeof v.run === 'string' || typeof v.uses === 'string' || Array.isArray(v.script)) onStep(v);
    for (const child of Object.values(v)) if (typeof child === 'object') visit(child, onStep);
  }
}

function fromStep(step: Obj, file: string): PushedArtifact[] {
  const out: PushedArtifact[] = [];
  const scripts = [step.run, ...(Array.isArray(step.script) ? step.script : [])].filter((s): s is string => typeof s === 'string');
  for (const script of scripts) {
    // Line continuations joined: the command is often split over lines.
    const text = script.replace(/\\\r?\n/g, ' ');
    for (const m of text.matchAll(/flux\s+push\s+artifact\s+(\S+)([^\n]*)/g)) {
      const path = /--path(?:=|\s+)(["']?)([^"'\s]+)\1/.exec(m[2]!)?.[2];
      if (path) out.push({ url: urlPattern(m[1]!), path, file });
    }
  }
  const uses = typeof step.uses === 'string' ? step.uses : '';
  const w = isObj(step.with) ? step.with : {};
  if (/flux/i.test(uses) && /\/push@/.test(uses) && typeof w.repository === 'string' && typeof w.path === 'string') {
    out.push({ url: urlPattern(w.repository), path: w.path, file });
  }
  return out;
}

/** The URL without scheme, tag or digest. */
export function bareOciUrl(url: string): string {
  return url
    .trim()
    .replace(/^oci:\/\//, '')
    .replace(/@sha256:[0-9a-f]+$/, '')
    .replace(/:[^/:]+$/, '');
}

function urlPattern(raw: string): RegExp {
  const placeholders: string[] = [];
  const marked = bareOciUrl(raw.replace(/^["']|["']$/g, '')).replace(/\$\{\{\s*([^}]*?)\s*\}\}|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, (_, expr?: string) => {
    placeholders.push(expr === 'github.repository' ? '[^/]+/[^/]+' : '[^/]+');
    return `\u0000${placeholders.length - 1}\u0000`;
  });
  const source = marked
    .split(/\u0000(\d+)\u0000/)
    .map((part, i) => (i % 2 === 1 ? placeholders[Number(part)]! : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i');
}
