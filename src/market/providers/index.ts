export {
  createFinnhubClient,
  FINNHUB_URL,
  FinnhubError,
  type FinnhubClient,
  type FinnhubClientOptions,
} from './finnhub-client.js';
export { FINNHUB_SOURCE, finnhubFundamentals, finnhubNews } from './finnhub-map.js';
export { syncFinnhub, type FinnhubSyncDeps, type FinnhubSyncReport } from './finnhub-sync.js';
export { createFinnhubService, type FinnhubService } from './finnhub-service.js';
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
