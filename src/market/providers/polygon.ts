import {
  GetStocksAggregatesSortEnum,
  GetStocksAggregatesTimespanEnum,
  restClient,
} from '@massive.com/client-js';
import type { Bar } from '../types.js';
import { failureOfStatus, parseRetryAfter, ProviderError } from './errors.js';
import { toSessionBars } from './session-filter.js';
import type { IngestTimeframe, MarketDataProvider } from './types.js';

const SPANS: Record<IngestTimeframe, [number, GetStocksAggregatesTimespanEnum]> = {
  '1d': [1, GetStocksAggregatesTimespanEnum.Day],
  '1h': [1, GetStocksAggregatesTimespanEnum.Hour],
  '15m': [15, GetStocksAggregatesTimespanEnum.Minute],
  '5m': [5, GetStocksAggregatesTimespanEnum.Minute],
};

/** Polygon/Massive aggregates (`{t,o,h,l,c,v}`, `t` in ms) as our bars. */
export function mapPolygonAggregates(
  results: readonly { t: number; o: number; h: number; l: number; c: number; v: number }[],
  timeframe: IngestTimeframe,
): Bar[] {
  return toSessionBars(
    results.map((r) => ({ ts: r.t, open: r.o, high: r.h, low: r.l, close: r.c, volume: r.v })),
    timeframe,
  );
}

/**
 * Polygon.io, now Massive, through @massive.com/client-js (the maintained successor of
 * @polygon.io/client-js): `/v2/aggs/ticker/{symbol}/range/...`, split-adjusted, every `next_url`
 * page followed by the client.
 */
export function createPolygonProvider(options: {
  apiKey: string;
  baseUrl?: string | undefined;
}): MarketDataProvider {
  const rest = restClient(options.apiKey, options.baseUrl, { pagination: true });
  return {
    id: 'polygon',
    label: 'Polygon/Massive',
    delayMinutes: 15,
    async fetchBars({ symbol, timeframe, from, to }) {
      const [multiplier, timespan] = SPANS[timeframe];
      try {
        const data = await rest.getStocksAggregates({
          stocksTicker: symbol,
          multiplier,
          timespan,
          from: String(from),
          to: String(to - 1),
          adjusted: true,
          sort: GetStocksAggregatesSortEnum.Asc,
          limit: 50_000,
        });
        return mapPolygonAggregates(data.results ?? [], timeframe);
      } catch (error) {
        const response = (error as { response?: { status?: number; headers?: Record<string, string> } })
          .response;
        throw new ProviderError({
          provider: 'Polygon/Massive',
          symbol,
          failure:
            response || (error as { code?: string }).code
              ? failureOfStatus(response?.status)
              : 'bad-response',
          status: response?.status,
          retryAfterMs: parseRetryAfter(response?.headers?.['retry-after']),
        });
      }
    },
  };
}
