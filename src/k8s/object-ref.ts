/** The object a finding is about (Finding.object), built one way everywhere: fields that are unknown are left out. */
import type { ObjectRef } from '../finding.js';

export function objectRef(fields: { apiVersion?: string; kind?: string; namespace?: string; name?: string }): ObjectRef {
  const ref: ObjectRef = {};
  if (fields.apiVersion !== undefined) ref.apiVersion = fields.apiVersion;
  if (fields.kind !== undefined) ref.kind = fields.kind;
  if (fields.namespace !== undefined) ref.namespace = fields.namespace;
  if (fields.name !== undefined) ref.name = fields.name;
  return ref;
}
