import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserSchemas } from '../../src/schema/index.js';
import { schemaFileNames } from '../../src/schema/user-schemas.js';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-user-schemas-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('user schema folders (kubeconform layout)', () => {
  it('tries the CRDs-catalog, openapi2jsonschema and kubeconform file names', () => {
    expect(schemaFileNames('helm.toolkit.fluxcd.io/v2', 'HelmRelease')).toEqual([
      'helm.toolkit.fluxcd.io/helmrelease_v2.json',
      'helmrelease_v2.json',
      'helmrelease-helm-v2.json',
    ]);
    expect(schemaFileNames('v1', 'Service')).toEqual(['service_v1.json', 'service-v1.json']);
  });

  it('reads from the first folder that has the kind, and converts like shipped schemas', () => {
    const first = folder({ 'deployment-apps-v1.json': JSON.stringify({ $schema: 'http://json-schema.org/schema#', properties: { spec: { description: 'd', type: 'object' } } }) });
    const second = folder({ 'apps/deployment_v1.json': '{"type":"string"}', 'widget_v1.json': '{"type":"object"}' });
    const schemas = new UserSchemas([first, second]);
    expect(schemas.find('apps/v1', 'Deployment')).toEqual({
      schema: {
        properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object' } },
        additionalProperties: false,
      },
      file: path.join(first, 'deployment-apps-v1.json'),
    });
    expect(schemas.find('acme.io/v1', 'Widget')).toEqual({ schema: { type: 'object' }, file: path.join(second, 'widget_v1.json') });
    expect(schemas.find('acme.io/v1', 'Gadget')).toBeUndefined();
  });

  it('reports unusable files and never leaves the folder for odd kind names', () => {
    const dir = folder({ 'gadget_v1.json': '{ not json', 'list_v1.json': '[]', 'sub/escape_v1.json': '{}' });
    const schemas = new UserSchemas([path.join(dir, 'sub')]);
    expect(new UserSchemas([dir]).find('acme.io/v1', 'Gadget')).toMatchObject({ error: expect.stringMatching(/^not valid JSON/) });
    expect(new UserSchemas([dir]).find('acme.io/v1', 'List')).toMatchObject({ error: 'not a JSON schema object' });
    expect(schemas.find('v1', '../gadget')).toBeUndefined();
    expect(schemas.find('../v1', 'Gadget')).toBeUndefined();
  });
});
