import type { MarketRepository, SnapshotRepository } from '../../db/index.js';
import { userError } from '../../errors.js';
import { computeFeatures, type FeatureColumns } from '../features/index.js';
import { KEY_LEVELS_VERSION } from '../levels/index.js';
import { REGIME_VERSION } from '../regime/index.js';
import type { Bar, Timeframe } from '../types.js';
import { computeMarketState, type MarketState } from './compute.js';
import { keyLevelsFromRow, keyLevelsToRow, regimeFromRow, regimeToRow } from './rows.js';
import { BASE_BARS, frameBars, isIntraday, requireBase, requireTicker } from './series.js';

export interface MarketSnapshot extends MarketState {
  symbol: string;
  timeframe: Timeframe;
  /** Open time of the last stored bar the snapshot saw (the row key). */
  ts: number;
  /** 'stored': read from key_levels/regime_snapshots; 'computed': computed now (and stored by get). */
  source: 'stored' | 'computed';
}

export interface FrameInput {
  symbol: string;
  timeframe: Timeframe;
  /** Open time of the last stored bar behind `bars`. */
  ts: number;
  bars: readonly Bar[];
  features: FeatureColumns;
}

export interface SnapshotService {
  /** The snapshot for a frame already in memory: read when stored, else computed from it and stored. */
  forFrame(frame: FrameInput): Promise<MarketSnapshot>;
  /**
   * The snapshot as of the latest stored bar (or the last one at or before `asOf`): read when
   * stored, else the bars are loaded, the snapshot computed and stored. Throws the user-facing
   * errors for an unknown symbol or a timeframe that cannot be built.
   */
  get(symbol: string, timeframe: Timeframe, options?: { asOf?: number }): Promise<MarketSnapshot>;
  /**
   * Like get, but never writes: the stored snapshot when there is one, else computed and returned
   * without storing it. For read-only callers (HTTP GETs), so a request cannot add rows.
   */
  peek(symbol: string, timeframe: Timeframe, options?: { asOf?: number }): Promise<MarketSnapshot>;
  /** The bar the snapshot would be taken at, and whether a current-version snapshot is stored for it. */
  status(
    symbol: string,
    timeframe: Timeframe,
    options?: { until?: number },
  ): Promise<{ ts?: number; stored?: number; stale: boolean }>;
}

export function createSnapshotService(deps: {
  market: MarketRepository;
  snapshots: SnapshotRepository;
}): SnapshotService {
  const { market, snapshots } = deps;
  const keys = (symbol: string, timeframe: Timeframe) => ({
    levels: { symbol, timeframe, version: KEY_LEVELS_VERSION },
    regime: { symbol, timeframe, version: REGIME_VERSION },
  });

  async function readStored(
    symbol: string,
    timeframe: Timeframe,
    ts: number,
  ): Promise<MarketSnapshot | undefined> {
    const key = keys(symbol, timeframe);
    const [levels, regime] = await Promise.all([
      snapshots.keyLevelsAt(key.levels, ts),
      snapshots.regimeAt(key.regime, ts),
    ]);
    if (!levels || !regime) return undefined;
    return {
      symbol,
      timeframe,
      ts,
      levels: keyLevelsFromRow(levels),
      regime: regimeFromRow(regime),
      source: 'stored',
    };
  }

  async function compute(frame: FrameInput, store: boolean): Promise<MarketSnapshot> {
    const state = computeMarketState(frame.timeframe, frame.bars, frame.features);
    if (store) {
      await snapshots.saveKeyLevels(keyLevelsToRow(frame.symbol, frame.timeframe, frame.ts, state.levels));
      await snapshots.saveRegime(regimeToRow(frame.symbol, frame.timeframe, frame.ts, state.regime));
    }
    return { symbol: frame.symbol, timeframe: frame.timeframe, ts: frame.ts, ...state, source: 'computed' };
  }

  async function resolve(
    symbol: string,
    timeframe: Timeframe,
    options: { asOf?: number },
    store: boolean,
  ): Promise<MarketSnapshot> {
    const { base, ts } = await latestBase(symbol, timeframe, options.asOf);
    if (ts === undefined) {
      const when =
        options.asOf === undefined
          ? ''
          : ` at or before ${new Date(options.asOf).toISOString().slice(0, 10)}`;
      throw userError('insufficient-history', `There are no ${base} bars for ${symbol}${when}.`, {
        symbol,
        timeframe,
      });
    }
    const stored = await readStored(symbol, timeframe, ts);
    if (stored) return stored;
    const baseBars = await market.loadBars(symbol, base, { until: ts, limit: BASE_BARS });
    const bars = frameBars(baseBars, base, timeframe);
    const features = computeFeatures(bars, { intraday: isIntraday(timeframe) });
    return compute({ symbol, timeframe, ts, bars, features }, store);
  }

  async function latestBase(symbol: string, timeframe: Timeframe, until?: number) {
    await requireTicker(market, symbol);
    const base = await requireBase(market, symbol, timeframe);
    const [last] = await market.loadBars(symbol, base, {
      limit: 1,
      ...(until === undefined ? {} : { until }),
    });
    return { base, ts: last?.ts };
  }

  return {
    async forFrame(frame) {
      return (await readStored(frame.symbol, frame.timeframe, frame.ts)) ?? compute(frame, true);
    },

    get: (symbol, timeframe, options = {}) => resolve(symbol, timeframe, options, true),

    peek: (symbol, timeframe, options = {}) => resolve(symbol, timeframe, options, false),

    async status(symbol, timeframe, options = {}) {
      const { ts } = await latestBase(symbol, timeframe, options.until);
      if (ts === undefined) return { stale: false };
      const key = keys(symbol, timeframe);
      const [levels, regime] = await Promise.all([
        snapshots.keyLevelsAt(key.levels, ts, { atOrBefore: true }),
        snapshots.regimeAt(key.regime, ts, { atOrBefore: true }),
      ]);
      const stored = levels && regime ? Math.min(levels.ts.getTime(), regime.ts.getTime()) : undefined;
      return stored === undefined ? { ts, stale: true } : { ts, stored, stale: stored < ts };
    },
  };
}
