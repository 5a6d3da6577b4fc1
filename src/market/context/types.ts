import type { FeatureColumns, FeatureSnapshot } from '../features/index.js';
import type { DataFreshness } from '../freshness/index.js';
import type { KeyLevels } from '../levels/index.js';
import type { IntentSide, MtfaResult } from '../mtfa/index.js';
import type { RegimeSnapshot } from '../regime/index.js';
import type { Bar, Timeframe } from '../types.js';
import type { UserContext } from './user.js';

export interface FrameContext {
  timeframe: Timeframe;
  bars: Bar[];
  features: FeatureColumns;
  latest: FeatureSnapshot;
  lastBar: Bar;
  /** True when the frame was resampled from a lower stored timeframe. */
  resampled: boolean;
}

export interface TickerInfo {
  symbol: string;
  name: string;
  assetClass: string;
  sector: string | null;
  isSynthetic: boolean;
}

export interface LiquidityFacts {
  avgVolume20: number;
  avgDollarVolume20: number;
  /** Median (high - low) / close over the last 20 bars, in percent. */
  medianRangePct20: number;
}

/** Everything the evaluators and agents may know about one idea, computed once per request. */
export interface MarketContext {
  symbol: string;
  ticker: TickerInfo;
  /** Open time of the last bar of the primary frame (epoch ms). */
  asOf: number;
  primary: FrameContext;
  /** Up to two higher timeframes, nearest first. */
  higher: FrameContext[];
  liquidity: LiquidityFacts;
  /** Key levels of the primary frame at its last bar. */
  levels: KeyLevels;
  /** Trend, volatility, liquidity and HMM state of the primary frame at its last bar. */
  regime: RegimeSnapshot;
  /** 'stored': levels and regime were read from their snapshot tables; 'computed': computed for this build. */
  snapshotSource: 'stored' | 'computed';
}

/** Open positions the trader holds; filled from positions when known, absent otherwise. */
export interface PortfolioFacts {
  openSymbols: string[];
  /** Realised P&L of the trades closed since midnight UTC; absent = unknown. */
  realizedPnlToday?: number;
}

/** A scheduled event after the pack's last bar: the symbol's own (earnings) or a macro release (symbol null). */
export interface EventFact {
  symbol: string | null;
  /** YYYY-MM-DD. */
  date: string;
  kind: string;
  note: string | null;
  isSynthetic: boolean;
}

export interface ContextPack extends MarketContext {
  user: UserContext;
  /** How current the stored bars are (the report's data line). */
  freshness?: DataFreshness | undefined;
  /** Set when this request back-filled the symbol from the provider, e.g. "I had no data for AAPL: fetched ...". */
  dataNote?: string | undefined;
  portfolio?: PortfolioFacts;
  /** Events dated after the last bar, up to EVENT_WINDOW_DAYS ahead, oldest first; absent = no calendar. */
  events?: EventFact[];
  frame(timeframe: Timeframe): FrameContext | undefined;
  /** Multi-timeframe alignment for one side over the primary and higher frames; computed once per side. */
  alignment(side: IntentSide): MtfaResult;
}
