export {
  createFinnhubClient,
  FINNHUB_URL,
  ProviderError,
  type FinnhubClient,
  type FinnhubClientOptions,
} from './finnhub-client.js';
export { FINNHUB_SOURCE, finnhubFundamentals, finnhubNews } from './finnhub-map.js';
export { syncFinnhub, type FinnhubSyncDeps, type FinnhubSyncReport } from './finnhub-sync.js';
export { createFinnhubService, type FinnhubService } from './finnhub-service.js';
