/** "Did you mean" for unknown schema fields. */
import { editDistance } from '../util/edit-distance.js';

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo: a case-only difference,
 * or at most a third of the word's length in edits (and never more than 3).
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
