/**
 * One SchemaResolver per lint run (keyed by the loaded repo), shared by schema-validation, schema-missing and
 * schema-cel: schema files are read, and in-repo CRDs converted, once. Created on first use, so a repo without
 * Kubernetes objects does no schema work.
 */
import type { CheckContext } from '../engine/types.js';
import type { LoadedRepo } from '../load/types.js';
import { SchemaResolver } from '../schema/resolver.js';
import { SchemaStore } from '../schema/store.js';

const resolvers = new WeakMap<LoadedRepo, SchemaResolver>();

export function schemaResolver(ctx: CheckContext): SchemaResolver {
  let resolver = resolvers.get(ctx.repo);
  if (!resolver) {
    const store = new SchemaStore(ctx.schemaCacheDir === undefined ? {} : { cacheDir: ctx.schemaCacheDir });
    resolver = new SchemaResolver(store, ctx.repo.files.flatMap((f) => f.documents), {
      kubernetesVersion: ctx.config?.kubernetesVersion,
      schemaLocations: ctx.config?.schemaLocations,
    });
    resolvers.set(ctx.repo, resolver);
  }
  return resolver;
}
