/**
 * A Gaussian hidden Markov model with diagonal covariance, fitted by Baum-Welch with per-step
 * scaling. Written here because the one npm package for Gaussian-emission HMMs
 * (hidden-markov-model-tf) is archived and pins @tensorflow/tfjs-core ^3, which no longer
 * resolves next to tfjs 4; the model we need (2-3 states, 2 features, ~1000 bars) is small.
 */
import { initialParams, moments } from './hmm-init.js';
import type { GaussianHmmParams } from './hmm-params.js';

export type { GaussianHmmParams } from './hmm-params.js';

export interface HmmFitOptions {
  states: number;
  /** Default 200. */
  maxIterations?: number;
  /** Stop when the log-likelihood improves by less than this. Default 1e-4. */
  tolerance?: number;
  /** Variance floor as a fraction of each dimension's overall variance. Default 1e-3. */
  varianceFloor?: number;
  /** Dimension the deterministic initialisation orders by. Default: the last one. */
  initDimension?: number;
}

export interface HmmFit {
  params: GaussianHmmParams;
  /** Log-likelihood of the data under `params`. */
  logLikelihood: number;
  /** EM updates performed. */
  iterations: number;
  converged: boolean;
  /** Log-likelihood before each EM update and after the last one: non-decreasing. */
  history: number[];
}

type Observations = readonly (readonly number[])[];
const LOG_2PI = Math.log(2 * Math.PI);

/** Emission densities scaled by the per-bar maximum (added back into the likelihood). */
function emissions(p: GaussianHmmParams, data: Observations): { b: Float64Array; offset: Float64Array } {
  const K = p.initial.length;
  const b = new Float64Array(data.length * K);
  const offset = new Float64Array(data.length);
  data.forEach((x, t) => {
    let max = -Infinity;
    for (let j = 0; j < K; j += 1) {
      const mean = p.means[j] ?? [];
      const variance = p.variances[j] ?? [];
      let log = 0;
      x.forEach((v, d) => {
        const s2 = variance[d] ?? 1;
        log -= 0.5 * (LOG_2PI + Math.log(s2) + (v - (mean[d] ?? 0)) ** 2 / s2);
      });
      b[t * K + j] = log;
      max = Math.max(max, log);
    }
    offset[t] = max;
    for (let j = 0; j < K; j += 1) b[t * K + j] = Math.exp((b[t * K + j] ?? 0) - max);
  });
  return { b, offset };
}

interface Forward {
  alpha: Float64Array;
  scale: Float64Array;
  b: Float64Array;
  logLikelihood: number;
}

function forward(p: GaussianHmmParams, data: Observations): Forward {
  const K = p.initial.length;
  const { b, offset } = emissions(p, data);
  const alpha = new Float64Array(data.length * K);
  const scale = new Float64Array(data.length);
  let logLikelihood = 0;
  for (let t = 0; t < data.length; t += 1) {
    let sum = 0;
    for (let j = 0; j < K; j += 1) {
      let prior = 0;
      if (t === 0) prior = p.initial[j] ?? 0;
      else
        for (let i = 0; i < K; i += 1) prior += (alpha[(t - 1) * K + i] ?? 0) * (p.transition[i]?.[j] ?? 0);
      const a = prior * (b[t * K + j] ?? 0);
      alpha[t * K + j] = a;
      sum += a;
    }
    // Only reachable with zero start or transition mass into every plausible state.
    const c = sum > 0 ? sum : Number.MIN_VALUE;
    for (let j = 0; j < K; j += 1) alpha[t * K + j] = (alpha[t * K + j] ?? 0) / c;
    scale[t] = c;
    logLikelihood += Math.log(c) + (offset[t] ?? 0);
  }
  return { alpha, scale, b, logLikelihood };
}

/** P(state at each bar | observations up to that bar), and the log-likelihood of all of them. */
export function filterHmm(
  p: GaussianHmmParams,
  data: Observations,
): { filtered: number[][]; logLikelihood: number } {
  const K = p.initial.length;
  const { alpha, logLikelihood } = forward(p, data);
  const filtered = data.map((_, t) => Array.from(alpha.subarray(t * K, (t + 1) * K)));
  return { filtered, logLikelihood };
}

