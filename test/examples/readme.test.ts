/**
 * The project README stays true: its rules table lists every built-in rule with its default severity,
 * and every relative link points at a file of the project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinRules } from '../../src/config/rules.js';

const projectDir = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(projectDir, 'README.md'), 'utf8');

/** Rule id -> severity, from the rows of the README's rules table: | [`id`](docs/rules/id.md) | severity | ... | */
function rulesTable(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of readme.matchAll(/^\| \[`([a-z0-9-]+)`\]\(docs\/rules\/\1\.md\) \| (\w+) \|/gm)) rows.set(m[1]!, m[2]!);
  return rows;
}

describe('README.md', () => {
  it('lists every built-in rule with its default severity, and no other', () => {
    const expected = new Map(loadBuiltinRules().map((r) => [r.id, r.severity as string]));
    expect(expected.size).toBeGreaterThan(0);
    expect(rulesTable()).toEqual(expected);
    // The README says every rule is in the recommended set.
    expect(readme).toContain('every rule is in the `recommended` set');
    expect(loadBuiltinRules().filter((r) => r.recommended === false).map((r) => r.id)).toEqual([]);
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(0);
    const missing = links.filter((l) => !fs.existsSync(path.join(projectDir, l)));
    expect(missing, 'README links to missing files').toEqual([]);
  });

  it('gives the two quick start commands in code blocks of their own', () => {
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    expect(blocks).toContain('npm ci && npx gitops-lint examples/k8s-configs');
    expect(blocks).toContain('npm ci && npm test');
  });
});
