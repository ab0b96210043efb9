import { describe, expect, it } from 'vitest';
import { isSensitiveValue } from '../../src/k8s/sensitive.js';

const deployment = {
  spec: {
    replicas: 3,
    template: { spec: { containers: [{ name: 'web', image: 'nginx', env: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'DB_PASSWORD', value: 'x' }] }] } },
  },
};
const env = ['spec', 'template', 'spec', 'containers', 0, 'env'];

describe('isSensitiveValue', () => {
  it.each([
    ['everything in a Secret', 'Secret', {}, ['stringData', 'url']],
    ['the type of a Secret too', 'Secret', {}, ['type']],
    ['a credential-named key of ConfigMap data', 'ConfigMap', {}, ['data', 'db-password']],
    ['a key naming a credential', 'HelmRelease', {}, ['spec', 'values', 'auth', 'adminPassword']],
    ['an api key with a separator', 'HelmRelease', {}, ['spec', 'values', 'api_key']],
    ['the value of an env var whose name is a credential', 'Deployment', deployment, [...env, 1, 'value']],
  ])('%s', (_name, kind, root, path) => {
    expect(isSensitiveValue(kind, root, path)).toBe(true);
  });

  it.each([
    ['a replica count', ['spec', 'replicas']],
    ['an image', ['spec', 'template', 'spec', 'containers', 0, 'image']],
    ['the value of an ordinary env var', [...env, 0, 'value']],
  ])('not %s', (_name, path) => {
    expect(isSensitiveValue('Deployment', deployment, path)).toBe(false);
  });

  it('not the metadata of a Secret, unless a key names a credential', () => {
    expect(isSensitiveValue('Secret', {}, ['metadata', 'labels', 'backup'])).toBe(false);
    expect(isSensitiveValue('Secret', {}, ['metadata', 'annotations', 'vault-token'])).toBe(true);
  });

  it('not an ordinary ConfigMap value (ConfigMaps are not secret by design)', () => {
    expect(isSensitiveValue('ConfigMap', {}, ['data', 'schedule'])).toBe(false);
  });
});
