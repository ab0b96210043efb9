/**
 * The files the loader does not parse as manifests, read once so that the secret scans (a private key with no
 * extension, a token in a script, a binary OpenPGP key export) never read the file system themselves.
 */
import fs from 'node:fs';
import type { RawFile } from './types.js';
import type { YamlCandidate } from './walk.js';

/** Binary as git and the YAML reader see it: a NUL byte in the first 8 KiB. */
export const BINARY_SNIFF_BYTES = 8192;
/** Paths read are real paths found by the walk: a symlink there now was swapped in since, so it is not followed. */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * Every candidate that is not parsed (`parsed`), not ignored by .gitignore (not committed) and not larger than
 * `maxBytes`. A file that cannot be read is left out: it is not a manifest, and reading it is the scans' business only.
 */
export function readRawFiles(candidates: YamlCandidate[], parsed: Set<string>, gitIgnored: (path: string) => boolean, maxBytes: number): RawFile[] {
  const out: RawFile[] = [];
  for (const { rel, abs } of candidates) {
    if (parsed.has(rel) || gitIgnored(rel)) continue;
    let fd: number | undefined;
    try {
      fd = fs.openSync(abs, fs.constants.O_RDONLY | NO_FOLLOW);
      if (fs.fstatSync(fd).size > maxBytes) continue;
      const bytes = fs.readFileSync(fd);
      const binary = bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
      out.push(binary ? { path: rel, bytes } : { path: rel, bytes, text: bytes.toString('utf8') });
    } catch {
      // unreadable: left out, see above
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
