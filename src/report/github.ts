/** GitHub Actions workflow commands: one ::error/::warning/::notice line per finding, shown as annotations. */
import type { Severity } from '../finding.js';
import { prefixedPath } from './tool.js';
import type { Formatter } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of a command's message (GitHub's toolkit escapeData). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value (GitHub's toolkit escapeProperty): also ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (result, options) =>
  result.findings
    .map((f) => {
      const properties = [
        `file=${escapeProperty(prefixedPath(f.file, options.pathPrefix))}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.ruleId)}`,
      ].join(',');
      return `::${COMMAND[f.severity]} ${properties}::${escapeData(f.message)}\n`;
    })
    .join('');
