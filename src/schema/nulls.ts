/** Null stripping before validation: the API server treats `field: null` as if the field were not set. */

/**
 * Kubernetes treats `field: null` as unset: drop null-valued properties so only required ones are reported.
 * A YAML alias can make the value cyclic; a cycle is cut (as unset) rather than followed forever.
 * Copy on write: most objects hold no null, and copying every object of a large repo costs more than validating it.
 */
export function withoutNullFields(value: unknown, ancestors = new Set<object>(), done = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return null;
  // Aliases share objects: each is visited once, so a "billion laughs" document stays linear.
  if (done.has(value)) return done.get(value);
  ancestors.add(value);
  let out: unknown = value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const child = withoutNullFields(value[i], ancestors, done);
      if (child !== value[i]) (copy ??= value.slice())[i] = child;
    }
    out = copy ?? value;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    let changed: Map<string, unknown> | undefined;
    for (const key of keys) {
      const child = withoutNullFields(record[key], ancestors, done);
      if (child !== record[key] || child === null) (changed ??= new Map()).set(key, child);
    }
    // Object.fromEntries defines keys such as "__proto__" as plain properties.
    if (changed) {
      out = Object.fromEntries(
        keys.map((key) => [key, changed.has(key) ? changed.get(key) : record[key]] as const).filter(([, child]) => child !== null),
      );
    }
  }
  ancestors.delete(value);
  done.set(value, out);
  return out;
}
