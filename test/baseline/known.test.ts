/** The match fingerprint, counted splitting of findings, and baseline files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineOf, readBaseline, writeBaseline } from '../../src/baseline/file.js';
import { countFingerprints, splitKnown } from '../../src/baseline/known.js';
import { matchFingerprint, normaliseMessage } from '../../src/report/fingerprint.js';
import { finding } from '../report/results.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-known-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const object = { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const onObject = finding({ file: 'clusters/prod/apps.yaml', line: 8, ruleId: 'flux-path-missing', object, message: 'path missing' });

describe('matchFingerprint', () => {
  it('ignores lines, columns, severity and the file of a finding about an object', () => {
    const moved = { ...onObject, file: 'clusters/prod/moved.yaml', line: 80, column: 5, endLine: 81, severity: 'warning' as const };
    expect(matchFingerprint(moved)).toBe(matchFingerprint(onObject));
  });

  it('changes with the rule, the object identity or the message', () => {
    const variants = [
      { ...onObject, ruleId: 'other' },
      { ...onObject, object: { ...object, name: 'infra' } },
      { ...onObject, object: { ...object, namespace: 'default' } },
      { ...onObject, object: { ...object, kind: 'HelmRelease' } },
      { ...onObject, object: { ...object, apiVersion: 'v1' } },
      { ...onObject, message: 'another' },
    ];
    expect(new Set([onObject, ...variants].map(matchFingerprint)).size).toBe(variants.length + 1);
  });

  it('tells findings without an object apart by file', () => {
    const a = finding({ file: 'a.yaml', line: 1, ruleId: 'yaml-syntax', message: 'YAML syntax error: bad' });
    expect(matchFingerprint({ ...a, line: 9 })).toBe(matchFingerprint(a));
    expect(matchFingerprint({ ...a, file: 'b.yaml' })).not.toBe(matchFingerprint(a));
  });

  it('takes positions out of messages, and nothing else', () => {
    expect(normaliseMessage('duplicate key "a" (first defined at line 12); the API server rejects it')).toBe('duplicate key "a" (first defined at line); the API server rejects it');
    expect(normaliseMessage('first at clusters/prod/apps.yaml:4 by X, also apps/b.yml:10:3')).toBe('first at clusters/prod/apps.yaml by X, also apps/b.yml');
    expect(normaliseMessage('bad indentation (line 3 of the patch)')).toBe('bad indentation (line of the patch)');
    expect(normaliseMessage('port 8080:80 and replicas 3 stay')).toBe('port 8080:80 and replicas 3 stay');
  });
});

describe('splitKnown', () => {
  const a1 = finding({ file: 'a.yaml', line: 1, ruleId: 'r' });
  const a2 = finding({ file: 'a.yaml', line: 5, ruleId: 'r' });
  const b1 = finding({ file: 'b.yaml', line: 1, ruleId: 'r' });

  it('keeps the surplus of each fingerprint over the known count', () => {
    expect(splitKnown([a1, a2, b1], countFingerprints([a1]))).toEqual({ fresh: [a2, b1], known: [a1] });
    expect(splitKnown([a1, a2], countFingerprints([a1, a2, a2]))).toEqual({ fresh: [], known: [a1, a2] });
    expect(splitKnown([a1], new Map())).toEqual({ fresh: [a1], known: [] });
  });

  it('takes the surplus from changed files first', () => {
    const x = { ...onObject, file: 'x.yaml' };
    const y = { ...onObject, file: 'y.yaml' };
    expect(splitKnown([x, y], countFingerprints([x]), new Set(['x.yaml'])).fresh).toEqual([x]);
    expect(splitKnown([x, y], countFingerprints([x]), new Set(['y.yaml'])).fresh).toEqual([y]);
  });
});

describe('baseline files', () => {
  const secretMessage = finding({ file: 's.yaml', line: 3, ruleId: 'secret-plaintext', message: 'Secret "db" key "password" holds hunter2-value' });

  it('hold the version, the tool, fingerprints with counts and rule ids: no message, file or value', () => {
    const file = path.join(tmp, 'nested', 'baseline.json');
    const written = writeBaseline(file, [onObject, { ...onObject, line: 20 }, secretMessage]);
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(written);
    expect(written).toMatchObject({ version: 1, tool: { name: 'gitops-lint' }, fingerprint: 'gitopsLintMatch/v1' });
    expect(written.findings).toEqual([
      { rule: 'flux-path-missing', fingerprint: matchFingerprint(onObject), count: 2 },
      { rule: 'secret-plaintext', fingerprint: matchFingerprint(secretMessage), count: 1 },
    ]);
    for (const leak of ['hunter2', 'path missing', 's.yaml', 'apps.yaml']) expect(text).not.toContain(leak);
    expect(readBaseline(file)).toEqual(countFingerprints([onObject, onObject, secretMessage]));
  });

  it('are rejected with what to do when missing, malformed or of another scheme', () => {
    const write = (name: string, data: unknown): string => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
      return file;
    };
    const good = baselineOf([onObject]);
    expect(() => readBaseline(path.join(tmp, 'none.json'))).toThrow(/not found \(write one with --write-baseline\)/);
    expect(() => readBaseline(write('bad.json', '{'))).toThrow(/bad\.json: cannot read/);
    expect(() => readBaseline(write('list.json', []))).toThrow(/not a gitops-lint baseline/);
    expect(() => readBaseline(write('v9.json', { ...good, version: 9 }))).toThrow(/version 9 is not supported .* write it again with --write-baseline/);
    expect(() => readBaseline(write('scheme.json', { ...good, fingerprint: 'other/v1' }))).toThrow(/are not this version's/);
    expect(() => readBaseline(write('count.json', { ...good, findings: [{ fingerprint: 'x', count: 0 }] }))).toThrow(/findings\[0\] must have/);
  });
});
