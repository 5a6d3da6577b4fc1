import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tradeIntents, trades } from '../schema/index.js';

/** The symbols people are exposed to or thinking about, across all users. */
export function createWatchedSymbolsRepository(db: Db) {
  return {
    async openTradeSymbols(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ symbol: trades.symbol })
        .from(trades)
        .where(eq(trades.status, 'open'));
      return rows.map((r) => r.symbol);
    },
    async ideaSymbolsSince(since: Date): Promise<string[]> {
      const rows = await db
        .selectDistinct({ symbol: tradeIntents.symbol })
        .from(tradeIntents)
        .where(and(gte(tradeIntents.createdAt, since)));
      return rows.map((r) => r.symbol);
    },
  };
}

export type WatchedSymbolsRepository = ReturnType<typeof createWatchedSymbolsRepository>;
