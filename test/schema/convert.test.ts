import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { convertCrd } from '../../src/schema/index.js';
import { needsUpstream, upstreamAbsent, UPSTREAM_DIR } from '../support/corpus.js';
import { readSchemaFile, unsharedKind } from '../support/schemas.js';

const upstream = UPSTREAM_DIR;

describe('convertCrd (shared by the generator and in-repo CRDs)', () => {
  it.skipIf(upstreamAbsent)(needsUpstream('converts an upstream CRD exactly as the committed schemas hold it'), () => {
    const text = fs.readFileSync(path.join(upstream, 'flux', 'v2.9.4', 'helm-controller-v1.6.3.crds.yaml'), 'utf8');
    // In a repo, YAML is read with the 1.2 core schema: the conversion must not depend on it.
    const crd = yaml.loadAll(text, undefined, { schema: yaml.CORE_SCHEMA }).find((d) => (d as { kind?: string })?.kind === 'CustomResourceDefinition');
    const shipped = readSchemaFile('crds/helm.toolkit.fluxcd.io.json');
    const versions = convertCrd(crd);
    expect(versions.map((v) => v.key)).toContain('helm.toolkit.fluxcd.io/v2/HelmRelease');
    for (const v of versions) expect(JSON.parse(JSON.stringify(v.schema)), v.key).toEqual(unsharedKind(shipped, v.key));
  });

  it('keeps served versions only, adds apiVersion, kind and ObjectMeta, and skips malformed CRDs', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      spec: {
        group: 'acme.io',
        names: { kind: 'Gadget' },
        versions: [
          { name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'integer' } } } } } } },
          { name: 'v0', served: false, schema: { openAPIV3Schema: { type: 'object' } } },
          { name: 'v2', served: true },
        ],
      },
    };
    expect(convertCrd(crd)).toEqual([
      {
        key: 'acme.io/v1/Gadget',
        apiVersion: 'acme.io/v1',
        kind: 'Gadget',
        schema: {
          type: 'object',
          additionalProperties: false,
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
            spec: { type: 'object', additionalProperties: false, properties: { a: { type: 'integer' } } },
          },
        },
      },
    ]);
    for (const bad of [null, 'x', { kind: 'CustomResourceDefinition' }, { kind: 'CustomResourceDefinition', spec: { group: 1 } }, { ...crd, kind: 'Other' }]) {
      expect(convertCrd(bad)).toEqual([]);
    }
  });
});
