/**
 * `gitops-lint graph [path] --format text|mermaid|dot`: the dependency graph of each cluster the repository deploys
 * (Flux Kustomizations with their paths, dependsOn edges, sources, HelmReleases), drawn by src/report/graph.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { resolveConfig } from '../config/index.js';
import { buildGraph } from '../graph/index.js';
import { loadRepo } from '../load/index.js';
import { drawGraph, GRAPH_FORMATS, type GraphFormat } from '../report/graph/formats.js';
import { pictureOf } from '../report/graph/model.js';
import { TOOL_NAME } from '../report/tool.js';

export interface GraphIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Directory relative paths are resolved from; defaults to process.cwd(). */
  cwd?: string;
}

export async function runGraph(argv: string[], io: GraphIO): Promise<number> {
  const program = new Command(`${TOOL_NAME} graph`)
    .description('Print the dependency graph of each cluster: Flux Kustomizations and their paths, dependsOn, sources, HelmReleases.')
    .argument('[path]', 'root of the repository', '.')
    .addOption(new Option('-f, --format <name>', 'text, mermaid (renders in GitHub markdown) or dot (Graphviz)').choices(GRAPH_FORMATS).default('text'))
    .option('-c, --config <file>', 'config file (default: <path>/.gitops-lint.yaml when present)')
    .helpOption('-h, --help', 'show this help and exit')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${TOOL_NAME}: ${text.replace(/^error: /, '')}`),
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const options = program.opts<{ format: GraphFormat; config?: string }>();
  const cwd = io.cwd ?? process.cwd();
  const root = path.resolve(cwd, (program.processedArgs[0] as string | undefined) ?? '.');
  try {
    if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`not a directory: ${root}`);
    const { config } = resolveConfig(root, options.config === undefined ? {} : { configPath: path.resolve(cwd, options.config) });
    const repo = await loadRepo(root, { ignore: config.ignore });
    io.stdout.write(drawGraph(pictureOf(buildGraph(repo, config)), options.format));
    return 0;
  } catch (err) {
    io.stderr.write(`${TOOL_NAME}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
