/** SOPS-encrypted files are never edited: sops signs the whole document (its `sops.mac`), so any edit breaks decryption. */
import type { SourceFile } from '../load/types.js';

export const SOPS_LEFT_ALONE = 'SOPS-encrypted: an edit would break its MAC, so sops (and Flux) could no longer decrypt it; edit it with `sops` instead';

/** The loader classifies a document with a top-level `sops` mapping holding `mac` as 'sops'. */
export function isSopsEncrypted(file: SourceFile): boolean {
  return file.documents.some((d) => d.class === 'sops');
}
