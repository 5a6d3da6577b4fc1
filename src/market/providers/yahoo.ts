import YahooFinance from 'yahoo-finance2';
import type { Bar } from '../types.js';
import { failureOfStatus, parseRetryAfter, ProviderError } from './errors.js';
import { createRebasedFetch } from './rebase-fetch.js';
import { toSessionBars } from './session-filter.js';
import type { IngestTimeframe, MarketDataProvider } from './types.js';

const INTERVAL: Record<IngestTimeframe, '1d' | '60m' | '15m' | '5m'> = {
  '1d': '1d',
  '1h': '60m',
  '15m': '15m',
  '5m': '5m',
};

/** One row of yahoo-finance2's chart() `quotes`: nulls where Yahoo has no trade. */
export interface YahooQuote {
  date: Date;
  open?: number | null;
  high?: number | null;
  low?: number | null;
  close?: number | null;
  volume?: number | null;
}

/** Yahoo's chart quotes (split-adjusted OHLC) as our bars; rows with a missing price are dropped. */
export function mapYahooQuotes(quotes: readonly YahooQuote[], timeframe: IngestTimeframe): Bar[] {
  return toSessionBars(
    quotes.map((q) => ({
      ts: q.date.getTime(),
      open: q.open ?? Number.NaN,
      high: q.high ?? Number.NaN,
      low: q.low ?? Number.NaN,
      close: q.close ?? Number.NaN,
      volume: q.volume ?? 0,
    })),
    timeframe,
  );
}

/**
 * Yahoo Finance through yahoo-finance2 (no key). It has no base-URL setting, so `baseUrl` is
 * applied by the fetch override the client accepts. Yahoo's intraday bars lag about 15 minutes.
 */
export function createYahooProvider(options: { baseUrl?: string | undefined } = {}): MarketDataProvider {
  const rebased = createRebasedFetch(options.baseUrl);
  const client = new YahooFinance({
    fetch: rebased.fetch,
    versionCheck: false,
    suppressNotices: ['yahooSurvey', 'ripHistorical'],
    validation: { logErrors: false, logOptionsErrors: false },
    logger: { info() {}, warn() {}, error() {}, debug() {}, dir() {} },
  });
  return {
    id: 'yahoo',
    label: 'Yahoo Finance',
    delayMinutes: 15,
    async fetchBars({ symbol, timeframe, from, to }) {
      try {
        const result = await client.chart(symbol, {
          period1: new Date(from),
          period2: new Date(to),
          interval: INTERVAL[timeframe],
          includePrePost: false,
          events: 'split',
        });
        return mapYahooQuotes(result.quotes, timeframe);
      } catch (error) {
        const status = (error as { code?: unknown }).code;
        const numeric = typeof status === 'number' ? status : undefined;
        const notFound = /no data found|delisted/i.test(error instanceof Error ? error.message : '');
        throw new ProviderError({
          provider: 'Yahoo Finance',
          symbol,
          failure: notFound
            ? 'not-found'
            : numeric !== undefined || error instanceof TypeError
              ? failureOfStatus(numeric)
              : 'bad-response',
          status: numeric,
          retryAfterMs: parseRetryAfter(rebased.lastRetryAfter()),
        });
      }
    },
  };
}
