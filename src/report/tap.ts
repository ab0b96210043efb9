/**
 * TAP version 14 (testanything.org): one test point per linted file, `not ok` when it has a finding that fails the
 * run (--fail-on), each finding in the point's YAML diagnostic block. Paths relative to the working directory.
 */
import { printable } from './ansi.js';
import { failsRun, filesWithFindings } from './per-file.js';
import { cwdPath } from './tool.js';
import type { Formatter } from './types.js';

export const tap: Formatter = (result, options) => {
  const files = filesWithFindings(result);
  const lines = ['TAP version 14', `1..${files.length}`];
  files.forEach(([file, findings], i) => {
    const failed = findings.some((f) => failsRun(f, options.failOn));
    const name = file === '' ? '(repository)' : cwdPath(file, result.root, options.cwd);
    lines.push(`${failed ? 'not ok' : 'ok'} ${i + 1} - ${description(name)}`);
    if (findings.length === 0) return;
    // JSON strings are YAML flow scalars: safe for any message, quotes and colons included.
    lines.push('  ---', '  findings:');
    for (const f of findings) {
      lines.push(
        `    - ruleId: ${JSON.stringify(f.ruleId)}`,
        `      severity: ${f.severity}`,
        `      message: ${JSON.stringify(f.message)}`,
        `      line: ${f.line}`,
        `      column: ${f.column}`,
      );
    }
    lines.push('  ...');
  });
  return `${lines.join('\n')}\n`;
};

/** A test point description on one line, with `#` (a directive) and `\` escaped as TAP 14 says. */
function description(text: string): string {
  return printable(text).replace(/\\/g, '\\\\').replace(/#/g, '\\#');
}
