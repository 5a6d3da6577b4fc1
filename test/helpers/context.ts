import { TradeIntentSchema, type TradeIntent, type TradeIntentInput } from '../../src/evaluators/intent.js';
import {
  assembleContextPack,
  liquidityOf,
  type ContextPack,
  type FrameContext,
  type MarketContext,
  type PortfolioFacts,
  type UserRules,
} from '../../src/market/context/index.js';
import { gaussian, mulberry32, resample } from '../../src/market/data/index.js';
import { computeFeatures, snapshotAt, type FeatureSnapshot } from '../../src/market/features/index.js';
import type { KeyLevels } from '../../src/market/levels/index.js';
import type { RegimeSnapshot } from '../../src/market/regime/index.js';
import { computeMarketState } from '../../src/market/snapshots/index.js';
import { HIGHER_TIMEFRAME, type Bar, type Timeframe } from '../../src/market/types.js';

const MINUTE = 60_000;
/** 2024-01-01T00:00:00Z, a Monday. */
export const T0 = Date.UTC(2024, 0, 1);

export const STEP_MS: Record<Timeframe, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': 1_440 * MINUTE,
  '1w': 7 * 1_440 * MINUTE,
  '1M': 30 * 1_440 * MINUTE,
};

const INTRADAY = new Set<Timeframe>(['1m', '5m', '15m', '30m', '1h', '4h']);

/**
 * Flat bars, each `range` high to low around `close`: every true range equals `range`, so the
 * ATR(14) is exactly `range` once warmed up, and the median range is `range / close`.
 */
export function constantRangeBars(
  options: {
    count?: number;
    close?: number;
    range?: number;
    volume?: number;
    timeframe?: Timeframe;
    start?: number;
  } = {},
): Bar[] {
  const { count = 100, close = 100, range = 2, volume = 10_000_000, timeframe = '1d', start = T0 } = options;
  return Array.from({ length: count }, (_, i) => ({
    ts: start + i * STEP_MS[timeframe],
    open: close,
    high: close + range / 2,
    low: close - range / 2,
    close,
    volume,
  }));
}

/** A seeded geometric random walk with realistic OHLC (open at the previous close). */
export function randomWalkBars(
  options: {
    count?: number;
    seed?: number;
    start?: number;
    price?: number;
    dailyVol?: number;
    volume?: number;
    timeframe?: Timeframe;
  } = {},
): Bar[] {
  const {
    count = 300,
    seed = 7,
    start = T0,
    price = 100,
    dailyVol = 0.015,
    volume = 1_000_000,
    timeframe = '1d',
  } = options;
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const bars: Bar[] = [];
  let close = price;
  for (let i = 0; i < count; i++) {
    const open = close;
    close = open * Math.exp(dailyVol * normal());
    const high = Math.max(open, close) * (1 + dailyVol * 0.5 * random());
    const low = Math.min(open, close) * (1 - dailyVol * 0.5 * random());
    bars.push({
      ts: start + i * STEP_MS[timeframe],
      open,
      high,
      low,
      close,
      volume: Math.round(volume * (0.5 + random())),
    });
  }
  return bars;
}

export { liquidityOf };

export function frameOf(timeframe: Timeframe, bars: Bar[], resampled = false): FrameContext {
  const lastBar = bars.at(-1);
  if (!lastBar) throw new Error('a frame needs at least one bar');
  const features = computeFeatures(bars, { intraday: INTRADAY.has(timeframe) });
  return { timeframe, bars, features, latest: snapshotAt(features), lastBar, resampled };
}

export interface ContextOptions {
  symbol?: string;
  timeframe?: Timeframe;
  bars?: Bar[];
  equity?: number;
  rules?: Partial<UserRules>;
  /** Replace the computed key levels / regime of the primary frame. */
  levels?: KeyLevels;
  regime?: RegimeSnapshot;
  /** Override some latest feature values of the primary frame (the columns stay as computed). */
  latest?: FeatureSnapshot;
  portfolio?: PortfolioFacts;
}

export const TEST_RULES: UserRules = {
  maxRiskPct: 1,
  minRewardRisk: 1.5,
  maxPositionPct: 100,
  requireStop: true,
};

/**
 * An in-memory ContextPack shaped like the builder's: features computed from the bars, up to two
 * higher frames resampled from them (when they yield at least 10 bars), liquidity of the last 20.
 */
export function contextPack(options: ContextOptions = {}): ContextPack {
  const timeframe = options.timeframe ?? '1d';
  const bars = options.bars ?? constantRangeBars({ timeframe });
  const symbol = options.symbol ?? 'TEST';
  const primary = frameOf(timeframe, bars);
  const higher: FrameContext[] = [];
  for (let tf = HIGHER_TIMEFRAME[timeframe]; tf && higher.length < 2; tf = HIGHER_TIMEFRAME[tf]) {
    const series = resample(bars, timeframe, tf);
    if (series.length >= 10) higher.push(frameOf(tf, series, true));
  }
  // Levels and regime come from the same pure code the snapshot service stores; a test may pin them.
  const state = computeMarketState(timeframe, primary.bars, primary.features);
  if (options.latest) primary.latest = { ...primary.latest, ...options.latest };
  const market: MarketContext = {
    symbol,
    ticker: { symbol, name: `${symbol} (test)`, assetClass: 'equity', sector: null, isSynthetic: true },
    asOf: primary.lastBar.ts,
    primary,
    higher,
    liquidity: liquidityOf(bars),
    levels: options.levels ?? state.levels,
    regime: options.regime ?? state.regime,
    snapshotSource: 'computed',
  };
  const user = {
    userId: 'test-user',
    equity: options.equity ?? 50_000,
    equityIsDefault: false,
    rules: { ...TEST_RULES, ...options.rules },
    rulesVersion: 1,
  };
  return assembleContextPack(market, user, options.portfolio);
}

/** Fields of an idea for tests; read-only target lists so tables can use `as const`. */
export type IntentPatch = Partial<Omit<TradeIntentInput, 'targets'>> & { targets?: readonly number[] };

/** A validated TradeIntent (the schema's defaults filled in), like the parser or the API produce. */
export function intentOf(input: IntentPatch = {}): TradeIntent {
  return TradeIntentSchema.parse({
    symbol: 'TEST',
    side: 'long',
    entry: 100,
    ...input,
    targets: input.targets ? [...input.targets] : undefined,
  });
}

/** The same idea on the other side: every price reflected through the entry. */
export function mirrored(intent: TradeIntent): TradeIntent {
  const flip = (p: number): number => 2 * intent.entry - p;
  return TradeIntentSchema.parse({
    ...intent,
    side: intent.side === 'long' ? 'short' : 'long',
    stop: intent.stop === undefined ? undefined : flip(intent.stop),
    targets: intent.targets.map(flip),
  });
}
