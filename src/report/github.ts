/** GitHub Actions workflow commands: one ::error/::warning/::notice line per finding, shown as annotations. */
import type { Finding, Severity } from '../finding.js';
import { cwdPath } from './tool.js';
import type { Formatter } from './types.js';

export const ANNOTATION_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of a command's message (GitHub's toolkit escapeData). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value (GitHub's toolkit escapeProperty): also ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The workflow command that shows one finding as an annotation; `file` is the path as GitHub should resolve it. */
export function annotationCommand(f: Finding, file: string): string {
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `endLine=${f.endLine}`,
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(f.ruleId)}`,
  ].join(',');
  return `::${ANNOTATION_COMMAND[f.severity]} ${properties}::${escapeData(f.message)}\n`;
}

export const github: Formatter = (result, options) => result.findings.map((f) => annotationCommand(f, cwdPath(f.file, result.root, options.cwd))).join('');
