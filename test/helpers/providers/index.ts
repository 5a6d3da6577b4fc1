import type { MarketDataProvider } from '../../../src/market/providers/index.js';
import {
  createAlpacaProvider,
  createPolygonProvider,
  createYahooProvider,
} from '../../../src/market/providers/index.js';
import { startAlpacaDataServer } from './alpaca-data-server.js';
import type { MarketFixture } from './market-fixture.js';
import { startPolygonServer } from './polygon-server.js';
import { startYahooServer } from './yahoo-server.js';

export { MarketFixture, REAL_DAILY_DIR, realDaily, type ProviderBar } from './market-fixture.js';
export { startAlpacaDataServer, startPolygonServer, startYahooServer };

export const TEST_KEYS = {
  alpacaKeyId: 'PKTESTKEYID0001',
  alpacaSecret: 'sk-alpaca-secret-9f8e7d',
  polygonKey: 'pk-polygon-secret-1a2b3c',
};

/** A provider of each kind wired to its local server; `pageSize` forces pagination. */
export async function startProvider(
  kind: 'yahoo' | 'alpaca' | 'polygon',
  fixture: MarketFixture,
  pageSize?: number,
): Promise<{ provider: MarketDataProvider; url: string; close(): Promise<void> }> {
  if (kind === 'yahoo') {
    const server = await startYahooServer(fixture);
    return { ...server, provider: createYahooProvider({ baseUrl: server.url }) };
  }
  if (kind === 'alpaca') {
    const server = await startAlpacaDataServer(fixture, {
      keyId: TEST_KEYS.alpacaKeyId,
      secret: TEST_KEYS.alpacaSecret,
      ...(pageSize ? { pageSize } : {}),
    });
    return {
      ...server,
      provider: createAlpacaProvider({
        keyId: TEST_KEYS.alpacaKeyId,
        secret: TEST_KEYS.alpacaSecret,
        feed: 'iex',
        baseUrl: server.url,
      }),
    };
  }
  const server = await startPolygonServer(fixture, {
    apiKey: TEST_KEYS.polygonKey,
    ...(pageSize ? { pageSize } : {}),
  });
  return {
    ...server,
    provider: createPolygonProvider({ apiKey: TEST_KEYS.polygonKey, baseUrl: server.url }),
  };
}
