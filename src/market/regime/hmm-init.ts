import type { GaussianHmmParams } from './hmm-params.js';

type Observations = readonly (readonly number[])[];

/** Per-dimension mean and (population) variance. */
export function moments(data: Observations, dims: number): { mean: number[]; variance: number[] } {
  const mean = new Array<number>(dims).fill(0);
  const variance = new Array<number>(dims).fill(0);
  for (const x of data)
    for (let d = 0; d < dims; d += 1) mean[d] = (mean[d] ?? 0) + (x[d] ?? 0) / data.length;
  for (const x of data) {
    for (let d = 0; d < dims; d += 1)
      variance[d] = (variance[d] ?? 0) + ((x[d] ?? 0) - (mean[d] ?? 0)) ** 2 / data.length;
  }
  return { mean, variance };
}

/**
 * Deterministic starting point for EM, so the same bars always give the same snapshot: split the
 * observations into `states` quantile buckets of `orderBy` (the volatility feature: regimes
 * differ most there), refine the buckets with a few k-means steps on standardised data, then
 * take each cluster's mean and variance. Transitions start sticky (0.9 on the diagonal).
 */
export function initialParams(
  data: Observations,
  states: number,
  orderBy: number,
  floors: readonly number[],
): GaussianHmmParams {
  const dims = floors.length;
  const { mean, variance } = moments(data, dims);
  const scale = variance.map((v) => (v > 0 ? Math.sqrt(v) : 1));
  const z = data.map((x) => x.map((v, d) => (v - (mean[d] ?? 0)) / (scale[d] ?? 1)));

  const order = data.map((_, t) => t).sort((a, b) => (data[a]?.[orderBy] ?? 0) - (data[b]?.[orderBy] ?? 0));
  const labels = new Array<number>(data.length).fill(0);
  order.forEach((t, rank) => {
    labels[t] = Math.min(states - 1, Math.floor((rank * states) / data.length));
  });

  for (let step = 0; step < 20; step += 1) {
    const centres = clusterMeans(z, labels, states, dims);
    let moved = false;
    z.forEach((x, t) => {
      let best = labels[t] ?? 0;
      let bestDistance = Infinity;
      centres.forEach((c, k) => {
        if (!c) return;
        const distance = x.reduce((sum, v, d) => sum + (v - (c[d] ?? 0)) ** 2, 0);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = k;
        }
      });
      if (best !== labels[t]) moved = true;
      labels[t] = best;
    });
    if (!moved) break;
  }

  const means: number[][] = [];
  const variances: number[][] = [];
  for (let k = 0; k < states; k += 1) {
    const members = data.filter((_, t) => labels[t] === k);
    const source = members.length >= 2 ? members : data;
    const m = moments(source, dims);
    means.push(m.mean);
    variances.push(m.variance.map((v, d) => Math.max(v, floors[d] ?? 0)));
  }
  const stay = states > 1 ? 0.9 : 1;
  const move = states > 1 ? (1 - stay) / (states - 1) : 0;
  return {
    initial: new Array<number>(states).fill(1 / states),
    transition: Array.from({ length: states }, (_, i) =>
      Array.from({ length: states }, (_, j) => (i === j ? stay : move)),
    ),
    means,
    variances,
  };
}

/** Centre of each cluster; undefined for an empty one, so it cannot attract points. */
function clusterMeans(
  z: Observations,
  labels: readonly number[],
  states: number,
  dims: number,
): (number[] | undefined)[] {
  const sums = Array.from({ length: states }, () => new Array<number>(dims).fill(0));
  const counts = new Array<number>(states).fill(0);
  z.forEach((x, t) => {
    const k = labels[t] ?? 0;
    const sum = sums[k];
    if (!sum) return;
    counts[k] = (counts[k] ?? 0) + 1;
    for (let d = 0; d < dims; d += 1) sum[d] = (sum[d] ?? 0) + (x[d] ?? 0);
  });
  return sums.map((sum, k) => {
    const n = counts[k] ?? 0;
    return n > 0 ? sum.map((v) => v / n) : undefined;
  });
}
