import type { Bar } from '../types.js';

export const PROVIDER_IDS = ['csv', 'yahoo', 'alpaca', 'polygon'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** The timeframes ingestion fetches from a provider; the rest are resampled from them. */
export const INGEST_TIMEFRAMES = ['1d', '1h', '15m', '5m'] as const;
export type IngestTimeframe = (typeof INGEST_TIMEFRAMES)[number];

export interface BarRequest {
  symbol: string;
  timeframe: IngestTimeframe;
  /** Inclusive start, epoch ms. */
  from: number;
  /** Exclusive end, epoch ms. */
  to: number;
}

/**
 * A source of OHLCV bars. Bars come back split-adjusted (the providers' default), regular
 * session only, oldest first, `ts` the bar's open time; daily bars open at 00:00 UTC of their
 * session date, as the CSV import stores them.
 */
export interface MarketDataProvider {
  id: ProviderId;
  /** Shown in freshness lines, e.g. "Yahoo Finance". */
  label: string;
  /** Minutes the provider's intraday bars lag the market (0 = real time). */
  delayMinutes: number;
  fetchBars(request: BarRequest): Promise<Bar[]>;
}
