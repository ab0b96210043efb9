/**
 * Schemas users bring with --schema-location DIR (or config `schemaLocations`), in kubeconform's layouts:
 *   <group>/<kind>_<version>.json        (datreeio CRDs-catalog)
 *   <kind>_<version>.json                (openapi2jsonschema's default file names)
 *   <kind>-<group prefix>-<version>.json (kubeconform's {{ .ResourceKind }}{{ .KindSuffix }}, e.g. deployment-apps-v1.json)
 * Kind names are lowercased. Folders only: schemas are never fetched from a URL. Files are read lazily, one per kind
 * in use, and converted like shipped schemas (closed objects, int-or-string, formats) so strictness is the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { convertSchema, type JsonSchema } from './convert.js';

export type UserSchemaLookup = { schema: JsonSchema; file: string } | { error: string; file: string } | undefined;

/** Keys a standalone schema file may carry that mean nothing once it is embedded in the store's schema set. */
const ROOT_ONLY_KEYS = ['$schema', '$id', 'id'];

const OBJECT_FIELDS = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };

/** Candidate file names for apiVersion/kind, in the order they are tried. */
export function schemaFileNames(apiVersion: string, kind: string): string[] {
  const lower = kind.toLowerCase();
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return [`${lower}_${apiVersion}.json`, `${lower}-${apiVersion}.json`];
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const prefix = group.split('.')[0]!.toLowerCase();
  return [`${group}/${lower}_${version}.json`, `${lower}_${version}.json`, `${lower}-${prefix}-${version}.json`];
}

export class UserSchemas {
  private readonly found = new Map<string, UserSchemaLookup>();

  /** @param dirs absolute folders, in precedence order */
  constructor(readonly dirs: readonly string[]) {}

  /** The schema for apiVersion/kind from the first folder that has one; an error when that file is unusable. */
  find(apiVersion: string, kind: string): UserSchemaLookup {
    const key = `${apiVersion}/${kind}`;
    if (!this.found.has(key)) this.found.set(key, this.read(apiVersion, kind));
    return this.found.get(key);
  }

  private read(apiVersion: string, kind: string): UserSchemaLookup {
    // Names come from documents: never let a kind like "../x" leave the folder.
    if (/[\\/]|^\.\.?$/.test(kind) || apiVersion.includes('..') || apiVersion.split('/').length > 2) return undefined;
    for (const dir of this.dirs) {
      for (const name of schemaFileNames(apiVersion, kind)) {
        const file = path.join(dir, name);
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
          return { error: `cannot read: ${(err as Error).message}`, file };
        }
        try {
          const raw = JSON.parse(text) as unknown;
          if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'not a JSON schema object', file };
          const root = { ...(raw as JsonSchema) };
          for (const key of ROOT_ONLY_KEYS) delete root[key];
          const schema = convertSchema(root).schema;
          // Every object has these, whether or not the file lists them (it is then closed by the conversion).
          if (schema.properties && typeof schema.properties === 'object') schema.properties = { ...OBJECT_FIELDS, ...schema.properties };
          return { schema, file };
        } catch (err) {
          return { error: `not valid JSON: ${(err as Error).message}`, file };
        }
      }
    }
    return undefined;
  }
}
