import { roundTo } from '../levels/index.js';
import type { Bar } from '../types.js';
import { filterHmm, fitGaussianHmm } from './hmm.js';

export type HmmStateLabel = 'calm' | 'normal' | 'volatile';

export interface HmmStateSummary {
  /** 0 is the calmest state; ids grow with volatility. */
  id: number;
  label: HmmStateLabel;
  /** Mean log return per bar in this state. */
  meanReturn: number;
  /** Standard deviation of the log return per bar in this state. */
  returnVol: number;
  /** Typical high-low range as a fraction of close (exp of the state's mean log range). */
  meanVol: number;
  /** Filtered probability of this state at the last bar. */
  prob: number;
}

export interface HmmSnapshot {
  states: HmmStateSummary[];
  /** Id of the most likely state at the last bar. */
  currentState: number;
  /** Probability that the next bar is in a different state than `currentState`. */
  transitionRisk: number;
  /** transitionMatrix[i][j] = P(next j | now i), in id order. */
  transitionMatrix: number[][];
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Bars the model was fitted on. */
  observations: number;
}

export interface HmmOptions {
  /** 2 (calm/volatile) or 3 (calm/normal/volatile). Default 2. */
  states?: 2 | 3;
  /** Most recent bars fitted on. Default 750 (three years of daily bars). */
  window?: number;
  /** Fewer usable bars than this and no model is fitted. Default 120. */
  minObservations?: number;
}

const LABELS: Record<2 | 3, HmmStateLabel[]> = { 2: ['calm', 'volatile'], 3: ['calm', 'normal', 'volatile'] };
// A bar with high == low would give log(0); one basis point is below any traded range.
const RANGE_FLOOR = 1e-4;

/** Per bar: [log return, log((high - low) / close)]. */
export function hmmObservations(bars: readonly Bar[]): number[][] {
  const out: number[][] = [];
  for (let i = 1; i < bars.length; i += 1) {
    const prev = bars[i - 1];
    const bar = bars[i];
    if (!prev || !bar || !(prev.close > 0) || !(bar.close > 0)) continue;
    out.push([
      Math.log(bar.close / prev.close),
      Math.log(Math.max((bar.high - bar.low) / bar.close, RANGE_FLOOR)),
    ]);
  }
  return out;
}

/**
 * Fits a Gaussian HMM on log returns and log ranges of the last `window` bars and reads the
 * state probabilities at the last bar. Undefined when the history is too short to fit.
 */
export function hmmRegime(bars: readonly Bar[], options: HmmOptions = {}): HmmSnapshot | undefined {
  const k = options.states ?? 2;
  const data = hmmObservations(bars.slice(-((options.window ?? 750) + 1)));
  if (data.length < Math.max(options.minObservations ?? 120, 2 * k)) return undefined;
  const fit = fitGaussianHmm(data, { states: k, initDimension: 1 });
  const { filtered } = filterHmm(fit.params, data);
  const probs = filtered.at(-1) ?? [];
  const { means, variances, transition } = fit.params;
  const order = means.map((_, s) => s).sort((a, b) => (means[a]?.[1] ?? 0) - (means[b]?.[1] ?? 0));

  const states = order.map(
    (s, id): HmmStateSummary => ({
      id,
      label: LABELS[k][id] ?? 'normal',
      meanReturn: roundTo(means[s]?.[0] ?? 0, 6),
      returnVol: roundTo(Math.sqrt(variances[s]?.[0] ?? 0), 6),
      meanVol: roundTo(Math.exp(means[s]?.[1] ?? 0), 6),
      prob: roundTo(probs[s] ?? 0, 4),
    }),
  );
  const best = order.reduce((a, s) => ((probs[s] ?? 0) > (probs[a] ?? 0) ? s : a), order[0] ?? 0);
  // P(next = best) = sum over i of P(now = i) * A[i][best]; the risk is its complement.
  const stay = probs.reduce((sum, p, i) => sum + p * (transition[i]?.[best] ?? 0), 0);
  return {
    states,
    currentState: order.indexOf(best),
    transitionRisk: roundTo(Math.min(1, Math.max(0, 1 - stay)), 4),
    transitionMatrix: order.map((i) => order.map((j) => roundTo(transition[i]?.[j] ?? 0, 4))),
    logLikelihood: roundTo(fit.logLikelihood, 2),
    iterations: fit.iterations,
    converged: fit.converged,
    observations: data.length,
  };
}
