/** One YAML file's text -> SourceFile (documents, position trees, classes) and the problems found in it. */
import type yaml from 'js-yaml';
import { annotationsAsText, hasRewrittenAnnotation } from './annotations.js';
import { classifyDocument, isKustomizationFileName } from './classify.js';
import { GO_YAML_V2_SCHEMA, GO_YAML_V3_SCHEMA } from './go-schemas.js';
import { baseName } from './paths.js';
import { computeLineStarts, positionIn, rangeLocation } from './positions.js';
import { splitDocuments, type DocumentChunk } from './split.js';
import { isDuplicateKeyError, parseDocument, parseValue } from './tree.js';
import type { LoadProblem, SourceFile, YamlDocument, YNode } from './types.js';

const TEMPLATE_HINT = '; the file contains "{{", so it looks like a Go/Helm template, which is not YAML until rendered';

export function parseYamlFile(path: string, rawText: string, inHelmChart: boolean, problems: LoadProblem[]): SourceFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineStarts = computeLineStarts(text);
  const file: SourceFile = { path, text, lineStarts, documents: [] };
  if (inHelmChart) file.inHelmChart = true;
  const base = baseName(path);
  const kustomizationFile = isKustomizationFileName(base);
  const chunks = splitDocuments(text);
  for (let index = 0; index < chunks.length; index++) {
    file.documents.push(parseChunk(file, chunks[index]!, { index, base, inHelmChart, kustomizationFile }, problems));
  }
  return file;
}

interface ChunkContext {
  index: number;
  base: string;
  inHelmChart: boolean;
  kustomizationFile: boolean;
}

/**
 * Parse one document. The value comes from a fast parse; the position tree is built at once only to find duplicate
 * keys, else on first access of `root`: most documents are never located.
 */
function parseChunk(file: SourceFile, chunk: DocumentChunk, { index, base, inHelmChart, kustomizationFile }: ChunkContext, problems: LoadProblem[]): YamlDocument {
  const { text } = file;
  // kustomize reads kustomization files with sigs.k8s.io/yaml (YAML 1.1 booleans), and the objects it builds with kyaml.
  const schema = kustomizationFile ? GO_YAML_V2_SCHEMA : GO_YAML_V3_SCHEMA;
  const bounds = contentBounds(text, chunk);
  let value: unknown;
  let root: YNode | undefined;
  let hasDuplicates = false;
  try {
    try {
      value = parseValue(text, chunk.start, chunk.end, schema);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      hasDuplicates = true;
      ({ value, root } = parseDocument(text, chunk.start, chunk.end, schema));
    }
  } catch (error) {
    problems.push(syntaxProblem(file, chunk, error));
    return { file: file.path, index, value: undefined, ...bounds, class: 'invalid' };
  }
  const doc: YamlDocument = { file: file.path, index, value, ...bounds, ...classifyDocument(value, base, inHelmChart) };
  // kustomize writes the annotation values of the objects it builds back as their text (annotations.ts).
  if (!kustomizationFile && (doc.class === 'k8s' || doc.class === 'sops') && hasRewrittenAnnotation(value)) {
    root ??= parseDocument(text, chunk.start, chunk.end, schema).root;
    if (root) annotationsAsText(value, root, text);
    doc.annotationsAsText = true;
  }
  if (root) {
    doc.root = root;
    if (hasDuplicates) reportDuplicateKeys(file, root, problems);
  } else if (!hasDuplicates) {
    defineLazyRoot(doc, text, chunk, schema);
  }
  return doc;
}

/** `doc.root`, built on first access and kept. */
function defineLazyRoot(doc: YamlDocument, text: string, chunk: DocumentChunk, schema: yaml.Schema): void {
  let root: YNode | undefined | null = null;
  Object.defineProperty(doc, 'root', {
    enumerable: true,
    configurable: true,
    get: () => (root === null ? (root = parseDocument(text, chunk.start, chunk.end, schema).root) : root),
  });
}

/** First content character of a chunk (after its `---` marker and leading comments) and its last non-blank one. */
function contentBounds(text: string, chunk: DocumentChunk): { start: number; end: number } {
  const skipBlank = (from: number): number => {
    while (from < chunk.end && /\s/.test(text[from]!)) from++;
    return from;
  };
  const firstNonBlank = skipBlank(text.startsWith('---', chunk.start) ? chunk.start + 3 : chunk.start);
  let start = firstNonBlank;
  while (start < chunk.end && text.charCodeAt(start) === 0x23 /* # */) {
    const nl = text.indexOf('\n', start);
    start = skipBlank(nl === -1 || nl >= chunk.end ? chunk.end : nl + 1);
  }
  let end = chunk.end;
  while (end > firstNonBlank && /\s/.test(text[end - 1]!)) end--;
  // A document of only comments starts at its first comment.
  return start < end ? { start, end } : { start: firstNonBlank, end };
}

function syntaxProblem(file: SourceFile, chunk: DocumentChunk, error: unknown): LoadProblem {
  const e = error as { reason?: string; message?: string; mark?: { position?: number } };
  const offset = Math.min(chunk.start + (e.mark?.position ?? 0), file.text.length);
  const { line, column } = positionIn(file.lineStarts, offset);
  const reason = e.reason ?? String(e.message ?? error).split('\n')[0];
  const hint = file.text.includes('{{') ? TEMPLATE_HINT : '';
  return {
    kind: 'syntax',
    message: `YAML syntax error: ${reason}${hint}`,
    location: { file: file.path, line, column, endLine: line, endColumn: column + 1 },
  };
}

function reportDuplicateKeys(file: SourceFile, node: YNode, problems: LoadProblem[]): void {
  const entries = node.entries;
  if (entries) {
    // Most mappings are small: a scan beats building a Map for each.
    const firstByKey = entries.length > 16 ? new Map(entries.map((e) => [e.key, e] as const).reverse()) : undefined;
    for (let i = 1; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.key === '<<') continue;
      const first = firstByKey?.get(entry.key) ?? entries.find((e) => e.key === entry.key)!;
      if (first === entry) continue;
      const firstLine = positionIn(file.lineStarts, first.keyNode.start).line;
      problems.push({
        kind: 'duplicate-key',
        message: `duplicate key ${JSON.stringify(entry.key)} (first defined at line ${firstLine}); the API server rejects the object or one value is silently dropped`,
        location: rangeLocation(file.path, file.lineStarts, entry.keyNode.start, entry.keyNode.end),
      });
    }
    for (const entry of entries) reportDuplicateKeys(file, entry.value, problems);
  }
  for (const item of node.items ?? []) reportDuplicateKeys(file, item, problems);
}
