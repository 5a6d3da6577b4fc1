/**
 * Optimal-string-alignment distance: edits plus adjacent swaps, so "TLSA" is one step from
 * "TSLA". Written here rather than pulled in: 15 lines on strings of at most 15 characters.
 */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Known symbols close to an unknown one (edit distance, shared prefix), best first. */
export function suggestSymbols(symbol: string, known: readonly string[], limit = 3): string[] {
  const target = symbol.toUpperCase();
  return known
    .map((k) => ({ k, d: distance(target, k) - (k.startsWith(target.slice(0, 2)) ? 0.5 : 0) }))
    .filter((x) => x.d <= Math.max(1.5, target.length / 2))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, limit)
    .map((x) => x.k);
}
