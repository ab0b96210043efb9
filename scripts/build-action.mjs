#!/usr/bin/env node
/**
 * Bundles the GitHub Action into one file, as JavaScript actions are shipped: the runner runs it from the checkout of
 * the action without `npm install`. The bundle reads rules/, schemas/ and package.json two folders up, the same
 * relative place as from dist/<folder>/ of the npm package. The tsc build never writes dist/action/ (there is no
 * src/action/), so the committed bundle survives `npm run build`.
 * Usage: node scripts/build-action.mjs [outfile]   (default dist/action/index.js)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, projectDir } from './bundle.mjs';

export const ACTION_BUNDLE = 'dist/action/index.js';

export async function buildAction(outfile = path.join(projectDir, ACTION_BUNDLE)) {
  return bundle({ entry: 'src/github/action-main.ts', outfile });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildAction(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
}
