import type { MarketRepository } from '../../db/index.js';
import { AppError, userError } from '../../errors.js';
import { canResample, resample } from '../data/resample.js';
import { computeFeatures, snapshotAt } from '../features/index.js';
import { suggestSymbols } from '../symbols.js';
import { HIGHER_TIMEFRAME, TIMEFRAMES, isTimeframe, type Bar, type Timeframe } from '../types.js';
import type { ContextPack, FrameContext, LiquidityFacts, MarketContext } from './types.js';
import type { UserContext } from './user.js';

const MIN_BARS = 30;
const PRIMARY_BARS = 1_000;
const BASE_BARS = 5_000;
const INTRADAY = new Set<Timeframe>(['1m', '5m', '15m', '30m', '1h', '4h']);

export interface BuildRequest {
  symbol: string;
  timeframe: Timeframe;
  /** Build as of this time (epoch ms); the latest bar by default. */
  asOf?: number;
  user: UserContext;
}

export interface ContextPackBuilder {
  build(request: BuildRequest): Promise<ContextPack>;
  stats(): { hits: number; misses: number; size: number };
}

/**
 * Builds ContextPacks from stored bars. The market part is cached per (symbol, timeframe, last
 * bar ts); the user part is attached per request, so two users share the market work.
 */
export function createContextPackBuilder(deps: { market: MarketRepository; cacheSize?: number }): ContextPackBuilder {
  const cache = new Map<string, MarketContext>();
  const limit = deps.cacheSize ?? 256;
  let hits = 0;
  let misses = 0;

  async function marketContext(symbol: string, timeframe: Timeframe, asOf?: number): Promise<MarketContext> {
    const ticker = await deps.market.getTicker(symbol);
    if (!ticker) {
      const known = (await deps.market.listTickers()).map((t) => t.symbol);
      const near = suggestSymbols(symbol, known);
      throw userError('unknown-symbol', `I have no data for ${symbol}.${near.length ? ` Did you mean ${near.join(', ')}?` : ''} Import bars with \`buddy data import FILE.csv --symbol ${symbol}\`.`, { symbol, suggestions: near });
    }
    const stored = (await deps.market.timeframesOf(symbol)).filter(isTimeframe);
    const base = pickBase(stored, timeframe);
    if (!base) {
      throw userError('no-market-data', `There are no ${timeframe} bars for ${symbol} (stored: ${stored.join(', ') || 'none'}), and none of a lower timeframe to build them from.`, { symbol, timeframe });
    }
    const lastTs = await deps.market.latestBarTs(symbol, base);
    const asOfTs = asOf === undefined ? lastTs : Math.min(asOf, lastTs ?? asOf);
    const key = `${symbol}|${timeframe}|${base}|${asOfTs}`;
    const cached = cache.get(key);
    if (cached) {
      hits++;
      cache.delete(key);
      cache.set(key, cached);
      return cached;
    }
    misses++;
    const baseBars = await deps.market.loadBars(symbol, base, { until: asOfTs, limit: BASE_BARS });
    const frameOf = (tf: Timeframe): FrameContext | undefined => {
      const series = tf === base ? baseBars : resample(baseBars, base, tf);
      const bars = series.slice(-PRIMARY_BARS);
      return bars.length >= (tf === timeframe ? MIN_BARS : 10) ? buildFrame(tf, bars, tf !== base) : undefined;
    };
    const primary = frameOf(timeframe);
    if (!primary) {
      throw userError('insufficient-history', `${symbol} has only ${baseBars.length} ${base} bars up to that date; I need at least ${MIN_BARS} ${timeframe} bars to measure volatility and trend.`, { symbol, timeframe, bars: baseBars.length });
    }
    const higher: FrameContext[] = [];
    for (let tf = HIGHER_TIMEFRAME[timeframe]; tf && higher.length < 2; tf = HIGHER_TIMEFRAME[tf]) {
      const frame = frameOf(tf);
      if (frame) higher.push(frame);
    }
    const context: MarketContext = {
      symbol,
      ticker: { symbol, name: ticker.name, assetClass: ticker.assetClass, sector: ticker.sector, isSynthetic: ticker.isSynthetic },
      asOf: primary.lastBar.ts,
      primary,
      higher,
      liquidity: liquidityOf(primary.bars),
    };
    cache.set(key, context);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return context;
  }

  return {
    async build(request) {
      if (!isTimeframe(request.timeframe)) throw new AppError({ code: 'bad-timeframe', category: 'user', message: `unknown timeframe ${String(request.timeframe)}` });
      const market = await marketContext(request.symbol.toUpperCase(), request.timeframe, request.asOf);
      const frames = [market.primary, ...market.higher];
      return { ...market, user: request.user, frame: (tf) => frames.find((f) => f.timeframe === tf) };
    },
    stats: () => ({ hits, misses, size: cache.size }),
  };
}

/** The stored timeframe to read: the target itself, else the highest lower one it can be built from. */
function pickBase(stored: Timeframe[], target: Timeframe): Timeframe | undefined {
  if (stored.includes(target)) return target;
  return [...TIMEFRAMES].reverse().find((tf) => stored.includes(tf) && canResample(tf, target));
}

function buildFrame(timeframe: Timeframe, bars: Bar[], resampled: boolean): FrameContext {
  const features = computeFeatures(bars, { intraday: INTRADAY.has(timeframe) });
  const lastBar = bars[bars.length - 1] as Bar;
  return { timeframe, bars, features, latest: snapshotAt(features), lastBar, resampled };
}

function liquidityOf(bars: Bar[]): LiquidityFacts {
  const recent = bars.slice(-20);
  const avgVolume20 = recent.reduce((s, b) => s + b.volume, 0) / recent.length;
  const avgDollarVolume20 = recent.reduce((s, b) => s + b.volume * b.close, 0) / recent.length;
  const ranges = recent.map((b) => ((b.high - b.low) / b.close) * 100).sort((a, b) => a - b);
  const mid = Math.floor(ranges.length / 2);
  const medianRangePct20 = ranges.length % 2 ? (ranges[mid] ?? 0) : ((ranges[mid - 1] ?? 0) + (ranges[mid] ?? 0)) / 2;
  return { avgVolume20, avgDollarVolume20, medianRangePct20 };
}
