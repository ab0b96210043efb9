import { describe, expect, it } from 'vitest';
import { code, escapeMarkdown, markdown, markdownReport } from '../../src/report/markdown.js';
import { finding, lintResult, mixedResult, rule } from './results.js';

const links = { serverUrl: 'https://github.example', repository: 'acme/fleet', ref: 'abc123' };

describe('markdown formatter', () => {
  it('groups findings by file with links to the file and line on the commit, and rule ids to their docs', () => {
    const out = markdown(mixedResult(), { color: false, verbose: false, links, pathPrefix: 'gitops' });
    expect(out.split('\n')).toEqual([
      '### gitops-lint: 1 error, 1 warning and 1 info',
      '',
      '| Rule | Errors | Warnings | Info |',
      '| --- | ---: | ---: | ---: |',
      '| [`flux-kustomization-prune`](https://example.test/docs/rules/flux-kustomization-prune.md) | 1 | 0 | 0 |',
      '| [`yaml-duplicate-key`](https://example.test/docs/rules/yaml-duplicate-key.md) | 0 | 1 | 0 |',
      '| [`helmrelease-values`](https://example.test/docs/rules/helmrelease-values.md) | 0 | 0 | 1 |',
      '',
      '**[`gitops/apps/podinfo/release.yaml`](https://github.example/acme/fleet/blob/abc123/gitops/apps/podinfo/release.yaml)**',
      '',
      '- ℹ️ [L104](https://github.example/acme/fleet/blob/abc123/gitops/apps/podinfo/release.yaml#L104) [`helmrelease-values`](https://example.test/docs/rules/helmrelease-values.md) values could move to a ConfigMap',
      '',
      '**[`gitops/clusters/prod/apps.yaml`](https://github.example/acme/fleet/blob/abc123/gitops/clusters/prod/apps.yaml)**',
      '',
      '- ⚠️ [L3](https://github.example/acme/fleet/blob/abc123/gitops/clusters/prod/apps.yaml#L3) [`yaml-duplicate-key`](https://example.test/docs/rules/yaml-duplicate-key.md) duplicate key "name"',
      '- ❌ [L12](https://github.example/acme/fleet/blob/abc123/gitops/clusters/prod/apps.yaml#L12) [`flux-kustomization-prune`](https://example.test/docs/rules/flux-kustomization-prune.md) prune is not set',
      '',
    ]);
  });

  it('shows paths as code without links, rule ids without docs as code, and says so when clean', () => {
    const result = lintResult([finding({ file: 'a b.yaml', line: 2, ruleId: 'custom' })], { rules: [{ ...rule('custom'), helpUri: '' }] });
    const out = markdown(result, { color: false, verbose: false });
    expect(out).toContain('**`a b.yaml`**');
    expect(out).toContain('- ❌ L2 `custom` problem from custom');
    expect(markdown(lintResult(), { color: false, verbose: false })).toBe('### gitops-lint: no findings\n\n✅ No problems found.\n');
  });

  it('percent-encodes file names in links', () => {
    const result = lintResult([finding({ file: 'dir/we#ird %.yaml', line: 1, ruleId: 'r' })]);
    expect(markdown(result, { color: false, verbose: false, links })).toContain('https://github.example/acme/fleet/blob/abc123/dir/we%23ird%20%25.yaml#L1');
  });

  it('escapes messages so they neither format the page nor mention anyone', () => {
    expect(escapeMarkdown('<img src=x> **bold** [x](y) | @octocat #1 `c`\nnext & more')).toBe(
      '&lt;img src=x&gt; \\*\\*bold\\*\\* \\[x\\](y) \\| @\u200boctocat \\#1 \\`c\\` next &amp; more',
    );
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x')).toBe('`` `x ``');
  });

  it('stays within maxLength, counting what it left out and linking to where it is', () => {
    const findings = Array.from({ length: 500 }, (_, i) => finding({ file: `f${i % 7}.yaml`, line: i + 1, ruleId: 'r', message: `message ${i}` }));
    const result = lintResult(findings);
    const out = markdownReport(result.findings, { rules: result.rules, links, maxLength: 4000, moreUrl: 'https://github.example/run/1' });
    expect(out.length).toBeLessThanOrEqual(4000);
    const shown = out.match(/^- ❌/gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(10);
    expect(out).toContain(`_… and ${500 - shown} more findings: see the [job summary](https://github.example/run/1)._`);
    const full = markdownReport(result.findings, { rules: result.rules, links });
    expect(full.match(/^- ❌/gm)?.length).toBe(500);
    expect(full).not.toContain('more finding');
  });
});
