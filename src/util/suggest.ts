/** "Did you mean": the one suggestion helper, for names that do not resolve and for unknown schema fields. */
import { editDistance } from './edit-distance.js';

export interface SuggestOptions {
  /**
   * Also suggest a name that contains `word` or is contained in it (`infra` -> `infra-controllers`,
   * `podinfo-app` -> `podinfo`): right for object and path names, wrong for schema fields, where a longer field
   * (`hostnameOverride`) is another field rather than a typo of a shorter one (`hostname`). Default true.
   */
  partial?: boolean;
}

/**
 * The candidate closest to `word`, if it is a likely typo: a case-only difference, or at most a third of the longer
 * name's length in edits (or a partial match, see SuggestOptions). Ties go to the first candidate in sorted order.
 */
export function closestName(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  const partial = options.partial ?? true;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of [...new Set(candidates)].sort()) {
    if (candidate === word) continue;
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    const related = partial && (candidate.includes(word) || word.includes(candidate));
    const close = distance <= Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3));
    if (!close && !related) continue;
    if (distance < bestScore) {
      best = candidate;
      bestScore = distance;
    }
  }
  return best;
}
