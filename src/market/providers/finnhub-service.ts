import {
  createFundamentalsRepository,
  createMarketRepository,
  createNewsRepository,
  createWatchedSymbolsRepository,
  type Db,
} from '../../db/index.js';
import { createWatchedSymbols } from '../watched-symbols.js';
import { createFinnhubClient, type FinnhubClientOptions } from './finnhub-client.js';
import { syncFinnhub, type FinnhubSyncReport } from './finnhub-sync.js';

export interface FinnhubService {
  /** Fetches news and fundamentals for `symbols`, or for the watched symbols when none are given. */
  sync(options?: { symbols?: readonly string[] | undefined; now?: Date }): Promise<FinnhubSyncReport>;
}

/** Finnhub wired to the database: the watched symbols, the news table and the tickers' fundamentals. */
export function createFinnhubService(
  db: Db,
  settings: FinnhubClientOptions & { lookbackDays?: number },
  options: { watched?: () => Promise<string[]> } = {},
): FinnhubService {
  const client = createFinnhubClient(settings);
  const news = createNewsRepository(db);
  const market = createMarketRepository(db);
  const watched = options.watched ?? createWatchedSymbols(createWatchedSymbolsRepository(db));
  const deps = {
    client,
    insertNews: (items: Parameters<typeof news.insertMany>[0]) => news.insertMany(items),
    fundamentals: createFundamentalsRepository(db),
    knownSymbols: async () => (await market.listTickers()).map((t) => t.symbol),
  };
  return {
    async sync(opts = {}) {
      const symbols =
        opts.symbols && opts.symbols.length > 0 ? opts.symbols.map((s) => s.toUpperCase()) : await watched();
      return syncFinnhub(deps, {
        symbols,
        now: (opts.now ?? new Date()).getTime(),
        ...(settings.lookbackDays !== undefined ? { lookbackDays: settings.lookbackDays } : {}),
      });
    },
  };
}
