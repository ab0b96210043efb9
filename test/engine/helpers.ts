import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp repo with the given files (repo-relative path -> text), removed after the test file. */
export function tempRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-engine-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A custom rule forbidding metadata.labels.bad on any object: findings with an object, at a predictable line. */
export const badLabelRule = {
  id: 'no-bad-label',
  severity: 'warning' as const,
  description: 'no bad label',
  rationale: '',
  remediation: 'remove it',
  docs: 'https://example.com/no-bad-label',
  check: 'object-field',
  params: { path: 'metadata.labels.bad', forbidden: true },
};

export const configMap = (name: string, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n  labels:\n    bad: "yes"${extra}\n`;
