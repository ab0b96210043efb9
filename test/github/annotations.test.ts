import { describe, expect, it } from 'vitest';
import { planAnnotations } from '../../src/github/annotations.js';
import type { Finding } from '../../src/finding.js';
import { finding } from '../report/results.js';

function many(n: number, severity: Finding['severity'], file = 'a.yaml'): Finding[] {
  return Array.from({ length: n }, (_, i) => finding({ file, line: i + 1, ruleId: 'r', severity }));
}

describe('annotations within the per-step caps', () => {
  it('writes every finding when each kind fits, with no extra notice', () => {
    const plan = planAnnotations([...many(10, 'error'), ...many(10, 'warning'), ...many(10, 'info')], undefined, '');
    expect(plan.commands).toHaveLength(30);
    expect(plan.left).toBe(0);
  });

  it('keeps 10 of each kind, most severe first, and one notice counting the rest', () => {
    const plan = planAnnotations([...many(3, 'info'), ...many(25, 'warning'), ...many(12, 'error')], undefined, 'gitops');
    const kinds = plan.commands.map((c) => c.slice(2, c.indexOf(' ')));
    expect(kinds).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning'), ...Array(3).fill('notice'), 'notice']);
    expect(plan.commands[0]).toContain('file=gitops/a.yaml,line=1,');
    expect(plan.commands.at(-1)).toBe('::notice title=gitops-lint::17 more findings not annotated: see the job summary for the full list.\n');
  });

  it('leaves a notice slot for the count when notices overflow', () => {
    const plan = planAnnotations(many(15, 'info'), undefined, '');
    expect(plan.commands.filter((c) => c.startsWith('::notice file='))).toHaveLength(9);
    expect(plan.commands).toHaveLength(10);
    expect(plan.left).toBe(6);
  });

  it('annotates only the lines the change adds when they are known', () => {
    const changed = new Map([['a.yaml', new Set([2])]]);
    const plan = planAnnotations(many(3, 'error'), changed, '');
    expect(plan.commands[0]).toContain('line=2,');
    expect(plan.commands[1]).toContain('2 more findings not annotated (annotations are on the lines this change adds)');
  });
});
