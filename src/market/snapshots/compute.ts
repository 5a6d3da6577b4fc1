import type { FeatureColumns } from '../features/index.js';
import { computeKeyLevels, type KeyLevels } from '../levels/index.js';
import { computeRegime, type RegimeSnapshot } from '../regime/index.js';
import type { Bar, Timeframe } from '../types.js';

export interface MarketState {
  levels: KeyLevels;
  regime: RegimeSnapshot;
}

/** Key levels and regime at the last bar of one frame. Pure; the snapshot service stores the result. */
export function computeMarketState(
  timeframe: Timeframe,
  bars: readonly Bar[],
  features: FeatureColumns,
): MarketState {
  return { levels: computeKeyLevels(bars, features, { timeframe }), regime: computeRegime(bars, features) };
}
