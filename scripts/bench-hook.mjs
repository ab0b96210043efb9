#!/usr/bin/env node
// Benchmark of the pre-push hook path: cold runs (a new process each, as git starts the hook) of
//   `gitops-lint hook pre-push origin` with git's stdin line for a push of one commit that edits one file,
// in git repositories made from copies of ../shared/corpus repos (one commit base = the repo, one commit head =
// the first `interval:` value of one file changed), plus `--version` and a plain lint of examples/k8s-configs.
// Prints median wall ms and median CPU ms (user + sys of the child, from /usr/bin/time when present) over --runs.
// Usage: node scripts/bench-hook.mjs [--runs 5] [--cli <file>, default: the package's bin] [corpus-name ...]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, def) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return def;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const runs = Number(flag('runs', '5'));
const cli = path.resolve(flag('cli', path.join(root, JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).bin['gitops-lint'])));
const names = args.length > 0 ? args : ['stefanprodan__gitops-istio', 'fluxcd__flux2-kustomize-helm-example', 'toboshii__home-ops'];
const corpus = path.resolve(root, '../shared/corpus');
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@e', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@e' };
const git = (cwd, ...a) => execFileSync('git', a, { cwd, env: gitEnv, encoding: 'utf8' }).trim();

/** A git repo copy of a corpus repo with a base and a head commit; returns its folder and the two commits. */
function benchRepo(name) {
  const dir = path.join(root, '.bench', 'hook', name);
  if (!fs.existsSync(path.join(dir, '.git'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(path.join(corpus, name), dir, { recursive: true, filter: (src) => path.basename(src) !== '.git' });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'base');
    const file = git(dir, 'grep', '-l', '-e', 'interval: ', '--', '*.yaml', ':!.github').split('\n')[0];
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    fs.writeFileSync(path.join(dir, file), text.replace(/interval: *(\S+)/, 'interval: 7m13s'));
    git(dir, 'commit', '-q', '--no-verify', '-am', `head: edit ${file}`);
  }
  return { dir, base: git(dir, 'rev-parse', 'HEAD~1'), head: git(dir, 'rev-parse', 'HEAD') };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs `node cli ...argv` cold `runs` times after one warm-up; median wall and CPU ms, and the last exit code. */
function measure(argv, { cwd = root, input } = {}) {
  const walls = [];
  const cpus = [];
  let status;
  const cpuFile = path.join(os.tmpdir(), `bench-hook-${process.pid}.time`);
  for (let i = 0; i <= runs; i++) {
    const [cmd, cmdArgs] = timeBin ? [timeBin, ['-f', '%U %S', '-o', cpuFile, process.execPath, cli, ...argv]] : [process.execPath, [cli, ...argv]];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, cmdArgs, { cwd, input, encoding: 'utf8', maxBuffer: 1 << 30 });
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    status = r.status;
    if (i === 0) continue;
    walls.push(wall);
    if (timeBin) {
      const [user, sys] = fs.readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
      cpus.push((user + sys) * 1000);
    }
  }
  fs.rmSync(cpuFile, { force: true });
  return { wall: median(walls), cpu: cpus.length ? median(cpus) : NaN, status };
}

const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${load}`);
console.log(`cli: ${cli}; ${runs} cold runs after one warm-up; compiled-schema cache: ${process.env.XDG_CACHE_HOME ?? '~/.cache'}/gitops-lint\n`);
console.log('| what | median wall ms | median CPU ms | exit |');
console.log('|---|---:|---:|---:|');
const row = (what, m) => console.log(`| ${what} | ${m.wall.toFixed(0)} | ${Number.isNaN(m.cpu) ? '-' : m.cpu.toFixed(0)} | ${m.status} |`);
row('--version', measure(['--version']));
row('lint examples/k8s-configs', measure(['examples/k8s-configs', '-f', 'json', '--fail-on', 'none']));
for (const name of names) {
  if (!fs.existsSync(path.join(corpus, name))) continue;
  const { dir, base, head } = benchRepo(name);
  row(`lint ${name}`, measure([dir, '-f', 'json', '--fail-on', 'none']));
  row(`hook pre-push ${name}`, measure(['hook', 'pre-push', 'origin'], { cwd: dir, input: `refs/heads/main ${head} refs/heads/main ${base}\n` }));
}
