import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SchemaStore } from '../../src/schema/index.js';
import { inlineShared } from '../support/schemas.js';

type Schema = Record<string, any>;
interface ShareModule {
  shareSubschemas(kinds: Record<string, Schema>): { kinds: Record<string, Schema>; definitions: Record<string, Schema> };
}
const script = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'share-subschemas.mjs');
/** The script is plain ESM without types; a computed specifier keeps TypeScript from resolving it. */
const share = async (kinds: Record<string, Schema>) => ((await import(pathToFileURL(script).href)) as ShareModule).shareSubschemas(kinds);

/** An object schema big enough (over 200 characters of JSON) to be worth sharing. */
const tls = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ca: { type: 'string', minLength: 1 },
    cert: { type: 'string', minLength: 1 },
    insecureSkipVerify: { type: 'boolean' },
    serverName: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$' },
  },
  required: ['ca'],
};
const endpoint = { type: 'object', additionalProperties: false, properties: { url: { type: 'string' }, tls }, required: ['url'] };
const root = (spec: Schema): Schema => ({ type: 'object', additionalProperties: false, properties: { spec } });

describe('shareSubschemas (scripts/share-subschemas.mjs)', () => {
  it('moves a subschema two kinds repeat into definitions, referred to from both places', async () => {
    const kinds = {
      'acme.io/v1/Alpha': root({ type: 'object', additionalProperties: false, properties: { primary: endpoint, name: { type: 'string' } } }),
      'acme.io/v1/Beta': root({ type: 'object', additionalProperties: false, properties: { endpoints: { type: 'array', items: endpoint } } }),
    };
    const { kinds: out, definitions } = await share(kinds);
    const names = Object.keys(definitions);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^shared\.primary\.[0-9a-f]{12}$/);
    const ref = { $ref: `#/definitions/${names[0]}` };
    expect(out['acme.io/v1/Alpha']!.properties.spec.properties.primary).toEqual(ref);
    expect(out['acme.io/v1/Beta']!.properties.spec.properties.endpoints.items).toEqual(ref);
    // `tls` repeats only because `endpoint` does: once the endpoint is shared, it occurs once and stays inline.
    expect(definitions[names[0]!]).toEqual(endpoint);
    for (const key of Object.keys(kinds)) expect(inlineShared(out[key], definitions)).toEqual(kinds[key as keyof typeof kinds]);
  });

  it('shares a nested subschema that also repeats outside its shared parent, and names do not depend on key order', async () => {
    const kinds = {
      'acme.io/v1/Alpha': root({ type: 'object', additionalProperties: false, properties: { a: endpoint, b: endpoint } }),
      'acme.io/v1/Beta': root({ type: 'object', additionalProperties: false, properties: { mtls: tls } }),
    };
    const { kinds: out, definitions } = await share(kinds);
    const names = Object.keys(definitions).sort();
    expect(names).toHaveLength(2);
    const [endpointName, tlsName] = names as [string, string];
    // Named after the property where each is met first (kinds in key order, properties sorted).
    expect(endpointName).toMatch(/^shared\.a\./);
    expect(tlsName).toMatch(/^shared\.tls\./);
    expect(definitions[endpointName]!.properties.tls).toEqual({ $ref: `#/definitions/${tlsName}` });
    expect(out['acme.io/v1/Beta']!.properties.spec.properties.mtls).toEqual({ $ref: `#/definitions/${tlsName}` });
    const reversed = await share({ 'acme.io/v1/Beta': kinds['acme.io/v1/Beta'], 'acme.io/v1/Alpha': kinds['acme.io/v1/Alpha'] });
    expect(reversed).toEqual({ kinds: out, definitions });
  });

  it('never shares inside allOf/anyOf/oneOf/not, nor subschemas too small to be worth a $ref', async () => {
    const small = { type: 'string', enum: ['a', 'b'] };
    const spec = { type: 'object', properties: { mode: small, other: small }, anyOf: [{ properties: { x: endpoint } }, { properties: { y: endpoint } }] };
    const kinds = { 'acme.io/v1/Alpha': root(spec), 'acme.io/v1/Beta': root({ type: 'object', additionalProperties: false, properties: { mode: small } }) };
    const { kinds: out, definitions } = await share(kinds);
    expect(definitions).toEqual({});
    expect(out).toEqual(kinds);
  });

  it('gives the same findings as the unshared schemas, through the runtime store', async () => {
    const alpha = root({
      type: 'object',
      additionalProperties: false,
      properties: { primary: endpoint, backup: endpoint, replicas: { type: 'integer', minimum: 1 } },
      required: ['primary'],
    });
    const kinds = { 'acme.io/v1/Alpha': alpha };
    const { kinds: sharedKinds, definitions } = await share(kinds);
    expect(Object.keys(definitions)).toHaveLength(1);
    const plain = new SchemaStore();
    plain.addSchemas({ kinds }, 'test');
    const shared = new SchemaStore();
    shared.addSchemas({ kinds: sharedKinds, definitions }, 'test');
    const values = [
      { spec: { primary: { url: 'https://a' } } },
      { spec: { primary: { url: 'https://a', tls: { cert: 'x', serverNme: 'a' } }, backup: { tls: { ca: 'y', serverName: 'Bad_Name' } } } },
      { spec: { replicas: 0, backup: { url: 1 } } },
    ];
    const options = { apiVersion: 'acme.io/v1', kind: 'Alpha' };
    const found = values.map((v) => shared.validate(v, options));
    expect(found).toEqual(values.map((v) => plain.validate(v, options)));
    expect(found[0]).toEqual([]);
    expect(found[1]!.map((e) => e.message)).toEqual([
      'spec.primary.tls is missing required field "ca"',
      'unknown field "serverNme" in spec.primary.tls (did you mean "serverName"?)',
      'spec.backup is missing required field "url"',
      'spec.backup.tls.serverName must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$, got string "Bad_Name"',
    ]);
  });
});
