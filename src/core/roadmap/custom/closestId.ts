/**
 * The candidate closest to `id` by edit distance, when it is close enough to be what was meant (a typo or a
 * one-word slip): at most 2 edits, or a third of the id's length for longer ids. Ties go to the earlier candidate.
 */
export function closestId(id: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(id.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === id || Math.abs(candidate.length - id.length) >= bestDistance) continue;
    const distance = editDistance(id, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, or `bound` as soon as it is certain to reach it (ids are short; this keeps it cheap). */
function editDistance(a: string, b: string, bound: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= bound) return bound;
    previous = current;
  }
  return previous[b.length] ?? bound;
}
