import { featureAt, type FeatureColumns } from '../features/index.js';
import { findSwings, structureOf, type Structure } from '../levels/index.js';
import type { Bar } from '../types.js';

export type TrendState = 'uptrend' | 'downtrend' | 'range' | 'insufficient';

export interface TrendComponents {
  adx?: number;
  /** ADX mapped onto 0-1: 10 or less is 0, 40 or more is 1. */
  adxScore?: number;
  /** EMA20's change per bar over the last 5 bars, in ATR. */
  emaSlope20Atr?: number;
  /** EMA50's change per bar over the last 10 bars, in ATR. */
  emaSlope50Atr?: number;
  /** -1..1: the slopes against full-scale values of 0.15 (EMA20) and 0.1 (EMA50) ATR a bar. */
  slopeScore?: number;
  structure: Structure;
  /** -1..1: slopes (weight 0.6) and swing structure (0.4); the sign is the trend's side. */
  direction?: number;
}

export interface TrendAssessment {
  state: TrendState;
  /** 0-100: ADX (weight 0.4) and how one-sided the direction is (0.6). */
  strength?: number;
  components: TrendComponents;
}

const clamp = (v: number, lo = -1, hi = 1): number => Math.min(hi, Math.max(lo, v));

/** Change of an EMA per bar over `span` bars, in units of the ATR at `index`. */
export function emaSlopeAtr(
  features: FeatureColumns,
  name: 'ema20' | 'ema50',
  index: number,
  span: number,
): number | undefined {
  const now = featureAt(features, name, index);
  const then = featureAt(features, name, index - span);
  const atr = featureAt(features, 'atr14', index);
  if (now === undefined || then === undefined || atr === undefined || atr <= 0) return undefined;
  return (now - then) / span / atr;
}

function weighted(parts: readonly (readonly [number | undefined, number])[]): number | undefined {
  let sum = 0;
  let weight = 0;
  for (const [value, w] of parts) {
    if (value === undefined) continue;
    sum += value * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : undefined;
}

/**
 * Trend at the last bar. Direction needs slopes or swing structure; ADX only sizes it, since
 * a high ADX says a move is strong, not which way. A state is called a trend when the direction
 * is clearly one-sided (|direction| >= 0.3) and the strength reaches 30; otherwise a range.
 */
export function assessTrend(bars: readonly Bar[], features: FeatureColumns, swingK = 3): TrendAssessment {
  const i = bars.length - 1;
  const adx = featureAt(features, 'adx14', i);
  const emaSlope20Atr = emaSlopeAtr(features, 'ema20', i, 5);
  const emaSlope50Atr = emaSlopeAtr(features, 'ema50', i, 10);
  const slopeScore = weighted([
    [emaSlope20Atr === undefined ? undefined : clamp(emaSlope20Atr / 0.15), 1],
    [emaSlope50Atr === undefined ? undefined : clamp(emaSlope50Atr / 0.1), 1],
  ]);
  const structure = structureOf(findSwings(bars, swingK, Math.max(0, bars.length - 250)), 4, bars[i]?.close);
  const direction = weighted([
    [slopeScore, 0.6],
    [structure.bias === 'unknown' ? undefined : structure.score, 0.4],
  ]);
  const adxScore = adx === undefined ? undefined : clamp((adx - 10) / 30, 0, 1);
  const components: TrendComponents = { structure };
  if (adx !== undefined) Object.assign(components, { adx, adxScore });
  if (emaSlope20Atr !== undefined) components.emaSlope20Atr = emaSlope20Atr;
  if (emaSlope50Atr !== undefined) components.emaSlope50Atr = emaSlope50Atr;
  if (slopeScore !== undefined) components.slopeScore = slopeScore;
  if (direction === undefined) return { state: 'insufficient', components };
  components.direction = direction;

  const strength = Math.round(
    100 *
      (weighted([
        [adxScore, 0.4],
        [Math.abs(direction), 0.6],
      ]) ?? 0),
  );
  let state: TrendState = 'range';
  if (Math.abs(direction) >= 0.3 && strength >= 30) state = direction > 0 ? 'uptrend' : 'downtrend';
  return { state, strength, components };
}
