/**
 * Infrastructure-as-code files that declare Flux configurations for AKS / Azure Arc: Bicep, ARM JSON templates and
 * Terraform. They are read only when their text names a Flux configuration, and parsed into one document each (class
 * `other`, so no manifest rule judges it) whose value and position tree the graph reads (src/graph/azure/).
 */
import { computeLineStarts, positionIn } from '../positions.js';
import { parseDocument } from '../tree.js';
import type { SkippedFile, SourceFile, YamlDocument } from '../types.js';
import { parseBicep } from './bicep.js';
import { parseHcl } from './hcl.js';
import { ScanError, type Parsed } from './scan.js';

export type IacFormat = 'bicep' | 'arm' | 'terraform';

/** The format a file name and text say, when the text declares a Flux configuration; undefined otherwise. */
export function iacFormat(path: string, text: string): IacFormat | undefined {
  if (/\.bicep$/i.test(path)) return /Microsoft\.KubernetesConfiguration\/fluxConfigurations/i.test(text) ? 'bicep' : undefined;
  if (/\.tf$/i.test(path)) return text.includes('azurerm_kubernetes_flux_configuration') ? 'terraform' : undefined;
  if (/\.json$/i.test(path)) return /"Microsoft\.KubernetesConfiguration\/fluxConfigurations"/i.test(text) ? 'arm' : undefined;
  return undefined;
}

export function isIacCandidate(name: string): boolean {
  return /\.(bicep|tf)$/i.test(name);
}

/**
 * The file as one document. A file this reader cannot follow gives no document and is listed as skipped (with where it
 * stopped), not reported as an error: Terraform and Bicep have syntax beyond what the reader knows, and the file is
 * valid for its own tools.
 */
export function parseIacFile(path: string, text: string, format: IacFormat, skipped: SkippedFile[]): SourceFile {
  const lineStarts = computeLineStarts(text);
  const file: SourceFile = { path, text, lineStarts, documents: [] };
  let parsed: Parsed;
  try {
    if (format === 'arm') {
      const doc = parseDocument(text, 0, text.length);
      if (!doc.root) return file;
      parsed = { value: doc.value, node: doc.root };
    } else parsed = format === 'bicep' ? parseBicep(text) : parseHcl(text);
  } catch (error) {
    const offset = error instanceof ScanError ? error.offset : ((error as { mark?: { position?: number } }).mark?.position ?? 0);
    const { line, column } = positionIn(lineStarts, offset);
    const detail = `its Flux configurations were not read: ${(error as Error).message.split('\n')[0]} at line ${line}, column ${column}`;
    skipped.push({ path, reason: 'unsupported-syntax', detail });
    return file;
  }
  file.documents.push({ file: path, index: 0, value: parsed.value, root: parsed.node, start: 0, end: text.length, class: 'other' } satisfies YamlDocument);
  return file;
}
