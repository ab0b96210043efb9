/** Plain scalars as the Go YAML readers resolve them (src/k8s/go-yaml.ts), and the loader's values built on them. */
import { describe, expect, it } from 'vitest';
import { ambiguityOf, MAY_HOLD_AMBIGUITY } from '../../src/load/ambiguous.js';
import { goNumber, goTimestamp, resolveV3 } from '../../src/k8s/go-yaml.js';
import { loadFiles } from './helpers.js';

describe('goNumber: strconv.ParseInt with base 0 after dropping _, then yamlStyleFloat', () => {
  it.each([
    ['0755', 493],
    ['-0755', -493],
    ['+0755', 493],
    ['0o755', 493],
    ['0O17', 15],
    ['0x1F', 31],
    ['0X1f', 31],
    ['0x_1F', 31],
    ['0b101', 5],
    ['-0b11', -3],
    ['1_000', 1000],
    ['1__0', 10],
    ['08', 8], // not octal: ParseInt fails, yamlStyleFloat reads 8
    ['0', 0],
    ['00', 0],
    ['1.50', 1.5],
    ['1e3', 1000],
    ['12e03', 12000],
    ['.5', 0.5],
    ['+.5', 0.5],
    ['1.', 1],
    ['0.1_5', 0.15],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
  ])('%s is %d', (text, value) => {
    expect(goNumber(text)).toBe(value);
  });

  it.each(['12:30', '1:20:30', '_1', '0x', '+', '1e400', '.5_0', '0x1p-2', 'inf', '1.2.3', '2024-01-01', 'v1', '0o8'])('%s is not a number', (text) => {
    expect(goNumber(text)).toBeUndefined();
  });

  it('NaN for .nan', () => {
    expect(goNumber('.NaN')).toBeNaN();
  });
});

