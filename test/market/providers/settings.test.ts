import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createIngestor } from '../../../src/market/ingest/index.js';
import { createMarketDataProvider } from '../../../src/market/providers/index.js';
import { createMarketRepository } from '../../../src/db/index.js';
import { openPglite } from '../../helpers/databases.js';
import { MarketFixture, startProvider, TEST_KEYS } from '../../helpers/providers/index.js';

describe('market data settings', () => {
  it('when nothing is set, then the provider is csv and none is created (offline)', () => {
    const config = loadConfig({});
    expect(config.marketData).toMatchObject({ provider: 'csv', backfillDays: 730, intraday: ['15m'] });
    expect(createMarketDataProvider(config.marketData)).toBeUndefined();
  });

  it.each([
    [
      { MARKET_DATA_PROVIDER: 'alpaca', ALPACA_API_KEY_ID: 'k' },
      'ALPACA_API_KEY_ID, ALPACA_API_SECRET_KEY: required',
    ],
    [{ MARKET_DATA_PROVIDER: 'polygon' }, 'POLYGON_API_KEY: required when MARKET_DATA_PROVIDER=polygon'],
    [{ MARKET_DATA_PROVIDER: 'bloomberg' }, 'MARKET_DATA_PROVIDER'],
    [{ MARKET_DATA_INTRADAY: '2m' }, 'MARKET_DATA_INTRADAY: a comma-separated list of 5m, 15m, 1h'],
  ])('when %j, then start-up names the problem', (env, problem) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(problem);
  });

  it('when a key is set, then a config error never prints it', () => {
    const error = (() => {
      try {
        loadConfig({ MARKET_DATA_PROVIDER: 'alpaca', ALPACA_API_SECRET_KEY: TEST_KEYS.alpacaSecret });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain(TEST_KEYS.alpacaSecret);
  });

  it('when the provider fails, then what ingestion logs carries no key', async () => {
    const fixture = new MarketFixture(() => Date.parse('2026-12-07T20:00:00Z'));
    const started = await startProvider('polygon', fixture);
    const database = await openPglite();
    const logged: unknown[] = [];
    const logger = { warn: (obj: object, msg: string) => logged.push({ obj, msg }) };
    try {
      const ingestor = createIngestor({
        market: createMarketRepository(database.db),
        provider: started.provider,
        settings: {
          backfillDays: 60,
          intraday: [],
          intradayBackfillDays: 5,
          backoff: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 2, maxRetryAfterMs: 10 },
        },
        now: () => Date.parse('2026-12-07T20:00:00Z'),
        logger,
      });
      fixture.failures.push({ status: 429, retryAfter: '0' }, { status: 500 });
      const report = await ingestor.ingest('AMD');
      expect(report.outcomes[0]?.kind).toBe('failed');
      expect(logged.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(logged)).not.toContain(TEST_KEYS.polygonKey);
      expect(JSON.stringify(report)).not.toContain(TEST_KEYS.polygonKey);
    } finally {
      await started.close();
      await database.close();
    }
  });
});
