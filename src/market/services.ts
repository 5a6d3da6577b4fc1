import type { Config } from './../config.js';
import type { MarketRepository } from '../db/index.js';
import { createBarsRefresher, createIngestor, type Ingestor } from './ingest/index.js';
import { createMarketDataProvider } from './providers/index.js';

type Logger = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

/**
 * The live market data parts chosen by configuration: the provider, the ingestor and the
 * first-mention refresher. With MARKET_DATA_PROVIDER=csv there is no provider and both the
 * refresher and the freshness source are inert.
 */
export function createMarketDataServices(deps: {
  config: Config['marketData'];
  market: MarketRepository;
  logger?: Logger | undefined;
  now?: () => number;
}): {
  ingestor: Ingestor | undefined;
  refreshBars: ReturnType<typeof createBarsRefresher>;
  source: { label: string; delayMinutes: number } | undefined;
} {
  const provider = createMarketDataProvider(deps.config);
  const ingestor = provider
    ? createIngestor({
        market: deps.market,
        provider,
        settings: {
          backfillDays: deps.config.backfillDays,
          intraday: deps.config.intraday,
          intradayBackfillDays: deps.config.intradayBackfillDays,
        },
        logger: deps.logger,
        ...(deps.now ? { now: deps.now } : {}),
      })
    : undefined;
  if (provider) deps.logger?.info({ provider: provider.id }, 'live market data on');
  return {
    ingestor,
    refreshBars: createBarsRefresher({ market: deps.market, ingestor }),
    source: provider ? { label: provider.label, delayMinutes: provider.delayMinutes } : undefined,
  };
}
