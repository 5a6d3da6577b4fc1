/** mulberry32: a tiny seeded PRNG, so generated series are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box-Muller from a uniform source. */
export function normal(rng: () => number): () => number {
  return () => {
    const u = Math.max(rng(), Number.MIN_VALUE);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  };
}

export interface KnownHmm {
  initial: number[];
  transition: number[][];
  means: number[][];
  variances: number[][];
}

/** Draws a state path and observations from known HMM parameters. */
export function sampleHmm(p: KnownHmm, length: number, seed: number): { states: number[]; data: number[][] } {
  const rng = mulberry32(seed);
  const z = normal(rng);
  const pick = (probabilities: readonly number[]): number => {
    let u = rng();
    for (let k = 0; k < probabilities.length; k += 1) {
      u -= probabilities[k] ?? 0;
      if (u < 0) return k;
    }
    return probabilities.length - 1;
  };
  const states: number[] = [];
  const data: number[][] = [];
  let s = pick(p.initial);
  for (let t = 0; t < length; t += 1) {
    if (t > 0) s = pick(p.transition[s] ?? []);
    states.push(s);
    const mean = p.means[s] ?? [];
    const variance = p.variances[s] ?? [];
    data.push(mean.map((m, d) => m + Math.sqrt(variance[d] ?? 0) * z()));
  }
  return { states, data };
}
