/** What the loader records as problems: syntax errors, duplicate keys. */
import { describe, expect, it } from 'vitest';
import { loadOne } from './helpers.js';


describe('syntax errors', () => {
  it('reports the exact line and column and keeps the other documents', async () => {
    const text = 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nmetadata:\n  name: [unclosed\n---\napiVersion: v1\nkind: C\n';
    const { repo, docs } = await loadOne(text);
    expect(docs.map((d) => [d.index, d.class, d.kind])).toEqual([
      [0, 'k8s', 'A'],
      [1, 'invalid', undefined],
      [2, 'k8s', 'C'],
    ]);
    expect(repo.problems).toHaveLength(1);
    const [p] = repo.problems;
    expect(p).toMatchObject({ kind: 'syntax', location: { file: 'file.yaml', line: 8, column: 1 } });
    expect(p!.message).toBe('YAML syntax error: unexpected end of the stream within a flow collection');
  });

  it('points inside the broken document', async () => {
    const { repo } = await loadOne('a: 1\n---\nb: 1\n c: 2\n');
    expect(repo.problems).toEqual([
      expect.objectContaining({ kind: 'syntax', location: { file: 'file.yaml', line: 4, column: 3, endLine: 4, endColumn: 4 } }),
    ]);
    expect(repo.problems[0]!.message).not.toContain('\n'); // no code snippet
  });

  it('hints at Go templates', async () => {
    const { repo } = await loadOne('kind: {{ .Kind }\nname: {{ .Name }}\n');
    expect(repo.problems[0]!.kind).toBe('syntax');
    expect(repo.problems[0]!.message).toMatch(/looks like a Go\/Helm template/);
  });

  it('accepts application tags as valid YAML', async () => {
    const { repo, docs } = await loadOne('a: !env_var KEY\nb: !reference [.x, y]\nc: !Ref\n  k: v\nd: !!binary aGk=\ne: !!str 5\n');
    expect(repo.problems).toEqual([]);
    expect(docs[0]!.value).toEqual({ a: 'KEY', b: ['.x', 'y'], c: { k: 'v' }, d: 'aGk=', e: '5' });
  });

  it('handles CRLF and keeps a document after a `...` end marker', async () => {
    const { docs, repo } = await loadOne('a: [\r\n...\r\n---\r\nb: 2\r\n');
    expect(docs.map((d) => d.class)).toEqual(['invalid', 'other']);
    expect(docs[1]!.value).toEqual({ b: 2 });
    expect(repo.problems[0]!.location.line).toBe(2);
  });
});

describe('duplicate keys', () => {
  it('reports the second key with the line of the first', async () => {
    const { repo } = await loadOne('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {}\n  replicas: 1\n  template: {}\n  replicas: 3\n');
    expect(repo.problems).toEqual([
      {
        kind: 'duplicate-key',
        message: 'duplicate key "replicas" (first defined at line 7); the API server rejects the object or one value is silently dropped',
        location: { file: 'file.yaml', line: 9, column: 3, endLine: 9, endColumn: 11 },
      },
    ]);
  });

  it('finds them in flow mappings, sequences and big mappings, but not in merge keys', async () => {
    const many = Array.from({ length: 30 }, (_, i) => `  k${i}: v`).join('\n');
    const { repo, docs } = await loadOne(`a: {x: 1, x: 2}\nb:\n- y: 1\n  y: 2\nc:\n${many}\n  k3: again\nbase: &b {p: 1}\nd:\n  <<: *b\n  <<: *b\n  p: 2\n`);
    expect(repo.problems.map((p) => [p.kind, p.location.line, p.message.slice(0, 18)])).toEqual([
      ['duplicate-key', 1, 'duplicate key "x" '],
      ['duplicate-key', 4, 'duplicate key "y" '],
      ['duplicate-key', 36, 'duplicate key "k3"'],
    ]);
    expect(docs[0]!.value).toMatchObject({ a: { x: 2 }, d: { p: 2 } });
  });
});
