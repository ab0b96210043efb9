/** Type guards for values read from parsed YAML and JSON, shared by every layer that walks them. */

/** A mapping: an object that is neither null nor an array. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string with something in it, else undefined: an empty field counts as unset, as the controllers read it. */
export const nonEmptyString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
