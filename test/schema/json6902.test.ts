import { describe, expect, it } from 'vitest';
import { json6902Problems } from '../../src/schema/index.js';

describe('JSON 6902 operation lists', () => {
  it('accepts every RFC 6902 operation written correctly', () => {
    const ops = [
      { op: 'add', path: '/spec/replicas', value: 1 },
      { op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: null },
      { op: 'remove', path: '/spec/template/spec/containers/0' },
      { op: 'replace', path: '/spec/x', value: 'y' },
      { op: 'move', from: '/a', path: '/b' },
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'test', path: '/a', value: 1 },
      { op: 'add', path: '/spec/items/-', value: {} },
    ];
    expect(json6902Problems(ops)).toEqual([]);
  });

  it('reports bad ops, pointers, missing value/from and unknown fields at their paths', () => {
    const problems = json6902Problems([
      { op: 'update', path: '/a', value: 1 },
      { op: 'add', path: 'spec/a' },
      { op: 'move', path: '/a' },
      { op: 'copy', path: '/a', from: '/b~2' },
      { path: '/a', valu: 1 },
      'remove /a',
    ]);
    expect(problems).toEqual([
      { path: [0, 'op'], message: 'operation 0: op "update" must be one of: add, remove, replace, move, copy, test' },
      { path: [1, 'path'], message: 'operation 1: path "spec/a" is not a JSON pointer: it must start with "/" and escape "~" as ~0 and "/" as ~1' },
      { path: [1], message: 'operation 1 (add) is missing "value"' },
      { path: [2], message: 'operation 2 (move) is missing "from"' },
      { path: [3, 'from'], message: 'operation 3: from "/b~2" is not a JSON pointer: it must start with "/" and escape "~" as ~0 and "/" as ~1' },
      { path: [4], message: 'operation 4 is missing "op" (one of: add, remove, replace, move, copy, test)' },
      { path: [4, 'valu'], message: 'operation 4: unknown field "valu" (allowed: op, path, value, from)' },
      { path: [5], message: 'operation 5 must be a mapping with op and path' },
    ]);
    expect(json6902Problems({ op: 'add' })).toEqual([{ path: [], message: 'a JSON 6902 patch must be a list of operations' }]);
  });
});
