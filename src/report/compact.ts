/**
 * One line per finding, `path:line:col: severity message [rule]`, for editors, `grep` and CI problem matchers
 * (ESLint's compact, gcc's `file:line:col:` order). Paths are relative to the working directory; nothing else is printed.
 */
import { printable } from './ansi.js';
import { cwdPath } from './tool.js';
import type { Formatter } from './types.js';

export const compact: Formatter = (result, options) =>
  result.findings
    .map((f) => `${printable(cwdPath(f.file, result.root, options.cwd))}:${f.line}:${f.column}: ${f.severity} ${printable(f.message)} [${printable(f.ruleId)}]\n`)
    .join('');
