/** What the loader records as problems: syntax errors, duplicate keys, YAML 1.1/1.2 ambiguity. */
import { describe, expect, it } from 'vitest';
import { loadFiles, loadOne } from './helpers.js';

const configMap = (data: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n${data}\n`;

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

describe('YAML 1.1 / 1.2 ambiguous scalars', () => {
  it.each([
    ['yes', 'value: yes is the boolean true for kubectl (YAML 1.1) but the string "yes" for kustomize and Flux (YAML 1.2); quote it ("yes") or write true', '"yes"'],
    ['Off', 'value: Off is the boolean false for kubectl (YAML 1.1) but the string "Off" for kustomize and Flux (YAML 1.2); quote it ("Off") or write false', '"Off"'],
    ['y', 'value: y is the boolean true for kubectl (YAML 1.1) but the string "y" for kustomize and Flux (YAML 1.2); quote it ("y") or write true', '"y"'],
    ['NO', 'value: NO is the boolean false for kubectl (YAML 1.1) but the string "NO" for kustomize and Flux (YAML 1.2); quote it ("NO") or write false', '"NO"'],
    ['0755', 'value: 0755 is the octal integer 493 for kubectl (YAML 1.1) but the decimal integer 755 for kustomize and Flux (YAML 1.2); write 493 for the octal number (a file mode) or 755 for the decimal one', undefined],
    ['0o755', 'value: 0o755 is the string "0o755" for kubectl (YAML 1.1) but the octal integer 493 for kustomize and Flux (YAML 1.2); write 493', '493'],
    ['1:20', 'value: 1:20 is the base-60 number 80 for kubectl (YAML 1.1) but the string "1:20" for kustomize and Flux (YAML 1.2); quote it ("1:20")', '"1:20"'],
    ['1_000', 'value: 1_000 is the number 1000 for kubectl (YAML 1.1) but the string "1_000" for kustomize and Flux (YAML 1.2); quote it ("1_000") or write 1000', '"1_000"'],
  ] as [string, string, string | undefined][])('%s', async (scalar, message, fixText) => {
    const text = configMap(`  key: ${scalar}`);
    const { repo } = await loadOne(text);
    expect(repo.problems).toHaveLength(1);
    const p = repo.problems[0]!;
    expect(p.message).toBe(message);
    expect(p.location).toEqual({ file: 'file.yaml', line: 6, column: 8, endLine: 6, endColumn: 8 + scalar.length });
    if (fixText === undefined) {
      expect(p.fix).toBeUndefined(); // the author must say which number was meant
      return;
    }
    const fixed = text.slice(0, p.fix!.range[0]) + p.fix!.text + text.slice(p.fix!.range[1]);
    expect(fixed).toBe(configMap(`  key: ${fixText}`));
    // The fix removes the doubt.
    expect((await loadOne(fixed)).repo.problems).toEqual([]);
  });

  it.each(['"yes"', "'on'", 'true', 'False', '755', '0', '-1', '0.5', '1e3', '0x1F', '08', '"0755"', '12:30:99x', 'yesterday', 'nope', '!!str yes', '_1'])(
    'leaves %s alone',
    async (scalar) => {
      const { repo } = await loadOne(configMap(`  key: ${scalar}`));
      expect(repo.problems).toEqual([]);
    },
  );

  it.each([
    ['a flow sequence', '  k: [a, yes, b]'],
    ['a flow mapping key', '  k: {on: 1}'],
    ['a sequence item', '  k:\n  - off'],
    ['a value on its own line', '  k:\n    No'],
    ['an explicit key', '  ? n\n  : v'],
    ['a value with a comment', '  k: 0o17 # mode'],
    ['a CRLF line', '  k: 1:30\r\n  j: x'],
    ['an anchored value', '  k: &a 1_0'],
    ['a signed number', '  k: -0777'],
  ])('finds it in %s', async (_, data) => {
    const { repo } = await loadOne(configMap(data));
    expect(repo.problems.map((p) => p.kind)).toEqual(['ambiguous-scalar']);
  });

  it('checks keys too, and anchored scalars at the scalar', async () => {
    const { repo } = await loadOne(configMap('  on: x\n  a: &anchor no'));
    expect(repo.problems.map((p) => [p.message.slice(0, 9), p.location.column, p.fix])).toEqual([
      ['key: on i', 3, { range: expect.any(Array), text: '"on"' }],
      ['value: no', 14, { range: expect.any(Array), text: '"no"' }],
    ]);
    expect(repo.problems[0]!.message).toMatch(/quote it \("on"\)$/);
  });

  it('only in documents kustomize, Flux or kubectl read', async () => {
    const repo = await loadFiles({
      '.github/workflows/ci.yaml': 'on:\n  push: {}\nx: yes\n',
      'values.yaml': 'enabled: yes\n',
      'apps/kustomization.yaml': 'resources: [a.yaml]\ncommonLabels:\n  flag: on\n',
      'secret.yaml': 'apiVersion: v1\nkind: Secret\nsops:\n  mac: ENC[x]\n  enabled: off\n',
    });
    expect(repo.problems.map((p) => p.location.file)).toEqual(['apps/kustomization.yaml', 'secret.yaml']);
  });
});
