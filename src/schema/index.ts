export { SchemaStore, defaultSchemaDir, type SchemaLocation, type SchemaStoreOptions, type ValidateOptions } from './store.js';
export { formatPath, type SchemaError } from './messages.js';
export { QUANTITY_PATTERN } from './quantity.js';
