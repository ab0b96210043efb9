import { describe, expect, it } from 'vitest';
import { SchemaStore } from '../../src/schema/index.js';

/** Every shipped schema must compile with the runtime's strict ajv setup (unknown keywords or formats throw). */
describe('every shipped schema compiles', () => {
  const store = new SchemaStore();
  for (const minor of store.kubernetesVersions()) {
    it(`Kubernetes ${minor} built-ins and all CRDs`, () => {
      const kinds = store.knownKinds(minor);
      expect(kinds).toContain('apps/v1/Deployment');
      expect(kinds).toContain('helm.toolkit.fluxcd.io/v2/HelmRelease');
      for (const key of kinds) {
        const slash = key.lastIndexOf('/');
        const location = store.locate(key.slice(0, slash), key.slice(slash + 1), minor);
        expect(location, key).toBeDefined();
        expect(() => store.compile(location!), key).not.toThrow();
      }
    }, 180_000);
  }
});
