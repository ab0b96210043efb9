/**
 * The URLs of the repo's git remotes, from its git config: an AKS Flux configuration (or any source) with one of these
 * URLs is this repository. A checkout without git metadata (or a linked worktree whose common dir is unreadable)
 * has none, and callers then cannot tell this repo's URL.
 */
import fs from 'node:fs';
import path from 'node:path';

const MAX_CONFIG_BYTES = 1024 * 1024;

export function gitRemoteUrls(root: string): string[] {
  try {
    const dotGit = path.join(root, '.git');
    const stat = fs.statSync(dotGit, { throwIfNoEntry: false });
    let gitDir: string | undefined;
    if (stat?.isDirectory()) gitDir = dotGit;
    else if (stat?.isFile()) {
      // A linked worktree or submodule: `gitdir: <path>`; remotes live in the common dir's config.
      const target = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'))?.[1]?.trim();
      if (!target) return [];
      const dir = path.resolve(root, target);
      const common = path.join(dir, 'commondir');
      gitDir = fs.existsSync(common) ? path.resolve(dir, fs.readFileSync(common, 'utf8').trim()) : dir;
    }
    if (!gitDir) return [];
    const config = path.join(gitDir, 'config');
    if ((fs.statSync(config, { throwIfNoEntry: false })?.size ?? MAX_CONFIG_BYTES + 1) > MAX_CONFIG_BYTES) return [];
    const urls: string[] = [];
    let inRemote = false;
    for (const line of fs.readFileSync(config, 'utf8').split('\n')) {
      const section = /^\s*\[([^\]]+)\]/.exec(line);
      if (section) inRemote = /^remote\s+"/.test(section[1]!);
      else if (inRemote) {
        const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1];
        if (url) urls.push(url);
      }
    }
    return urls;
  } catch {
    return []; // unreadable git metadata: remotes unknown
  }
}
