/**
 * Typo tolerance by word length, as OpenSearch's `fuzziness: AUTO`: no edit up to 2 characters,
 * one for 3 to 5, two above. An edit is an insertion, deletion, substitution or a swap of two
 * neighbouring letters (OpenSearch's default `fuzzy_transpositions: true`).
 */
export const FUZZINESS = { exactUpTo: 2, oneEditUpTo: 5 } as const;

export function allowedEdits(word: string): number {
  const length = [...word].length;
  if (length <= FUZZINESS.exactUpTo) return 0;
  return length <= FUZZINESS.oneEditUpTo ? 1 : 2;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions, each one edit. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length];
}
