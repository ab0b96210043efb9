/**
 * The Bad and Good examples of a rule page (docs/rules/<id>.md) as repos, so a test can lint them.
 * The convention, documented in docs/rules/README.md:
 * - every ```yaml block under `## Bad` or `## Good` is one file of the example;
 * - a block whose first line is `# <path>` (optionally followed by `:`, a space and a note) is the file <path>, any
 *   other yaml block is `example.yaml`; the path comment stays in the file. A block in another language is a file only
 *   with such a first line (```gitignore starting `# apps/.gitignore`); without one it is not a file (```sh); in a
 *   ```json block the path line is left out of the file (JSON has no comments);
 * - `encoding=utf-16le` after `yaml` in the info string writes the file in UTF-16LE (with a byte order mark);
 * - the Good example is the Bad example with the Good blocks replacing the files of the same path or adding files.
 */

export interface ExampleFile {
  path: string;
  text: string;
  encoding: 'utf8' | 'utf-16le';
}

export interface RuleExamples {
  bad: ExampleFile[];
  /** The Good blocks only; see goodRepo() for the files the Good example lints. */
  good: ExampleFile[];
}

export const DEFAULT_EXAMPLE_PATH = 'example.yaml';

/** `# apps/prod/kustomization.yaml`, `# apps/.gitignore`: a path whose last part has a dot, then `:`, a space or the end. */
const PATH_COMMENT = /^#\s+((?:[\w.-]+\/)*[\w-]*\.[\w.-]+)(?::|\s|$)/;
const FENCE = /^(`{3,}|~{3,})\s*(\S*)\s*(.*)$/;

/** Reads the examples of one rule page; throws on a page that breaks the convention (two blocks for one path, a path out of the repo). */
export function readRuleExamples(markdown: string): RuleExamples {
  return { bad: filesOf(section(markdown, 'Bad')), good: filesOf(section(markdown, 'Good')) };
}

/** The files of the Good example: the Bad files overlaid with the Good blocks. */
export function goodRepo(examples: RuleExamples): ExampleFile[] {
  const files = new Map(examples.bad.map((f) => [f.path, f]));
  for (const f of examples.good) files.set(f.path, f);
  return [...files.values()];
}

/** Bytes to write for one example file. */
export function bytesOf(file: ExampleFile): Buffer {
  return file.encoding === 'utf-16le' ? Buffer.from(`\ufeff${file.text}`, 'utf16le') : Buffer.from(file.text, 'utf8');
}

/** The lines under `## <title>` up to the next heading of level 1 or 2 (a `#` line inside a fenced block is YAML, not a heading). */
function section(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) return [];
  let fence: string | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence !== undefined) {
      if (isClosing(line, fence)) fence = undefined;
    } else if (FENCE.test(line)) fence = FENCE.exec(line)![1];
    else if (/^#{1,2}\s/.test(line)) return lines.slice(start + 1, i);
  }
  return lines.slice(start + 1);
}

function filesOf(lines: string[]): ExampleFile[] {
  const files: ExampleFile[] = [];
  for (const block of fencedBlocks(lines)) {
    const named = PATH_COMMENT.exec(block.body[0] ?? '')?.[1];
    if (block.language !== 'yaml' && !named) continue;
    const path = named ?? DEFAULT_EXAMPLE_PATH;
    if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`example path leaves the repo: ${path}`);
    if (files.some((f) => f.path === path)) throw new Error(`two blocks for ${path} in one example: name them with a first line "# <path>"`);
    const encoding = /(?:^|\s)encoding=utf-16le(?:\s|$)/.test(block.attributes) ? 'utf-16le' : 'utf8';
    // JSON has no comments: a ```json block's path line names the file and is not part of it.
    const body = block.language === 'json' && named ? block.body.slice(1) : block.body;
    files.push({ path, text: `${body.join('\n')}\n`, encoding });
  }
  return files;
}

function fencedBlocks(lines: string[]): { language: string; attributes: string; body: string[] }[] {
  const blocks: { language: string; attributes: string; body: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const body: string[] = [];
    for (i++; i < lines.length && !isClosing(lines[i]!, fence); i++) body.push(lines[i]!);
    blocks.push({ language: open[2]!, attributes: open[3]!, body });
  }
  return blocks;
}

const isClosing = (line: string, fence: string) => new RegExp(`^${fence[0]}{${fence.length},}\\s*$`).test(line);
