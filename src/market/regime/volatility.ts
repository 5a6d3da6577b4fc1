import { featureAt, type FeatureColumns } from '../features/index.js';
import type { Bar } from '../types.js';

export type VolState = 'low' | 'normal' | 'high' | 'insufficient';
export type LiquidityState = 'thin' | 'normal' | 'heavy' | 'insufficient';

export interface VolatilityAssessment {
  state: VolState;
  /** 0-100: where ATR/close sits among its last 250 values (mid-rank, so ties count half). */
  atrPercentile?: number;
  /** z-score of ATR/close against the same window. */
  volZ?: number;
  /** ATR14 more than 20% above its 20-bar mean, or the last bar's range over 2x the prior ATR. */
  volExpansion?: boolean;
  components: {
    atrPct?: number;
    window?: number;
    atrRatio?: number;
    rangeRatio?: number;
  };
}

export interface LiquidityAssessment {
  state: LiquidityState;
  /** Last bar's volume over the mean of the 20 before it. */
  relVolume?: number;
  /** Mean (high - low) / close over the last 20 bars, in basis points. */
  spreadProxy?: number;
}

const MIN_WINDOW = 30;

/**
 * Volatility state from ATR as a fraction of price, ranked against its own last 250 bars: a
 * symbol is "high vol" relative to its own history, not to other symbols. Below 25th percentile
 * is low, above 75th high.
 */
export function assessVolatility(
  bars: readonly Bar[],
  features: FeatureColumns,
  lookback = 250,
): VolatilityAssessment {
  const last = bars.length - 1;
  const values: number[] = [];
  for (let i = Math.max(0, bars.length - lookback); i <= last; i += 1) {
    const atr = featureAt(features, 'atr14', i);
    const close = bars[i]?.close;
    if (atr !== undefined && close !== undefined && close > 0) values.push(atr / close);
  }
  const current = featureAt(features, 'atr14', last);
  const lastBar = bars[last];
  const result: VolatilityAssessment = { state: 'insufficient', components: {} };
  if (current === undefined || !lastBar || lastBar.close <= 0) return result;
  const atrPct = current / lastBar.close;
  result.components.atrPct = atrPct;

  const atrs: number[] = [];
  for (let i = Math.max(0, last - 19); i <= last; i += 1) {
    const atr = featureAt(features, 'atr14', i);
    if (atr !== undefined) atrs.push(atr);
  }
  const prevAtr = featureAt(features, 'atr14', last - 1);
  if (atrs.length === 20 && prevAtr !== undefined && prevAtr > 0) {
    const atrRatio = current / (atrs.reduce((a, b) => a + b, 0) / atrs.length);
    const rangeRatio = (lastBar.high - lastBar.low) / prevAtr;
    Object.assign(result.components, { atrRatio, rangeRatio });
    result.volExpansion = atrRatio > 1.2 || rangeRatio > 2;
  }

  if (values.length < MIN_WINDOW) return result;
  result.components.window = values.length;
  let below = 0;
  let equal = 0;
  for (const v of values) {
    if (v < atrPct) below += 1;
    else if (v === atrPct) equal += 1;
  }
  const percentile = (100 * (below + equal / 2)) / values.length;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  result.atrPercentile = percentile;
  result.volZ = sd > 0 ? (atrPct - mean) / sd : 0;
  result.state = percentile < 25 ? 'low' : percentile > 75 ? 'high' : 'normal';
  return result;
}

/** Liquidity from relative volume: under 0.5x the 20-bar average is thin, over 1.5x heavy. */
export function assessLiquidity(bars: readonly Bar[], features: FeatureColumns): LiquidityAssessment {
  const relVolume = featureAt(features, 'relVolume', bars.length - 1);
  const result: LiquidityAssessment = { state: 'insufficient' };
  const window = bars.slice(-20);
  if (window.length === 20 && window.every((b) => b.close > 0)) {
    result.spreadProxy =
      (10_000 * window.reduce((a, b) => a + (b.high - b.low) / b.close, 0)) / window.length;
  }
  if (relVolume === undefined) return result;
  result.relVolume = relVolume;
  result.state = relVolume < 0.5 ? 'thin' : relVolume > 1.5 ? 'heavy' : 'normal';
  return result;
}
