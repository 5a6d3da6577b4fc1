import { Alpaca, TimeFrame, TimeFrameUnit, timeFrame } from '@alpacahq/alpaca-trade-api';
import type { Bar } from '../types.js';
import { failureOfStatus, parseRetryAfter, ProviderError } from './errors.js';
import { createRebasedFetch } from './rebase-fetch.js';
import { toSessionBars } from './session-filter.js';
import type { IngestTimeframe, MarketDataProvider } from './types.js';

const FRAMES: Record<IngestTimeframe, () => ReturnType<typeof timeFrame>> = {
  '1d': () => TimeFrame.Day,
  '1h': () => TimeFrame.Hour,
  '15m': () => timeFrame(15, TimeFrameUnit.Minute),
  '5m': () => timeFrame(5, TimeFrameUnit.Minute),
};

/** The client's canonical bar (from Alpaca's `{t,o,h,l,c,v}`) as ours. */
export function mapAlpacaBars(
  bars: readonly {
    timestamp: Date;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
  }[],
  timeframe: IngestTimeframe,
): Bar[] {
  return toSessionBars(
    bars.map((b) => ({
      ts: b.timestamp.getTime(),
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
    })),
    timeframe,
  );
}

/**
 * Alpaca market data (`/v2/stocks/bars`, split-adjusted) through @alpacahq/alpaca-trade-api. The
 * free plan serves the IEX feed, whose recent bars lag 15 minutes. Retries are ours (ingestion's
 * backoff), so the client's own are off.
 */
export function createAlpacaProvider(options: {
  keyId: string;
  secret: string;
  feed: 'iex' | 'sip';
  baseUrl?: string | undefined;
}): MarketDataProvider {
  const rebased = createRebasedFetch(options.baseUrl);
  const client = new Alpaca({
    keyId: options.keyId,
    secret: options.secret,
    fetchApi: rebased.fetch,
    retry: false,
    rateLimit: false,
    redirect: 'error',
  });
  return {
    id: 'alpaca',
    label: `Alpaca (${options.feed.toUpperCase()})`,
    delayMinutes: options.feed === 'iex' ? 15 : 0,
    async fetchBars({ symbol, timeframe, from, to }) {
      try {
        const bars = await client.marketData.getStockBarsFor(symbol, {
          timeframe: FRAMES[timeframe](),
          start: new Date(from),
          end: new Date(to - 1),
          adjustment: 'split',
          feed: options.feed,
          limit: 10_000,
        });
        return mapAlpacaBars(bars, timeframe);
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        const numeric = typeof status === 'number' ? status : undefined;
        const retryAfter = (error as { retryAfterMs?: unknown }).retryAfterMs;
        throw new ProviderError({
          provider: 'Alpaca',
          symbol,
          failure:
            numeric !== undefined || error instanceof TypeError ? failureOfStatus(numeric) : 'bad-response',
          status: numeric,
          retryAfterMs:
            typeof retryAfter === 'number' ? retryAfter : parseRetryAfter(rebased.lastRetryAfter()),
        });
      }
    },
  };
}
