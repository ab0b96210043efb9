/**
 * Every format's path base, through the CLI from a subdirectory of the repository: the formats for people and CI
 * logs give paths from the working directory, json and sarif from the repository root (docs/formats.md).
 * A new format must be added to BASES, so its base is decided and documented.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseJunit, type TestSuites } from 'junit2json';
import { Parser, type Result } from 'tap-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { FORMAT_NAMES, type FormatName } from '../../src/report/index.js';
import { captureIO } from './io.js';

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-path-base-')));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const root = path.join(tmp, 'repo');
for (const [file, text] of Object.entries({
  'apps/web/bad.yaml': 'a: [\n',
  'apps/web/ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n',
})) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}
fs.mkdirSync(path.join(root, '.git'));

/** The paths of the findings (the failing file only) as each format writes them. */
const extract: Record<FormatName, (out: string) => Promise<string[]> | string[]> = {
  stylish: (out) => out.split('\n').filter((l) => l.includes('yaml-syntax')).map((l) => l.split(':')[0]!),
  compact: (out) => out.split('\n').filter(Boolean).map((l) => l.split(':')[0]!),
  json: (out) => (JSON.parse(out) as { findings: { file: string }[] }).findings.map((f) => f.file),
  sarif: (out) => {
    const run = JSON.parse(out).runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(root).href}/` } });
    return run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => {
      expect(r.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      return r.locations[0]!.physicalLocation.artifactLocation.uri;
    });
  },
  github: (out) => out.split('\n').filter(Boolean).map((l) => /file=([^,]*)/.exec(l)![1]!),
  markdown: (out) => [...out.matchAll(/^\*\*`([^`]+)`\*\*/gm)].map((m) => m[1]!),
  junit: async (out) => ((await parseJunit(out)) as TestSuites).testsuite!.filter((s) => s.failures! > 0).map((s) => s.name!),
  tap: (out) => {
    const failed: string[] = [];
    const parser = new Parser();
    parser.on('assert', (p: Result) => (p.ok ? undefined : failed.push(p.name)));
    parser.end(out);
    return failed;
  },
};

const BASES: Record<FormatName, 'cwd' | 'repo'> = {
  stylish: 'cwd',
  compact: 'cwd',
  github: 'cwd',
  junit: 'cwd',
  tap: 'cwd',
  json: 'repo',
  sarif: 'repo',
  markdown: 'repo',
};

describe('path base of every format', () => {
  it('every format has a declared base', () => {
    expect(Object.keys(BASES).sort()).toEqual([...FORMAT_NAMES].sort());
    // and docs/formats.md states it
    const doc = fs.readFileSync(new URL('../../docs/formats.md', import.meta.url), 'utf8');
    for (const name of FORMAT_NAMES) expect(doc).toMatch(new RegExp(`\\| \`${name}\` \\|[^\\n]*\\| ${BASES[name] === 'cwd' ? 'working directory' : 'repository root'} \\|`));
  });

  it.each(FORMAT_NAMES.flatMap((format) => [
    [format, 'apps', ['.'], BASES[format] === 'cwd' ? 'web/bad.yaml' : 'apps/web/bad.yaml'],
    [format, 'apps/web', ['bad.yaml'], BASES[format] === 'cwd' ? 'bad.yaml' : 'apps/web/bad.yaml'],
    [format, '.', ['repo/apps'], BASES[format] === 'cwd' ? 'repo/apps/web/bad.yaml' : 'apps/web/bad.yaml'],
  ]))('%s from %s with %j: %s', async (format, from, args, expected) => {
    const cwd = from === '.' ? tmp : path.join(root, from);
    const io = captureIO({ cwd });
    expect(await run([...args, '-f', format], io)).toBe(1);
    expect(await extract[format](io.out())).toEqual([expected]);
  });
});
