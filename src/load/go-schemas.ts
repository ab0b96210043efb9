/**
 * js-yaml schemas that resolve plain scalars as the Go readers do (src/k8s/go-yaml.ts), so loaded values are what the
 * cluster gets and schema messages show them (`mode: 0755` is 493, as kubectl and kustomize read it):
 *  - GO_YAML_V3_SCHEMA: as kustomize, so Flux, reads resources and patches (go-yaml v3 through kyaml): `on` is a
 *    string and `2024-01-01` the string "2024-01-01T00:00:00Z";
 *  - GO_YAML_V2_SCHEMA: as sigs.k8s.io/yaml reads YAML (go-yaml v2), which is how kustomize reads kustomization files
 *    (kustomize api/types/kustomization.go `Unmarshal`) and kubectl apply -f reads manifests: `on` is true and
 *    timestamps stay as written.
 * Both add merge keys `<<` (go-yaml applies them) and keep application tags (`!env_var X`, `!reference [...]`, `!!binary`)
 * as written instead of failing; multi types are only a fallback after the exact tags of the schema.
 */
import yaml from 'js-yaml';
import { CORE_BOOLEANS, goNumber, goTimestamp, YAML11_BOOLEAN_WORDS } from '../k8s/go-yaml.js';

const mergeType = (yaml as unknown as { types: { merge: yaml.Type } }).types.merge; // exported by js-yaml, not by its typings

const anyTag = (prefix: string, kind: 'scalar' | 'sequence' | 'mapping'): yaml.Type =>
  new yaml.Type(prefix, { kind, multi: true, construct: (data: unknown) => data });
const anyTags = ['!', 'tag:'].flatMap((prefix) => (['scalar', 'sequence', 'mapping'] as const).map((kind) => anyTag(prefix, kind)));

const isGoNumber = (data: unknown): boolean => typeof data === 'string' && goNumber(data) !== undefined;
/** Both tags resolve any Go number: go-yaml turns an int into a float for `!!float`; implicitly, `int` is tried first. */
const numberType = (tag: string): yaml.Type => new yaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: isGoNumber, construct: goNumber });

const timestampType = new yaml.Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && goTimestamp(data) !== undefined,
  construct: goTimestamp,
});

const BOOLEANS_1_1 = new Map([...CORE_BOOLEANS, ...YAML11_BOOLEAN_WORDS]);
const booleanType11 = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && BOOLEANS_1_1.has(data),
  construct: (data: string) => BOOLEANS_1_1.get(data),
});

// A type replaces the core schema's type of the same tag in place, so resolution order stays null, bool, int, float.
export const GO_YAML_V3_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [numberType('int'), numberType('float'), timestampType, mergeType],
  explicit: anyTags,
});

export const GO_YAML_V2_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [booleanType11, numberType('int'), numberType('float'), mergeType],
  explicit: anyTags,
});
