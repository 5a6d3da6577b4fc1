import { createAlpacaProvider } from './alpaca.js';
import { createPolygonProvider } from './polygon.js';
import type { MarketDataProvider, ProviderId } from './types.js';
import { createYahooProvider } from './yahoo.js';

export interface MarketDataSettings {
  provider: ProviderId;
  /** Replaces the provider's host (tests, a proxy). */
  baseUrl?: string | undefined;
  alpaca?: { keyId: string; secret: string; feed: 'iex' | 'sip' } | undefined;
  polygon?: { apiKey: string } | undefined;
}

/**
 * The configured provider, or undefined for `csv`: bars then come only from CSV imports and the
 * demo data, and nothing touches the network.
 */
export function createMarketDataProvider(settings: MarketDataSettings): MarketDataProvider | undefined {
  switch (settings.provider) {
    case 'csv':
      return undefined;
    case 'yahoo':
      return createYahooProvider({ baseUrl: settings.baseUrl });
    case 'alpaca':
      if (!settings.alpaca)
        throw new Error('MARKET_DATA_PROVIDER=alpaca needs ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY');
      return createAlpacaProvider({ ...settings.alpaca, baseUrl: settings.baseUrl });
    case 'polygon':
      if (!settings.polygon) throw new Error('MARKET_DATA_PROVIDER=polygon needs POLYGON_API_KEY');
      return createPolygonProvider({ ...settings.polygon, baseUrl: settings.baseUrl });
  }
}
