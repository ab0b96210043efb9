/** evaluateValidations: walking schema and value together, messages, paths and the reasons rules are skipped. */
import { describe, expect, it } from 'vitest';
import { evaluateValidations, parseFieldPath } from '../../src/schema/cel/index.js';
import { SchemaStore } from '../../src/schema/index.js';

type Schema = Record<string, unknown>;

const rules = (...list: Schema[]) => ({ 'x-kubernetes-validations': list });

const widget: Schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      ...rules({ rule: 'has(self.a) != has(self.b)', message: 'exactly one of a or b' }),
      properties: {
        a: { type: 'string' },
        b: { type: 'string' },
        replicas: { type: 'integer', ...rules({ rule: 'self <= 10', messageExpression: "'replicas ' + string(self) + ' is above 10'" }) },
        ratio: { type: 'number', ...rules({ rule: 'self < 1.0' }) },
        ports: { type: 'array', items: { $ref: '#/definitions/Port' } },
        labels: { type: 'object', additionalProperties: { type: 'string', ...rules({ rule: "self != ''", message: 'empty label' }) } },
        limits: { type: 'object', ...rules({ rule: 'self.min <= self.max', fieldPath: '.max', message: 'max below min' }), properties: { min: { type: 'integer' }, max: { type: 'integer' } } },
        ref: { type: 'object', ...rules({ rule: "self.__namespace__ == 'x'", message: 'namespace must be x' }), properties: { namespace: { type: 'string' } } },
        tier: { type: 'object', ...rules({ rule: "self.level == 'gold'", message: 'not gold' }), properties: { level: { type: 'string', default: 'gold' } } },
      },
    },
  },
};
const definitions: Record<string, Schema> = {
  Port: { allOf: [{ $ref: '#/definitions/Numbered' }], type: 'object', properties: { name: { type: 'string' } } },
  Numbered: { type: 'object', ...rules({ rule: 'self.port > 0', message: 'port must be positive' }), properties: { port: { type: 'integer' } } },
};

const run = (value: unknown) => evaluateValidations(widget, definitions, value);

describe('evaluateValidations', () => {
  it('passes a valid value', () => {
    const result = run({ spec: { a: 'x', replicas: 3, ratio: 0.5, ports: [{ port: 80 }], labels: { app: 'web' }, limits: { min: 1, max: 2 }, ref: { namespace: 'x' }, tier: {} } });
    expect(result).toEqual({ violations: [], skipped: [], evaluated: 8 });
  });

  it('reports each broken rule at its node, with its message', () => {
    const result = run({ spec: { a: 'x', b: 'y', ports: [{ port: 80 }, { port: 0 }], labels: { app: '' }, ref: { namespace: 'y' } } });
    expect(result.violations).toEqual([
      { path: ['spec'], message: 'exactly one of a or b', rule: 'has(self.a) != has(self.b)' },
      { path: ['spec', 'ports', 1], message: 'port must be positive', rule: 'self.port > 0' },
      { path: ['spec', 'labels', 'app'], message: 'empty label', rule: "self != ''" },
      { path: ['spec', 'ref'], message: 'namespace must be x', rule: "self.__namespace__ == 'x'" },
    ]);
  });

  it('uses messageExpression, then the default message; fieldPath moves the path', () => {
    const result = run({ spec: { a: 'x', replicas: 11, ratio: 2.5, limits: { min: 5, max: 2 } } });
    expect(result.violations).toEqual([
      { path: ['spec', 'replicas'], message: 'replicas 11 is above 10', rule: 'self <= 10' },
      { path: ['spec', 'ratio'], message: 'failed rule: self < 1.0', rule: 'self < 1.0' },
      { path: ['spec', 'limits', 'max'], message: 'max below min', rule: 'self.min <= self.max' },
    ]);
  });

  it('does not run the rules of absent or null fields', () => {
    expect(run({})).toEqual({ violations: [], skipped: [], evaluated: 0 });
    expect(run({ spec: { a: 'x', replicas: null } }).evaluated).toBe(1);
  });

  it('applies schema defaults before evaluating', () => {
    expect(run({ spec: { a: 'x', tier: {} } }).violations).toEqual([]);
    expect(run({ spec: { a: 'x', tier: { level: 'silver' } } }).violations.map((v) => v.message)).toEqual(['not gold']);
  });

  it('skips a rule reading a Flux ${VAR} placeholder, and only that rule', () => {
    const result = run({ spec: { a: 'x', b: 'y', ref: { namespace: '${NS}' }, labels: { app: '${APP}', tier: '' }, replicas: '${REPLICAS}' } });
    expect(result.violations.map((v) => v.message)).toEqual(['exactly one of a or b', 'empty label']);
    expect(result.skipped).toEqual([
      { rule: "self.__namespace__ == 'x'", reason: 'reads a Flux ${VAR} placeholder', kind: 'substitution', path: ['spec', 'ref'] },
      { rule: 'self <= 10', reason: 'reads a Flux ${VAR} placeholder', kind: 'substitution', path: ['spec', 'replicas'] },
    ]);
  });

  it('skips rules it cannot evaluate, with the reason, and never throws', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', ...rules({ rule: 'self == oldSelf' }, { rule: 'nosuch(self)' }, { rule: 'self.size() +' }, { rule: 'int(self) > 0' }, { rule: 'self.size()' }) },
      },
    };
    const result = evaluateValidations(schema, {}, { name: 'abc' });
    expect(result.violations).toEqual([]);
    expect(result.skipped.map((s) => s.kind)).toEqual(['transition', 'unsupported', 'unsupported', 'error', 'error']);
    expect(result.skipped[1]!.reason).toMatch(/nosuch/);
    expect(result.skipped[4]!.reason).toBe('rule returned bigint, not a bool');
  });

  it('runs a transition rule with optionalOldSelf on create, with oldSelf empty', () => {
    const schema = { type: 'string', ...rules({ rule: '!oldSelf.hasValue() || self == oldSelf.value()', optionalOldSelf: true }, { rule: "oldSelf.orValue('') != self", optionalOldSelf: true, message: 'same' }) };
    expect(evaluateValidations(schema, {}, 'abc')).toEqual({ violations: [], skipped: [], evaluated: 2 });
    expect(evaluateValidations(schema, {}, '').violations.map((v) => v.message)).toEqual(['same']);
  });

  it('skips a rule reading an unset field (the API server may default it)', () => {
    const schema = { type: 'object', ...rules({ rule: "self.kind == 'Service'" }), properties: { kind: { type: 'string' } } };
    const result = evaluateValidations(schema, {}, {});
    expect(result.skipped).toEqual([{ rule: "self.kind == 'Service'", kind: 'unset-field', path: [], reason: 'No such key: kind (a field that is not set; the API server may fill a default)' }]);
  });

  it('survives cyclic values and broken schemas', () => {
    const cyclic: Record<string, unknown> = { a: 'x' };
    cyclic.self = cyclic;
    const open = { type: 'object', ...rules({ rule: 'has(self.a)' }), additionalProperties: { $ref: '#/definitions/Open' } };
    expect(() => evaluateValidations(open, { Open: open }, cyclic)).not.toThrow();
    expect(evaluateValidations({ $ref: '#/definitions/Missing' }, {}, { a: 1 })).toEqual({ violations: [], skipped: [], evaluated: 0 });
    expect(evaluateValidations(widget, definitions, 'not an object').evaluated).toBe(0);
  });
});

