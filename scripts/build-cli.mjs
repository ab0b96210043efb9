#!/usr/bin/env node
/**
 * Bundles the CLI into dist/bin/gitops-lint.js, the package's bin (run by `npm run build` after tsc), with what
 * commands import lazily (graph, --fix, the comment bot) in chunks beside it. Measured on
 * gitops-istio (2 cores, load 2): a cold lint 969 -> 643 ms wall, the pre-push hook 1357 -> 923 ms, --version
 * 504 -> 255 ms (scripts/bench-hook.mjs). Octokit and the diff library stay outside the bundle: they are imported
 * only by the commands that need them (comment, --fix-dry-run), so a lint never reads them.
 * The entry and its chunks share dist/bin/, two folders below package.json, rules/ and schemas/ as the tsc build is.
 * GITOPS_LINT_BUNDLE tells the hook installer that this file is the program to run (src/cli/hook.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundle, projectDir } from './bundle.mjs';

export const CLI_BUNDLE = 'dist/bin/gitops-lint.js';

const outdir = path.join(projectDir, path.dirname(CLI_BUNDLE));
fs.rmSync(outdir, { recursive: true, force: true });
await bundle({ entry: 'src/cli.ts', outdir, name: path.basename(CLI_BUNDLE, '.js'), external: ['@octokit/*', 'diff'], define: { GITOPS_LINT_BUNDLE: 'true' } });
fs.chmodSync(path.join(projectDir, CLI_BUNDLE), 0o755);
