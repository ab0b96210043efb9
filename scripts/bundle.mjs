/**
 * One esbuild bundle of an entry of src/ into one ES module file, for Node 20: what the GitHub Action ships
 * (scripts/build-action.mjs) and what the `gitops-lint` bin runs (scripts/build-cli.mjs). A process that starts on a
 * bundle reads one file instead of resolving and compiling some 200 modules: the pre-push hook's cold start.
 * Files the code finds relative to its module (package.json, rules/, schemas/) are two folders up from the bundle,
 * as from dist/<folder>/ of the tsc build, so a bundle lives in dist/<folder>/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `outfile`: one file. `outdir` + `name` instead: the entry `<name>.js` with the modules it imports with import() in
 * chunk files beside it (esbuild's splitting), so what a command imports lazily stays unread until it runs: inlined,
 * its own imports of external packages would become imports of the entry.
 */
export async function bundle({ entry, outfile, outdir, name, external = [], define = {} }) {
  await build({
    absWorkingDir: projectDir,
    entryPoints: outdir ? { [name]: entry } : [entry],
    ...(outdir ? { outdir, splitting: true, chunkNames: '[name]-[hash]' } : { outfile }),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external,
    define,
    // CommonJS dependencies call require(): give the ES module one.
    banner: { js: "import { createRequire as __gitopsLintCreateRequire } from 'node:module';\nconst require = __gitopsLintCreateRequire(import.meta.url);" },
    legalComments: 'eof',
    logLevel: 'warning',
  });
  return outfile;
}
