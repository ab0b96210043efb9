import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/finding.js';
import { applyFixes } from '../../src/fix/apply.js';

const finding = (range: [number, number], text: string, ruleId = 'r'): Finding => ({
  file: 'a.yaml', line: 1, column: 1, endLine: 1, endColumn: 1, ruleId, severity: 'error', message: 'm', fix: { range, text },
});

describe('applyFixes (ESLint semantics)', () => {
  it.each([
    { name: 'one edit', text: 'abcdef', fixes: [finding([1, 3], 'X')], output: 'aXdef', applied: 1, deferred: 0 },
    { name: 'edits in any order are applied by position', text: 'abcdef', fixes: [finding([4, 5], 'Y'), finding([0, 1], 'X')], output: 'XbcdYf', applied: 2, deferred: 0 },
    { name: 'an overlapping edit waits for the next pass', text: 'abcdef', fixes: [finding([1, 4], 'X'), finding([2, 3], 'Y')], output: 'aXef', applied: 1, deferred: 1 },
    { name: 'an edit starting where the last ended waits too', text: 'abcdef', fixes: [finding([1, 2], 'X'), finding([2, 3], 'Y')], output: 'aXcdef', applied: 1, deferred: 1 },
    { name: 'the same edit twice is applied once', text: 'abcdef', fixes: [finding([1, 2], 'X', 'a'), finding([1, 2], 'X', 'b')], output: 'aXcdef', applied: 1, deferred: 0 },
    { name: 'an insertion', text: 'abc', fixes: [finding([3, 3], '\nd')], output: 'abc\nd', applied: 1, deferred: 0 },
    { name: 'a range past the end is dropped', text: 'abc', fixes: [finding([2, 9], 'X')], output: 'abc', applied: 0, deferred: 0 },
    { name: 'a reversed range is dropped', text: 'abc', fixes: [finding([2, 1], 'X')], output: 'abc', applied: 0, deferred: 0 },
  ])('$name', ({ text, fixes, output, applied, deferred }) => {
    const result = applyFixes(text, fixes);
    expect(result.output).toBe(output);
    expect(result.applied).toHaveLength(applied);
    expect(result.deferred).toHaveLength(deferred);
  });
});
