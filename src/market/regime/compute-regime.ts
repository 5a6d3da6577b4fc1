import type { FeatureColumns } from '../features/index.js';
import { roundTo, roundedStructure } from '../levels/index.js';
import type { Bar } from '../types.js';
import { hmmRegime, type HmmOptions, type HmmSnapshot } from './hmm-snapshot.js';
import { assessTrend, type TrendComponents, type TrendState } from './trend.js';
import {
  assessLiquidity,
  assessVolatility,
  type LiquidityState,
  type VolatilityAssessment,
  type VolState,
} from './volatility.js';

export const REGIME_VERSION = 1;

export interface RegimeOptions {
  /** Bars each side of a fractal swing for the structure component. Default 3. */
  swingK?: number;
  /** Bars ATR/close is ranked against. Default 250. */
  volLookback?: number;
  /** HMM settings, or false to skip the model. */
  hmm?: HmmOptions | false;
}

/**
 * The regime at the last bar (seed 004 `regime_snapshots`). JSON-serialisable. A part the
 * history is too short for is 'insufficient' or left out, never guessed.
 */
export interface RegimeSnapshot {
  version: number;
  asOf: number | null;
  trendState: TrendState;
  trendStrength?: number;
  trendComponents: TrendComponents;
  volState: VolState;
  atrPercentile?: number;
  volZ?: number;
  volExpansion?: boolean;
  volComponents: VolatilityAssessment['components'];
  liquidityState: LiquidityState;
  relVolume?: number;
  /** Mean (high - low) / close over 20 bars, in basis points. */
  spreadProxy?: number;
  hmm?: HmmSnapshot;
  /** e.g. "uptrend · normal volatility · calm state". */
  label: string;
}

function rounded<T extends object>(value: T, decimals: number): T {
  const out = { ...value } as Record<string, unknown>;
  for (const [key, v] of Object.entries(out)) if (typeof v === 'number') out[key] = roundTo(v, decimals);
  return out as T;
}

export function regimeLabel(snapshot: Omit<RegimeSnapshot, 'label'>): string {
  const parts = [
    snapshot.trendState === 'insufficient' ? 'trend unknown' : snapshot.trendState,
    snapshot.volState === 'insufficient' ? 'volatility unknown' : `${snapshot.volState} volatility`,
  ];
  if (snapshot.liquidityState === 'thin' || snapshot.liquidityState === 'heavy') {
    parts.push(`${snapshot.liquidityState} volume`);
  }
  const state = snapshot.hmm?.states[snapshot.hmm.currentState];
  if (state) parts.push(`${state.label} state`);
  return parts.join(' · ');
}

/** Trend, volatility, liquidity and HMM state at the last bar of a series. */
export function computeRegime(
  bars: readonly Bar[],
  features: FeatureColumns,
  options: RegimeOptions = {},
): RegimeSnapshot {
  const trend = assessTrend(bars, features, options.swingK ?? 3);
  const vol = assessVolatility(bars, features, options.volLookback ?? 250);
  const liquidity = assessLiquidity(bars, features);
  const { structure, ...trendNumbers } = trend.components;
  const snapshot: Omit<RegimeSnapshot, 'label'> = {
    version: REGIME_VERSION,
    asOf: bars.at(-1)?.ts ?? null,
    trendState: trend.state,
    trendComponents: {
      ...rounded(trendNumbers, 4),
      structure: roundedStructure(structure, bars.at(-1)?.close ?? 1),
    },
    volState: vol.state,
    volComponents: rounded(vol.components, 6),
    liquidityState: liquidity.state,
  };
  if (trend.strength !== undefined) snapshot.trendStrength = trend.strength;
  if (vol.atrPercentile !== undefined) snapshot.atrPercentile = roundTo(vol.atrPercentile, 1);
  if (vol.volZ !== undefined) snapshot.volZ = roundTo(vol.volZ, 3);
  if (vol.volExpansion !== undefined) snapshot.volExpansion = vol.volExpansion;
  if (liquidity.relVolume !== undefined) snapshot.relVolume = roundTo(liquidity.relVolume, 3);
  if (liquidity.spreadProxy !== undefined) snapshot.spreadProxy = roundTo(liquidity.spreadProxy, 1);
  if (options.hmm !== false) {
    const hmm = hmmRegime(bars, options.hmm ?? {});
    if (hmm) snapshot.hmm = hmm;
  }
  return { ...snapshot, label: regimeLabel(snapshot) };
}
