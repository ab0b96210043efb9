/** TIMING (ESLint's convention): the slowest rules' check times on stderr after the report, only when asked. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIO } from './io.js';

const example = path.resolve(__dirname, '../../examples/k8s-configs');

describe('TIMING', () => {
  it('is silent without it', async () => {
    const io = captureIO();
    await run([example, '--format', 'json'], io);
    expect(io.err()).not.toContain('Time (ms)');
    expect(() => JSON.parse(io.out())).not.toThrow();
  });

  it.each([
    ['all', (n: number, rules: number) => n === rules],
    ['3', (n: number) => n === 3],
    ['1', (n: number, rules: number) => n === Math.min(10, rules)],
  ])('TIMING=%s lists that many rules, slowest first, on stderr only', async (setting, expected) => {
    const io = captureIO({ env: { TIMING: setting } });
    await run([example, '--format', 'json'], io);
    const report = JSON.parse(io.out()) as { rules: unknown[] };
    const rows = io.err().split('\n').filter((l) => /^[a-z0-9-]+ +\| +\d+\.\d \| +\d+\.\d%$/.test(l));
    expect(expected(rows.length, report.rules.length)).toBe(true);
    const times = rows.map((l) => Number(l.split('|')[1]));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(io.err()).toMatch(/^\(checks \d+ ms of \d+ ms for the whole run\)$/m);
  });
});
