/**
 * JUnit XML as GitLab, Azure DevOps and Jenkins read it: one <testsuite> per linted file, one <testcase> per finding
 * (with a <failure> when the finding fails the run under --fail-on; below it, the finding is in <system-out>), and
 * one passing <testcase> for a file without findings. Paths relative to the working directory.
 */
import { failsRun, filesWithFindings } from './per-file.js';
import { TOOL_NAME, cwdPath } from './tool.js';
import type { Formatter } from './types.js';

export const junit: Formatter = (result, options) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [file, findings] of filesWithFindings(result)) {
    const name = file === '' ? '(repository)' : cwdPath(file, result.root, options.cwd);
    const cases = findings.map((f) => {
      const where = `${name}:${f.line}:${f.column}`;
      const text = `${where}: ${f.severity} ${f.message} [${f.ruleId}]`;
      const attributes = `name="${xml(`${f.ruleId} at ${f.line}:${f.column}`)}" classname="${xml(name)}" file="${xml(name)}" line="${f.line}" time="0"`;
      return failsRun(f, options.failOn)
        ? `    <testcase ${attributes}>\n      <failure message="${xml(f.message)}" type="${xml(f.ruleId)}">${xml(text)}</failure>\n    </testcase>`
        : `    <testcase ${attributes}>\n      <system-out>${xml(text)}</system-out>\n    </testcase>`;
    });
    if (cases.length === 0) cases.push(`    <testcase name="${TOOL_NAME}" classname="${xml(name)}" file="${xml(name)}" time="0"/>`);
    const failed = findings.filter((f) => failsRun(f, options.failOn)).length;
    tests += cases.length;
    failures += failed;
    suites.push(
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const time = (result.stats.durationMs / 1000).toFixed(3);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${TOOL_NAME}" tests="${tests}" failures="${failures}" errors="0" time="${time}">\n` +
    (suites.length > 0 ? `${suites.join('\n')}\n` : '') +
    '</testsuites>\n'
  );
};

/**
 * Text for an XML attribute or element: markup characters escaped, and characters XML 1.0 cannot carry at all
 * (control characters other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) shown as \u escapes.
 */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
