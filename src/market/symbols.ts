function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
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
