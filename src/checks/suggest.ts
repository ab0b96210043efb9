/** "Did you mean" suggestions for names that do not resolve. */
import { editDistance } from '../util/edit-distance.js';

/**
 * The candidate closest to `name`: within a third of its length in edits, or one that contains it / is contained
 * by it (`infra` -> `infra-controllers`). Ties go to the first candidate in sorted order, so output is stable.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of [...new Set(candidates)].sort()) {
    if (candidate === name) continue;
    const distance = editDistance(name, candidate);
    const related = candidate.includes(name) || name.includes(candidate);
    const close = distance <= Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3));
    if (!close && !related) continue;
    if (distance < bestScore) {
      best = candidate;
      bestScore = distance;
    }
  }
  return best;
}
