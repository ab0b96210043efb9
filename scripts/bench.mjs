#!/usr/bin/env node
// Benchmark: cold CLI runs (a new process each time, as in a pre-push hook) over a generated repo of
// 10,000 objects and over every repo in ../shared/corpus when present. Prints the machine, the method and medians.
// Usage: npm run bench [-- --runs 5 --objects 10000 --files 1000]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const runs = opt('runs', 5);
const objects = opt('objects', 10000);
const files = opt('files', 1000);

// The package's bin (the bundle scripts/build-cli.mjs writes), as users run it.
const bin = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).bin['gitops-lint'];
const cli = path.join(root, bin);
if (!fs.existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const large = path.join(root, '.bench', `generated-${objects}`);
if (!fs.existsSync(large)) {
  execFileSync(process.execPath, [path.join(root, 'scripts/generate-repo.mjs'), large, '--objects', String(objects), '--files', String(files)], {
    stdio: 'inherit',
  });
}

const targets = [{ name: `generated (${objects} objects, ${files} files)`, dir: large }];
const corpus = path.resolve(root, '../shared/corpus');
if (fs.existsSync(corpus)) {
  for (const d of fs.readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    targets.push({ name: `corpus/${d}`, dir: path.join(corpus, d) });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(`method: median wall time of ${runs} cold runs of \`node ${bin} <dir> --root <dir> --format json\` (new process each run, output discarded); one warm-up run first\n`);
console.log('| target | median ms | min ms | max ms | findings |');
console.log('|---|---:|---:|---:|---:|');
for (const t of targets) {
  const times = [];
  let findings = '?';
  for (let i = 0; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, t.dir, '--root', t.dir, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) {
      console.error(`${t.name}: exit ${r.status}\n${r.stderr}`);
      process.exitCode = 1;
      break;
    }
    if (i === 0) {
      findings = String(JSON.parse(r.stdout).findings.length);
      continue; // warm-up: file cache
    }
    times.push(ms);
  }
  if (times.length) console.log(`| ${t.name} | ${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)} | ${Math.max(...times).toFixed(0)} | ${findings} |`);
}
