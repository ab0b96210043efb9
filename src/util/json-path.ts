/** A step into a parsed YAML/JSON value: a mapping key or a sequence index. */
export type PathSegment = string | number;