/** One EM update (E-step by forward-backward, M-step in closed form). */
function update(
  p: GaussianHmmParams,
  data: Observations,
  floors: readonly number[],
): { next: GaussianHmmParams; logLikelihood: number } {
  const K = p.initial.length;
  const T = data.length;
  const dims = floors.length;
  const { alpha, scale, b, logLikelihood } = forward(p, data);
  const beta = new Float64Array(T * K).fill(1);
  for (let t = T - 2; t >= 0; t -= 1) {
    for (let i = 0; i < K; i += 1) {
      let sum = 0;
      for (let j = 0; j < K; j += 1)
        sum += (p.transition[i]?.[j] ?? 0) * (b[(t + 1) * K + j] ?? 0) * (beta[(t + 1) * K + j] ?? 0);
      beta[t * K + i] = sum / (scale[t + 1] ?? 1);
    }
  }
  const weight = new Float64Array(K);
  const xi = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const sums = Array.from({ length: K }, () => new Array<number>(dims).fill(0));
  const squares = Array.from({ length: K }, () => new Array<number>(dims).fill(0));
  const initial = new Array<number>(K).fill(0);
  for (let t = 0; t < T; t += 1) {
    let norm = 0;
    for (let i = 0; i < K; i += 1) norm += (alpha[t * K + i] ?? 0) * (beta[t * K + i] ?? 0);
    const x = data[t] ?? [];
    for (let i = 0; i < K; i += 1) {
      const g = norm > 0 ? ((alpha[t * K + i] ?? 0) * (beta[t * K + i] ?? 0)) / norm : 0;
      if (t === 0) initial[i] = g;
      weight[i] = (weight[i] ?? 0) + g;
      const mean = p.means[i] ?? [];
      for (let d = 0; d < dims; d += 1) {
        (sums[i] ?? [])[d] = (sums[i]?.[d] ?? 0) + g * (x[d] ?? 0);
        // Shifted by the current mean for numerical stability; corrected below.
        (squares[i] ?? [])[d] = (squares[i]?.[d] ?? 0) + g * ((x[d] ?? 0) - (mean[d] ?? 0)) ** 2;
      }
      if (t === T - 1) continue;
      const row = xi[i] ?? [];
      for (let j = 0; j < K; j += 1) {
        row[j] =
          (row[j] ?? 0) +
          ((alpha[t * K + i] ?? 0) *
            (p.transition[i]?.[j] ?? 0) *
            (b[(t + 1) * K + j] ?? 0) *
            (beta[(t + 1) * K + j] ?? 0)) /
            (scale[t + 1] ?? 1);
      }
    }
  }
  const next: GaussianHmmParams = { initial, transition: [], means: [], variances: [] };
  for (let i = 0; i < K; i += 1) {
    const w = weight[i] ?? 0;
    const row = xi[i] ?? [];
    const rowSum = row.reduce((a, v) => a + v, 0);
    next.transition.push(rowSum > 0 ? row.map((v) => v / rowSum) : [...(p.transition[i] ?? [])]);
    if (w < 1e-10) {
      // A state no bar belongs to keeps its parameters instead of dividing by zero.
      next.means.push([...(p.means[i] ?? [])]);
      next.variances.push([...(p.variances[i] ?? [])]);
      continue;
    }
    const oldMean = p.means[i] ?? [];
    const mean = (sums[i] ?? []).map((s) => s / w);
    next.means.push(mean);
    next.variances.push(
      (squares[i] ?? []).map((sq, d) => {
        const shift = (mean[d] ?? 0) - (oldMean[d] ?? 0);
        return Math.max(sq / w - shift * shift, floors[d] ?? 0);
      }),
    );
  }
  return { next, logLikelihood };
}

/**
 * Fits the model by Baum-Welch from a deterministic start. Stops when the log-likelihood gains
 * less than `tolerance` in one update, or after `maxIterations` updates.
 */
export function fitGaussianHmm(data: Observations, options: HmmFitOptions): HmmFit {
  const dims = data[0]?.length ?? 0;
  if (data.length < options.states * 2 || dims === 0) {
    throw new RangeError(`need at least ${options.states * 2} observations with one or more dimensions`);
  }
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-4;
  const { variance } = moments(data, dims);
  const floors = variance.map((v) => Math.max(v * (options.varianceFloor ?? 1e-3), 1e-12));
  let params = initialParams(data, options.states, options.initDimension ?? dims - 1, floors);
  const history: number[] = [];
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations; iterations += 1) {
    const { next, logLikelihood } = update(params, data, floors);
    const previous = history.at(-1);
    history.push(logLikelihood);
    if (previous !== undefined && logLikelihood - previous < tolerance) {
      converged = true;
      break;
    }
    params = next;
  }
  if (!converged) history.push(forward(params, data).logLikelihood);
  return { params, logLikelihood: history.at(-1) ?? Number.NaN, iterations, converged, history };
}
