export { createAlpacaProvider, mapAlpacaBars } from './alpaca.js';
export { failureOfStatus, parseRetryAfter, ProviderError, type ProviderFailure } from './errors.js';
export { createPolygonProvider, mapPolygonAggregates } from './polygon.js';
export { createMarketDataProvider, type MarketDataSettings } from './registry.js';
export { dailyTs, toSessionBars } from './session-filter.js';
export {
  type BarRequest,
  INGEST_TIMEFRAMES,
  type IngestTimeframe,
  type MarketDataProvider,
  PROVIDER_IDS,
  type ProviderId,
} from './types.js';
export { createYahooProvider, mapYahooQuotes, type YahooQuote } from './yahoo.js';
