import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../src/schema/suggest.js';
import { editDistance } from '../../src/util/edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('imagePullPolice', 'imagePullPolicy')).toBe(1);
    expect(editDistance('flux', 'flxu')).toBe(2);
  });
});

describe('closestMatch', () => {
  it('suggests near misses and case-only differences', () => {
    expect(closestMatch('imagePullPolice', ['image', 'imagePullPolicy', 'imagePullSecrets'])).toBe('imagePullPolicy');
    expect(closestMatch('ServiceAccountName', ['serviceAccountName', 'serviceAccount'])).toBe('serviceAccountName');
    expect(closestMatch('valuez', ['values', 'valuesFrom'])).toBe('values');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closestMatch('zzzzzz', ['spec', 'status'])).toBeUndefined();
    expect(closestMatch('ab', ['xy'])).toBeUndefined();
    expect(closestMatch('foo', [])).toBeUndefined();
  });
});
