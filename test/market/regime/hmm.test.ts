import { describe, expect, it } from 'vitest';
import { filterHmm, fitGaussianHmm, type GaussianHmmParams } from '../../../src/market/regime/index.js';
import { sampleHmm, type KnownHmm } from './known-hmm.js';

// Daily-return-like data: column 0 a log return, column 1 a log high-low range; states ordered
// by volatility so that fitted states can be matched after sorting by column 1.
const twoStates: KnownHmm = {
  initial: [0.5, 0.5],
  transition: [
    [0.98, 0.02],
    [0.05, 0.95],
  ],
  means: [
    [0.0008, -4.6],
    [-0.0015, -3.6],
  ],
  variances: [
    [0.008 ** 2, 0.3 ** 2],
    [0.02 ** 2, 0.3 ** 2],
  ],
};
const threeStates: KnownHmm = {
  initial: [1 / 3, 1 / 3, 1 / 3],
  transition: [
    [0.97, 0.02, 0.01],
    [0.03, 0.94, 0.03],
    [0.02, 0.04, 0.94],
  ],
  means: [
    [0.001, -5],
    [0, -4.2],
    [-0.002, -3.4],
  ],
  variances: [
    [0.006 ** 2, 0.25 ** 2],
    [0.012 ** 2, 0.25 ** 2],
    [0.025 ** 2, 0.25 ** 2],
  ],
};

/** Reorders fitted states by their mean of column 1, the same order the known ones are in. */
function sortedByVol(p: GaussianHmmParams): { order: number[]; p: GaussianHmmParams } {
  const order = p.means.map((_, k) => k).sort((a, b) => (p.means[a]?.[1] ?? 0) - (p.means[b]?.[1] ?? 0));
  return {
    order,
    p: {
      initial: order.map((k) => p.initial[k] ?? 0),
      transition: order.map((i) => order.map((j) => p.transition[i]?.[j] ?? 0)),
      means: order.map((k) => p.means[k] ?? []),
      variances: order.map((k) => p.variances[k] ?? []),
    },
  };
}

describe('fitGaussianHmm', () => {
  // Tolerances: means within 0.1 of that state's true standard deviation, variances within 15%,
  // transition probabilities within 0.015 absolute (sampling error is ~1/4 of each at these sizes).
  it.each([
    ['two states, 5000 bars', twoStates, 5000, 7],
    ['three states, 8000 bars', threeStates, 8000, 11],
  ])(
    'when data are drawn from known parameters (%s), then it recovers them',
    (_name, known, length, seed) => {
      const { data } = sampleHmm(known, length, seed);
      const fit = fitGaussianHmm(data, { states: known.initial.length });
      const { p } = sortedByVol(fit.params);
      expect(fit.converged).toBe(true);
      known.means.forEach((mean, k) => {
        mean.forEach((m, d) => {
          const sd = Math.sqrt(known.variances[k]?.[d] ?? 0);
          expect(Math.abs((p.means[k]?.[d] ?? Number.NaN) - m)).toBeLessThan(0.1 * sd);
          const v = known.variances[k]?.[d] ?? 0;
          expect(Math.abs((p.variances[k]?.[d] ?? Number.NaN) - v) / v).toBeLessThan(0.15);
        });
        known.transition[k]?.forEach((a, j) => {
          expect(Math.abs((p.transition[k]?.[j] ?? Number.NaN) - a)).toBeLessThan(0.015);
        });
      });
    },
  );

  it.each([
    ['two states', twoStates, 2, 3],
    ['three states', threeStates, 3, 5],
    ['three states fitted to two-state data', twoStates, 3, 9],
  ])('when EM runs (%s), then the log-likelihood never decreases', (_name, known, states, seed) => {
    const { data } = sampleHmm(known, 1500, seed);
    const fit = fitGaussianHmm(data, { states, maxIterations: 60, tolerance: 0 });
    expect(fit.history.length).toBeGreaterThan(5);
    for (let i = 1; i < fit.history.length; i += 1) {
      const gain = (fit.history[i] ?? Number.NaN) - (fit.history[i - 1] ?? Number.NaN);
      expect(gain).toBeGreaterThanOrEqual(-1e-7 * Math.abs(fit.history[i] ?? 1));
    }
    expect(fit.logLikelihood).toBeCloseTo(filterHmm(fit.params, data).logLikelihood, 6);
  });

  it('when the same data are fitted twice, then the results are identical', () => {
    const { data } = sampleHmm(twoStates, 800, 21);
    expect(fitGaussianHmm(data, { states: 2 })).toEqual(fitGaussianHmm(data, { states: 2 }));
  });

  it('when states are well separated, then filtered probabilities sum to 1 and track the true path', () => {
    const { data, states } = sampleHmm(threeStates, 3000, 13);
    const fit = fitGaussianHmm(data, { states: 3 });
    const { order } = sortedByVol(fit.params);
    const { filtered } = filterHmm(fit.params, data);
    let hits = 0;
    filtered.forEach((probs, t) => {
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      const best = probs.indexOf(Math.max(...probs));
      if (order.indexOf(best) === states[t]) hits += 1;
    });
    expect(hits / filtered.length).toBeGreaterThan(0.85);
  });

  it('when there are fewer observations than twice the states, then it refuses to fit', () => {
    expect(() =>
      fitGaussianHmm(
        [
          [0, 1],
          [1, 2],
          [2, 3],
        ],
        { states: 2 },
      ),
    ).toThrow(RangeError);
  });
});
