/** RFC 6902 JSON Patch operation lists (kustomize patchesJson6902, `patches` whose content is a list of operations). */
import type { PathSegment } from '../util/json-path.js';

export interface Json6902Problem {
  /** Path inside the operation list to the offending node (an operation, or one of its fields). */
  path: PathSegment[];
  message: string;
}

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
const NEEDS_VALUE = new Set(['add', 'replace', 'test']);
const NEEDS_FROM = new Set(['move', 'copy']);
const KNOWN_FIELDS = new Set(['op', 'path', 'value', 'from']);
/** RFC 6901: "" or "/" followed by tokens where "~" only appears as ~0 or ~1. */
const JSON_POINTER = /^(\/([^~]|~[01])*)*$/;

function pointerProblem(value: unknown, field: 'path' | 'from', at: PathSegment[]): Json6902Problem | undefined {
  if (typeof value !== 'string') return { path: at, message: `${field} must be a JSON pointer string such as /spec/replicas` };
  if (!value.startsWith('/') || !JSON_POINTER.test(value)) {
    return { path: at, message: `${field} ${JSON.stringify(value)} is not a JSON pointer: it must start with "/" and escape "~" as ~0 and "/" as ~1` };
  }
  return undefined;
}

/** Problems of a JSON 6902 operation list (empty when valid). */
export function json6902Problems(ops: unknown): Json6902Problem[] {
  if (!Array.isArray(ops)) return [{ path: [], message: 'a JSON 6902 patch must be a list of operations' }];
  const problems: Json6902Problem[] = [];
  ops.forEach((op, i) => {
    if (typeof op !== 'object' || op === null || Array.isArray(op)) {
      problems.push({ path: [i], message: `operation ${i} must be a mapping with op and path` });
      return;
    }
    const o = op as Record<string, unknown>;
    if (!('op' in o)) {
      problems.push({ path: [i], message: `operation ${i} is missing "op" (one of: ${OPS.join(', ')})` });
    } else if (typeof o.op !== 'string' || !OPS.includes(o.op)) {
      problems.push({ path: [i, 'op'], message: `operation ${i}: op ${JSON.stringify(o.op)} must be one of: ${OPS.join(', ')}` });
    }
    if (!('path' in o)) problems.push({ path: [i], message: `operation ${i} is missing "path"` });
    else {
      const p = pointerProblem(o.path, 'path', [i, 'path']);
      if (p) problems.push({ ...p, message: `operation ${i}: ${p.message}` });
    }
    const name = typeof o.op === 'string' ? o.op : '';
    if (NEEDS_VALUE.has(name) && !('value' in o)) problems.push({ path: [i], message: `operation ${i} (${name}) is missing "value"` });
    if (NEEDS_FROM.has(name)) {
      if (!('from' in o)) problems.push({ path: [i], message: `operation ${i} (${name}) is missing "from"` });
      else {
        const p = pointerProblem(o.from, 'from', [i, 'from']);
        if (p) problems.push({ ...p, message: `operation ${i}: ${p.message}` });
      }
    }
    for (const key of Object.keys(o)) {
      if (!KNOWN_FIELDS.has(key)) problems.push({ path: [i, key], message: `operation ${i}: unknown field "${key}" (allowed: op, path, value, from)` });
    }
  });
  return problems;
}
