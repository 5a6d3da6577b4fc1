import { computeAlignment, type IntentSide, type MtfaResult } from '../mtfa/index.js';
import type { Bar } from '../types.js';
import type { ContextPack, LiquidityFacts, MarketContext, PortfolioFacts } from './types.js';
import type { UserContext } from './user.js';

// Keyed by the (cached, shared) market part, so every request on the same bars reuses it.
const alignments = new WeakMap<MarketContext, Partial<Record<IntentSide, MtfaResult>>>();

/** The ContextPack for one request: the shared market part, the user's part, and lazy per-side MTFA. */
export function assembleContextPack(
  market: MarketContext,
  user: UserContext,
  portfolio?: PortfolioFacts,
): ContextPack {
  const frames = [market.primary, ...market.higher];
  const pack: ContextPack = {
    ...market,
    user,
    frame: (tf) => frames.find((f) => f.timeframe === tf),
    alignment(side) {
      const memo = alignments.get(market) ?? {};
      alignments.set(market, memo);
      return (memo[side] ??= computeAlignment(side, frames));
    },
  };
  if (portfolio) pack.portfolio = portfolio;
  return pack;
}

/** Volume, dollar volume and median range (percent of close) of the last 20 bars. */
export function liquidityOf(bars: readonly Bar[]): LiquidityFacts {
  const recent = bars.slice(-20);
  const avgVolume20 = recent.reduce((s, b) => s + b.volume, 0) / recent.length;
  const avgDollarVolume20 = recent.reduce((s, b) => s + b.volume * b.close, 0) / recent.length;
  const ranges = recent.map((b) => ((b.high - b.low) / b.close) * 100).sort((a, b) => a - b);
  const mid = Math.floor(ranges.length / 2);
  const medianRangePct20 =
    ranges.length % 2 ? (ranges[mid] ?? 0) : ((ranges[mid - 1] ?? 0) + (ranges[mid] ?? 0)) / 2;
  return { avgVolume20, avgDollarVolume20, medianRangePct20 };
}
