import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/util/suggest.js';
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

describe('closestName', () => {
  it('suggests near misses and case-only differences', () => {
    expect(closestName('imagePullPolice', ['image', 'imagePullPolicy', 'imagePullSecrets'])).toBe('imagePullPolicy');
    expect(closestName('ServiceAccountName', ['serviceAccountName', 'serviceAccount'])).toBe('serviceAccountName');
    expect(closestName('valuez', ['values', 'valuesFrom'])).toBe('values');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closestName('zzzzzz', ['spec', 'status'])).toBeUndefined();
    expect(closestName('ab', ['xy'])).toBeUndefined();
    expect(closestName('foo', [])).toBeUndefined();
  });

  it('suggests partial matches for names, never for schema fields', () => {
    expect(closestName('infra', ['infra-controllers', 'apps'])).toBe('infra-controllers');
    expect(closestName('podinfo-app', ['podinfo', 'other'])).toBe('podinfo');
    expect(closestName('hostnameOverride', ['hostname', 'subdomain'], { partial: false })).toBeUndefined();
    expect(closestName('hostnameOverride', ['hostname', 'subdomain'])).toBe('hostname');
  });

  it('ties go to the first candidate in sorted order', () => {
    expect(closestName('ab', ['bb', 'aa'])).toBe('aa');
  });
});
