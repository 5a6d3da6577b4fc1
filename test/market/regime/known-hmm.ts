import { gaussian, mulberry32 } from '../../../src/market/data/index.js';

export interface KnownHmm {
  initial: number[];
  transition: number[][];
  means: number[][];
  variances: number[][];
}

/** Draws a state path and observations from known HMM parameters with a seeded PRNG. */
export function sampleHmm(p: KnownHmm, length: number, seed: number): { states: number[]; data: number[][] } {
  const rng = mulberry32(seed);
  const z = gaussian(rng);
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
