import { and, asc, count, desc, eq, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { bars, tickers } from '../schema/index.js';

export type TickerRow = typeof tickers.$inferSelect;
export type NewTicker = typeof tickers.$inferInsert;

export interface BarRecord {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const INSERT_CHUNK = 1_000;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function insertChunks(
  tx: Tx,
  symbol: string,
  timeframe: string,
  series: readonly BarRecord[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < series.length; i += INSERT_CHUNK) {
    const chunk = series.slice(i, i + INSERT_CHUNK).map((b) => ({
      symbol,
      timeframe,
      ts: new Date(b.ts),
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
    }));
    const inserted = await tx.insert(bars).values(chunk).onConflictDoNothing().returning({ ts: bars.ts });
    added += inserted.length;
  }
  return added;
}

export function createMarketRepository(db: Db) {
  return {
    async upsertTickers(rows: NewTicker[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insert(tickers)
        .values(rows)
        .onConflictDoUpdate({
          target: tickers.symbol,
          set: {
            name: sql`excluded.name`,
            assetClass: sql`excluded.asset_class`,
            sector: sql`coalesce(excluded.sector, ${tickers.sector})`,
            industry: sql`coalesce(excluded.industry, ${tickers.industry})`,
            isSynthetic: sql`excluded.is_synthetic`,
            source: sql`excluded.source`,
            updatedAt: sql`now()`,
          },
        });
    },

    /** Registers a symbol seen in an import without overwriting what is already known of it. */
    async ensureTicker(row: NewTicker): Promise<void> {
      await db.insert(tickers).values(row).onConflictDoNothing();
    },

    async getTicker(symbol: string): Promise<TickerRow | undefined> {
      const [row] = await db.select().from(tickers).where(eq(tickers.symbol, symbol));
      return row;
    },

    async listTickers(): Promise<TickerRow[]> {
      return db.select().from(tickers).orderBy(asc(tickers.symbol));
    },

    /** Inserts bars in one transaction; existing (symbol, timeframe, ts) rows are kept. Returns the number added. */
    async insertBars(symbol: string, timeframe: string, series: readonly BarRecord[]): Promise<number> {
      return db.transaction((tx) => insertChunks(tx, symbol, timeframe, series));
    },

    /**
     * Ingests provider bars in one transaction: first, when the provider reports a split, every
     * stored bar of this symbol and timeframe opening before `split.beforeTs` is adjusted (prices
     * divided by the ratio, volume multiplied), then the new bars are inserted.
     */
    async ingestBars(
      symbol: string,
      timeframe: string,
      series: readonly BarRecord[],
      split?: { beforeTs: number; ratio: number },
    ): Promise<{ added: number; adjusted: number }> {
      return db.transaction(async (tx) => {
        let adjusted = 0;
        if (split) {
          const rows = await tx
            .update(bars)
            .set({
              open: sql`${bars.open} / ${split.ratio}`,
              high: sql`${bars.high} / ${split.ratio}`,
              low: sql`${bars.low} / ${split.ratio}`,
              close: sql`${bars.close} / ${split.ratio}`,
              volume: sql`round(${bars.volume} * ${split.ratio})`,
            })
            .where(
              and(
                eq(bars.symbol, symbol),
                eq(bars.timeframe, timeframe),
                lt(bars.ts, new Date(split.beforeTs)),
              ),
            )
            .returning({ ts: bars.ts });
          adjusted = rows.length;
        }
        const added = await insertChunks(tx, symbol, timeframe, series);
        return { added, adjusted };
      });
    },

    /** The latest `limit` bars up to and including `until`, oldest first. */
    async loadBars(
      symbol: string,
      timeframe: string,
      options: { until?: number; limit?: number } = {},
    ): Promise<BarRecord[]> {
      const conditions = [eq(bars.symbol, symbol), eq(bars.timeframe, timeframe)];
      if (options.until !== undefined) conditions.push(lte(bars.ts, new Date(options.until)));
      const rows = await db
        .select()
        .from(bars)
        .where(and(...conditions))
        .orderBy(desc(bars.ts))
        .limit(options.limit ?? 5_000);
      return rows.reverse().map((r) => ({
        ts: r.ts.getTime(),
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
        volume: r.volume,
      }));
    },

    async latestBarTs(symbol: string, timeframe: string): Promise<number | undefined> {
      const [row] = await db
        .select({ ts: bars.ts })
        .from(bars)
        .where(and(eq(bars.symbol, symbol), eq(bars.timeframe, timeframe)))
        .orderBy(desc(bars.ts))
        .limit(1);
      return row?.ts.getTime();
    },

    async countBars(symbol?: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(bars)
        .where(symbol ? eq(bars.symbol, symbol) : undefined);
      return Number(row?.n ?? 0);
    },

    async timeframesOf(symbol: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ timeframe: bars.timeframe })
        .from(bars)
        .where(eq(bars.symbol, symbol));
      return rows.map((r) => r.timeframe);
    },
  };
}

export type MarketRepository = ReturnType<typeof createMarketRepository>;
