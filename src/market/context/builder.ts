import type { EventRepository, MarketRepository } from '../../db/index.js';
import { AppError, userError } from '../../errors.js';
import { computeFeatures, snapshotAt } from '../features/index.js';
import { describeFreshness } from '../freshness/index.js';
import type { BarsRefresher } from '../ingest/index.js';
import {
  BASE_BARS,
  computeMarketState,
  frameBars,
  isIntraday,
  requireBase,
  requireTicker,
  type SnapshotService,
} from '../snapshots/index.js';
import { HIGHER_TIMEFRAME, isTimeframe, type Bar, type Timeframe } from '../types.js';
import { assembleContextPack, liquidityOf } from './assemble.js';
import type { ContextPack, FrameContext, MarketContext, PortfolioFacts } from './types.js';
import type { UserContext } from './user.js';

const MIN_BARS = 30;
/** How far ahead of the last bar events are loaded: the longest holding horizon (event-risk.ts). */
export const EVENT_WINDOW_DAYS = 400;

export interface BuildRequest {
  symbol: string;
  timeframe: Timeframe;
  /** Build as of this time (epoch ms); the latest bar by default. */
  asOf?: number;
  user: UserContext;
  portfolio?: PortfolioFacts;
}

export interface ContextPackBuilder {
  build(request: BuildRequest): Promise<ContextPack>;
  stats(): { hits: number; misses: number; size: number };
}

/**
 * Builds ContextPacks from stored bars. The market part (frames, levels, regime) is cached per
 * (symbol, timeframe, last bar ts); the user part is attached per request, so two users share the
 * market work. With a snapshot service, levels and regime are read from their tables when stored
 * there and stored when computed; without one they are computed each time the cache misses.
 */
export function createContextPackBuilder(deps: {
  market: MarketRepository;
  /** The events calendar; read per build (not cached with the bars: a new import shows at once). */
  events?: Pick<EventRepository, 'between'>;
  snapshots?: SnapshotService;
  cacheSize?: number;
  /** Back-fills or refreshes the symbol from the live provider before its bars are read. */
  refreshBars?: BarsRefresher | undefined;
  /** The live provider named in the freshness line. */
  source?: { label: string; delayMinutes: number } | undefined;
  now?: () => number;
}): ContextPackBuilder {
  const cache = new Map<string, MarketContext>();
  const limit = deps.cacheSize ?? 256;
  let hits = 0;
  let misses = 0;

  async function marketContext(symbol: string, timeframe: Timeframe, asOf?: number): Promise<MarketContext> {
    const ticker = await requireTicker(deps.market, symbol);
    const base = await requireBase(deps.market, symbol, timeframe);
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
      const bars = frameBars(baseBars, base, tf);
      return bars.length >= (tf === timeframe ? MIN_BARS : 10)
        ? buildFrame(tf, bars, tf !== base)
        : undefined;
    };
    const primary = frameOf(timeframe);
    const dataTs = baseBars.at(-1)?.ts;
    if (!primary || dataTs === undefined) {
      throw userError(
        'insufficient-history',
        `${symbol} has only ${baseBars.length} ${base} bars up to that date; I need at least ${MIN_BARS} ${timeframe} bars to measure volatility and trend.`,
        { symbol, timeframe, bars: baseBars.length },
      );
    }
    const higher: FrameContext[] = [];
    for (let tf = HIGHER_TIMEFRAME[timeframe]; tf && higher.length < 2; tf = HIGHER_TIMEFRAME[tf]) {
      const frame = frameOf(tf);
      if (frame) higher.push(frame);
    }
    const state = deps.snapshots
      ? await deps.snapshots.forFrame({
          symbol,
          timeframe,
          ts: dataTs,
          bars: primary.bars,
          features: primary.features,
        })
      : { ...computeMarketState(timeframe, primary.bars, primary.features), source: 'computed' as const };
    const context: MarketContext = {
      symbol,
      ticker: {
        symbol,
        name: ticker.name,
        assetClass: ticker.assetClass,
        sector: ticker.sector,
        isSynthetic: ticker.isSynthetic,
      },
      asOf: primary.lastBar.ts,
      primary,
      higher,
      liquidity: liquidityOf(primary.bars),
      levels: state.levels,
      regime: state.regime,
      snapshotSource: state.source,
    };
    cache.set(key, context);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return context;
  }

  return {
    async build(request) {
      if (!isTimeframe(request.timeframe))
        throw new AppError({
          code: 'bad-timeframe',
          category: 'user',
          message: `unknown timeframe ${String(request.timeframe)}`,
        });
      const symbol = request.symbol.toUpperCase();
      const dataNote = deps.refreshBars ? await deps.refreshBars(symbol) : undefined;
      const market = await marketContext(symbol, request.timeframe, request.asOf);
      const pack = assembleContextPack(market, request.user, request.portfolio);
      pack.freshness = await freshnessOf(deps, symbol);
      if (dataNote) pack.dataNote = dataNote;
      if (deps.events) {
        const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
        pack.events = await deps.events.between(
          market.symbol,
          day(market.asOf),
          day(market.asOf + EVENT_WINDOW_DAYS * 86_400_000),
        );
      }
      return pack;
    },
    stats: () => ({ hits, misses, size: cache.size }),
  };
}

async function freshnessOf(
  deps: {
    market: MarketRepository;
    source?: { label: string; delayMinutes: number } | undefined;
    now?: () => number;
  },
  symbol: string,
) {
  const stored = (await deps.market.timeframesOf(symbol)).filter(isTimeframe);
  const latest: Partial<Record<Timeframe, number>> = {};
  for (const tf of stored) {
    const ts = await deps.market.latestBarTs(symbol, tf);
    if (ts !== undefined) latest[tf] = ts;
  }
  return describeFreshness({ latest, now: (deps.now ?? Date.now)(), source: deps.source });
}

function buildFrame(timeframe: Timeframe, bars: Bar[], resampled: boolean): FrameContext {
  const features = computeFeatures(bars, { intraday: isIntraday(timeframe) });
  const lastBar = bars[bars.length - 1] as Bar;
  return { timeframe, bars, features, latest: snapshotAt(features), lastBar, resampled };
}