describe('goTimestamp: the layouts of resolve.go as time.Parse reads them, written back in RFC 3339', () => {
  it.each([
    ['2024-01-01', '2024-01-01T00:00:00Z'],
    ['2024-1-2', '2024-01-02T00:00:00Z'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43.1-05:00'],
    ['2001-12-14T21:59:43.000Z', '2001-12-14T21:59:43Z'],
    ['2001-12-14T21:59:43+00:00', '2001-12-14T21:59:43Z'],
    ['2001-12-14 21:59:43.10', '2001-12-14T21:59:43.1Z'],
    ['2002-12-14T10:00:00Z', '2002-12-14T10:00:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
    ['2024-01-01T10:00:00,5Z', '2024-01-01T10:00:00.5Z'],
  ])('%s is %s', (text, value) => {
    expect(goTimestamp(text)).toBe(value);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-01-01T10:00:00', '2024-01-01 10:00:00Z', '2001-12-14 21:59:43.10 -5', '2024-01-01T24:00:00Z', '20240101', '2024-01-01x', '24-01-01'])(
    '%s is not a timestamp',
    (text) => {
      expect(goTimestamp(text)).toBeUndefined();
    },
  );
});

describe('resolveV3', () => {
  it('reads only the YAML 1.2 words as booleans and nulls', () => {
    expect(['on', 'yes', 'y', 'True', 'null', '~', '', '0755', '2024-01-01'].map(resolveV3)).toEqual([
      { type: 'string', value: 'on' },
      { type: 'string', value: 'yes' },
      { type: 'string', value: 'y' },
      { type: 'boolean', value: true },
      { type: 'null' },
      { type: 'null' },
      { type: 'null' },
      { type: 'number', value: 493 },
      { type: 'time', value: '2024-01-01T00:00:00Z' },
    ]);
  });
});

describe('ambiguityOf', () => {
  it.each([
    ['on', 'value', { kind: 'boolean-word', role: 'value', text: 'on', kubectl: true }],
    ['N', 'key', { kind: 'boolean-word', role: 'key', text: 'N', kubectl: false }],
    ['2024-01-01', 'value', { kind: 'timestamp', text: '2024-01-01', flux: '2024-01-01T00:00:00Z' }],
    ['9000', 'key', { kind: 'non-string-key', text: '9000', flux: { type: 'number', value: 9000 } }],
    ['true', 'key', { kind: 'non-string-key', text: 'true', flux: { type: 'boolean', value: true } }],
    ['2024-01-01', 'key', { kind: 'non-string-key', text: '2024-01-01', flux: { type: 'time', value: '2024-01-01T00:00:00Z' } }],
  ] as const)('%s as a %s', (text, role, expected) => {
    expect(ambiguityOf(text, role)).toEqual(expected);
  });

  // The same reading for both: numbers (0755 is 493 for kubectl too), no base 60, canonical booleans, RFC 3339 as written.
  it.each(['0755', '0o755', '12:30', '1_000', '0x1F', '.inf', 'true', 'False', '~', '2002-12-14T10:00:00Z', 'yesterday', 'nope', 'ON_'])('%s as a value is the same for both', (text) => {
    expect(ambiguityOf(text, 'value')).toBeUndefined();
  });

  it.each(['name', '.dockerconfigjson', '~', 'null', '12:30', 'v1'])('%s as a key is the same for both', (text) => {
    expect(ambiguityOf(text, 'key')).toBeUndefined();
  });
});

describe('MAY_HOLD_AMBIGUITY, the cheap test before building a position tree', () => {
  it.each([
    'k: on',
    'k: &a no',
    'k: [a, yes]',
    'k: {x: Y}',
    '  - off',
    '  ? n\n  : v',
    'k: 2024-01-01 # date',
    'k: 2001-12-14 21:59:43.10',
    '  9000: x',
    '  - -1: x',
    '  true: 1',
    'k: {1.5: a}',
    '  2024-01-01: x',
  ])('passes %j', (text) => {
    expect(MAY_HOLD_AMBIGUITY.test(text)).toBe(true);
  });

  it.each(['  - name: x', 'image: nginx:1.2', '# turn this on', 'k: nope', 'k: "on"', 'mode: 0755', 'time: 12:30', 'k: v2024-01-01'])('skips %j', (text) => {
    expect(MAY_HOLD_AMBIGUITY.test(text)).toBe(false);
  });
});

describe('loaded values are what the Go readers make of the file', () => {
  const object = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  mode: 0755\n  on: yes\n  date: 2024-01-01\n  hex: 0x1F\n  time: 12:30\n';
  const kustomization = 'namespace: on\ncommonAnnotations:\n  mode: 0755\n  date: 2024-01-01\ngeneratorOptions:\n  disableNameSuffixHash: yes\n';

  it('resources as kustomize and Flux read them (go-yaml v3), kustomization files as kustomize reads them (go-yaml v2)', async () => {
    const repo = await loadFiles({ 'cm.yaml': object, 'kustomization.yaml': kustomization });
    const value = (file: string) => repo.fileMap.get(file)!.documents[0]!.value;
    expect(value('cm.yaml')).toMatchObject({ data: { mode: 493, on: 'yes', date: '2024-01-01T00:00:00Z', hex: 31, time: '12:30' } });
    expect(value('kustomization.yaml')).toEqual({ namespace: true, commonAnnotations: { mode: 493, date: '2024-01-01' }, generatorOptions: { disableNameSuffixHash: true } });
  });

  it('annotation values as kustomize writes them back: their text, for an object and the items of a List; labels as read', async () => {
    const meta = (indent: string) =>
      [`metadata:`, `  name: a`, `  labels: {mode: 0755}`, `  annotations:`, `    mode: 0755`, `    on: true`, `    date: 2024-01-01`, `    quoted: "1"`, `    empty:`, `    tagged: !!int 5`]
        .map((l) => indent + l)
        .join('\n');
    const repo = await loadFiles({
      'cm.yaml': `apiVersion: v1\nkind: ConfigMap\n${meta('')}\n`,
      'list.yaml': `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n${meta('  ')}\n`,
    });
    const annotations = { mode: '0755', on: 'true', date: '2024-01-01', quoted: '1', empty: '', tagged: '5' };
    const [object] = repo.fileMap.get('cm.yaml')!.documents;
    expect(object!.value).toMatchObject({ metadata: { labels: { mode: 493 }, annotations } });
    expect(object!.annotationsAsText).toBe(true);
    expect(repo.fileMap.get('list.yaml')!.documents[0]!.value).toMatchObject({ items: [{ metadata: { labels: { mode: 493 }, annotations } }] });
  });
});
