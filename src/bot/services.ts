import type { Logger } from 'pino';
import type { ConversationRepository, EvaluationRepository, MarketRepository, UserRepository } from '../db/index.js';
import type { EvaluationService } from '../evaluators/index.js';
import type { SnapshotService } from '../market/snapshots/index.js';

/** Known symbols, refreshed at most once a minute so lower-case tickers can be recognised. */
export interface SymbolDirectory {
  has(symbol: string): boolean;
  lastClose(symbol: string): number | undefined;
  refresh(): Promise<void>;
}

export function createSymbolDirectory(market: MarketRepository, ttlMs = 60_000): SymbolDirectory {
  let symbols = new Set<string>();
  const closes = new Map<string, number>();
  let loadedAt = 0;
  return {
    has: (symbol) => symbols.has(symbol.toUpperCase()),
    lastClose: (symbol) => closes.get(symbol.toUpperCase()),
    async refresh() {
      if (Date.now() - loadedAt < ttlMs) return;
      const tickers = await market.listTickers();
      symbols = new Set(tickers.map((t) => t.symbol));
      await Promise.all(
        tickers.map(async (t) => {
          const [bar] = await market.loadBars(t.symbol, '1d', { limit: 1 });
          if (bar) closes.set(t.symbol, bar.close);
        }),
      );
      loadedAt = Date.now();
    },
  };
}

export interface BotServices {
  evaluation: EvaluationService;
  market: MarketRepository;
  users: UserRepository;
  conversations: ConversationRepository;
  evaluations: EvaluationRepository;
  symbols: SymbolDirectory;
  /** Regime and key-level snapshots per symbol/timeframe, read or computed on demand. */
  snapshots: SnapshotService;
  logger: Logger;
}
