export {
  SchemaStore,
  defaultSchemaDir,
  type AddedSchemas,
  type SchemaLocation,
  type SchemaStoreOptions,
  type ValidateOptions,
} from './store.js';
export { formatPath, type SchemaError } from './messages.js';
export { QUANTITY_PATTERN } from './quantity.js';
export { convertCrd, convertSchema, translatePattern, type ConvertedCrdVersion } from './convert.js';
export { defaultCacheDir } from './cache.js';
export { UserSchemas } from './user-schemas.js';
export { json6902Problems, type Json6902Problem } from './json6902.js';
