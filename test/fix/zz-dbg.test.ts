import fs from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { fixRepo } from '../../src/fix/run.js';
import { seamChecks, seamOptions } from '../../test/support/deprecation-seam.js';
it('dbg', async () => {
  const src = '/work/shared/corpus/toboshii__home-ops';
  for (const d of ['/tmp/fixdbg/a', '/tmp/fixdbg/b']) { fs.rmSync(d, { recursive: true, force: true }); fs.cpSync(src, d, { recursive: true, filter: (p) => path.basename(p) !== '.git' }); }
  const out = await fixRepo('/tmp/fixdbg/b', seamOptions, seamChecks, { dryRun: false });
  console.log(out.fixed.map((f) => f.file + ' ' + JSON.stringify(f.byRule)).join('\n'));
}, 300000);
