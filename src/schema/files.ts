/**
 * The generated schema files (scripts/generate-schemas.mjs writes them into the package's `schemas/`): where they
 * are, their shape, and reading one with the digest the disk cache keys on.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnySchemaObject } from 'ajv';

/** schemas/index.json: which file holds each CRD kind and each Kubernetes minor. */
export interface SchemaIndex {
  crds: Record<string, { file: string; source: string }>;
  kubernetes: Record<string, string>;
}

/** One generated file: shared definitions, and the kinds it serves ("<apiVersion>/<Kind>" -> schema or definition name). */
export interface SchemaFile {
  definitions: Record<string, AnySchemaObject>;
  kinds: Record<string, unknown>;
}

/**
 * A Kubernetes minor written as its differences from another file (`base`, the newest minor): definitions and kinds
 * that differ or are new, and the names of the base's that this minor has not (see scripts/generate-schemas.mjs).
 */
export interface SchemaDelta extends SchemaFile {
  base: string;
  removed: { definitions: string[]; kinds: string[] };
}

export function isSchemaDelta(doc: SchemaFile): doc is SchemaDelta {
  return typeof (doc as Partial<SchemaDelta>).base === 'string';
}

/** The whole file a delta stands for. */
export function applySchemaDelta(base: SchemaFile, delta: SchemaDelta): SchemaFile {
  const merged = (section: 'definitions' | 'kinds') => {
    const out: Record<string, unknown> = { ...base[section], ...delta[section] };
    for (const name of delta.removed[section]) delete out[name];
    return out;
  };
  return { definitions: merged('definitions') as SchemaFile['definitions'], kinds: merged('kinds') };
}

/** The `schemas/` folder of this package, found from this module (works from src/ and dist/). */
export function defaultSchemaDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, 'index.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`gitops-lint: schemas/index.json not found above ${fileURLToPath(import.meta.url)}`);
}

export function readSchemaText(dir: string, file: string): string {
  const full = path.join(dir, file);
  try {
    return fs.readFileSync(full, 'utf8');
  } catch (err) {
    throw new Error(`gitops-lint: cannot read schema file ${full}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A key as a JSON pointer segment. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