describe('parseFieldPath', () => {
  it.each([
    ['.spec.foo', ['spec', 'foo']],
    ['.items[2].name', ['items', 2, 'name']],
    [".labels['a.b/c']", ['labels', 'a.b/c']],
    ['', []],
    ['spec..', []],
  ])('%s', (input, expected) => {
    expect(parseFieldPath(input)).toEqual(expected);
  });
});

describe('bundled CRD rules', () => {
  const store = new SchemaStore();
  const evaluate = (apiVersion: string, kind: string, value: unknown) => {
    const { schema, definitions } = store.rawSchema(store.locate(apiVersion, kind)!);
    return evaluateValidations(schema, definitions, value);
  };

  it('HelmRelease v2 needs exactly one of chart or chartRef', () => {
    const chart = { spec: { chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } } } };
    const chartRef = { spec: { chartRef: { kind: 'OCIRepository', name: 'podinfo' } } };
    expect(evaluate('helm.toolkit.fluxcd.io/v2', 'HelmRelease', { spec: { ...chart.spec, ...chartRef.spec } }).violations).toEqual([
      { path: ['spec'], message: 'either chart or chartRef must be set', rule: '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))' },
    ]);
    expect(evaluate('helm.toolkit.fluxcd.io/v2', 'HelmRelease', { spec: { interval: '1m' } }).violations).toHaveLength(1);
    expect(evaluate('helm.toolkit.fluxcd.io/v2', 'HelmRelease', chart).violations).toEqual([]);
    expect(evaluate('helm.toolkit.fluxcd.io/v2', 'HelmRelease', chartRef).violations).toEqual([]);
  });

  it('Gateway API: case-insensitive Go regex of GRPCRoute method matches', () => {
    const route = (service: string) => ({ spec: { rules: [{ matches: [{ method: { type: 'Exact', service } }] }] } });
    expect(evaluate('gateway.networking.k8s.io/v1', 'GRPCRoute', route('Foo.Bar')).violations).toEqual([]);
    expect(evaluate('gateway.networking.k8s.io/v1', 'GRPCRoute', route('foo..bar')).violations.map((v) => v.path)).toEqual([['spec', 'rules', 0, 'matches', 0, 'method']]);
  });
});
