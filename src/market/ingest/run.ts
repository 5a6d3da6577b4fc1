import type { MarketRepository } from '../../db/index.js';
import { userError } from '../../errors.js';
import { type IngestTimeframe, type MarketDataProvider, ProviderError } from '../providers/index.js';
import { type BackoffSettings, DEFAULT_BACKOFF, withBackoff } from './backoff.js';
import { closedBars, planFetch } from './plan.js';
import { impliedSplitRatio } from './split.js';

export interface IngestSettings {
  /** Days of daily bars fetched for a symbol with none. */
  backfillDays: number;
  /** Intraday timeframes kept up to date. */
  intraday: IngestTimeframe[];
  intradayBackfillDays: number;
  backoff?: BackoffSettings | undefined;
}

export interface TimeframeOutcome {
  timeframe: IngestTimeframe;
  kind: 'backfill' | 'incremental' | 'up-to-date' | 'failed';
  fetched: number;
  added: number;
  /** A split found on the re-fetched bar, applied to the stored bars before it. */
  split?: { ratio: number; adjusted: number } | undefined;
  error?: string | undefined;
}

export interface IngestReport {
  symbol: string;
  provider: string;
  outcomes: TimeframeOutcome[];
}

export interface Ingestor {
  provider: MarketDataProvider;
  settings: IngestSettings;
  /** Brings the symbol's bars up to date; concurrent calls for one symbol share one run. */
  ingest(symbol: string, timeframes?: readonly IngestTimeframe[]): Promise<IngestReport>;
}

type Logger = { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };

/** Fetches what the plan says, drops bars still forming, applies splits and stores the rest. */
export function createIngestor(deps: {
  market: MarketRepository;
  provider: MarketDataProvider;
  settings: IngestSettings;
  now?: () => number;
  logger?: Logger | undefined;
}): Ingestor {
  const now = deps.now ?? Date.now;
  const running = new Map<string, Promise<IngestReport>>();
  const backoff = deps.settings.backoff ?? DEFAULT_BACKOFF;

  async function one(symbol: string, timeframe: IngestTimeframe): Promise<TimeframeOutcome> {
    const at = now();
    const plan = planFetch({
      timeframe,
      latestTs: await deps.market.latestBarTs(symbol, timeframe),
      now: at,
      backfillDays: timeframe === '1d' ? deps.settings.backfillDays : deps.settings.intradayBackfillDays,
    });
    if (plan.kind === 'up-to-date') return { timeframe, kind: plan.kind, fetched: 0, added: 0 };
    const fetched = closedBars(
      await withBackoff(
        () => deps.provider.fetchBars({ symbol, timeframe, from: plan.from, to: plan.to }),
        backoff,
        ({ attempt, error, waitMs }) =>
          deps.logger?.warn(
            { symbol, timeframe, attempt, failure: error.failure, waitMs },
            'market data retry',
          ),
      ),
      timeframe,
      at,
    );
    let split: { beforeTs: number; ratio: number } | undefined;
    if (plan.kind === 'incremental') {
      const [stored] = await deps.market.loadBars(symbol, timeframe, { until: plan.overlapTs, limit: 1 });
      const ratio = impliedSplitRatio(
        stored,
        fetched.find((b) => b.ts === plan.overlapTs),
      );
      // Each timeframe finds the split on its own re-fetched bar and adjusts its own bars.
      if (ratio !== undefined) split = { ratio, beforeTs: plan.overlapTs + 1 };
    }
    if (plan.kind === 'backfill' && fetched.length > 0) {
      await deps.market.ensureTicker({
        symbol,
        name: symbol,
        assetClass: 'equity',
        source: deps.provider.label,
      });
    }
    const fresh = plan.kind === 'incremental' ? fetched.filter((b) => b.ts > plan.overlapTs) : fetched;
    const stored = await deps.market.ingestBars(symbol, timeframe, fresh, split);
    return {
      timeframe,
      kind: plan.kind,
      fetched: fetched.length,
      added: stored.added,
      ...(split ? { split: { ratio: split.ratio, adjusted: stored.adjusted } } : {}),
    };
  }

  async function run(symbol: string, timeframes: readonly IngestTimeframe[]): Promise<IngestReport> {
    const outcomes: TimeframeOutcome[] = [];
    for (const timeframe of timeframes) {
      try {
        outcomes.push(await one(symbol, timeframe));
      } catch (error) {
        const firstTime = timeframe === '1d' && (await deps.market.latestBarTs(symbol, '1d')) === undefined;
        if (error instanceof ProviderError && error.failure === 'not-found' && firstTime) {
          throw userError(
            'unknown-symbol',
            `I have no data for ${symbol}, and ${deps.provider.label} has none either: check the ticker.`,
            { symbol },
          );
        }
        if (!(error instanceof ProviderError)) throw error;
        deps.logger?.warn(
          { symbol, timeframe, failure: error.failure, status: error.status },
          'market data fetch failed',
        );
        outcomes.push({ timeframe, kind: 'failed', fetched: 0, added: 0, error: error.userMessage });
      }
    }
    return { symbol, provider: deps.provider.label, outcomes };
  }

  return {
    provider: deps.provider,
    settings: deps.settings,
    ingest(rawSymbol, timeframes = ['1d', ...deps.settings.intraday]) {
      const symbol = rawSymbol.toUpperCase();
      const key = `${symbol}|${timeframes.join(',')}`;
      const pending = running.get(key);
      if (pending) return pending;
      const started = run(symbol, timeframes).finally(() => running.delete(key));
      running.set(key, started);
      return started;
    },
  };
}
