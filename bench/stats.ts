/** Percentiles and timing helpers shared by the benchmarks. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export async function timeIt(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export function summary(
  name: string,
  samples: readonly number[],
): { name: string; p50: number; p95: number; n: number } {
  return { name, p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

export function printTable(
  rows: { name: string; p50: number; p95: number; n: number }[],
  baseline?: string,
): void {
  const base = rows.find((r) => r.name === baseline);
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(
    `${'case'.padEnd(width)}  ${'n'.padStart(4)}  ${'p50 ms'.padStart(9)}  ${'p95 ms'.padStart(9)}${base ? '  p50 vs baseline' : ''}`,
  );
  for (const r of rows) {
    const ratio = base ? `  ${(r.p50 / base.p50).toFixed(2)}x` : '';
    console.log(
      `${r.name.padEnd(width)}  ${String(r.n).padStart(4)}  ${r.p50.toFixed(2).padStart(9)}  ${r.p95.toFixed(2).padStart(9)}${ratio}`,
    );
  }
}
