import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tickers } from '../schema/index.js';

/** The fundamentals columns of `tickers`, as written by an import. */
export interface FundamentalsUpdate {
  symbol: string;
  sector?: string | null;
  industry?: string | null;
  marketCap: number | null;
  peRatio: number | null;
  forwardPe: number | null;
  epsGrowthPct: number | null;
  profitMarginPct: number | null;
  debtToEquity: number | null;
  dividendYieldPct: number | null;
  /** YYYY-MM-DD. */
  fundamentalsAsOf: string | null;
  fundamentalsSource: string;
}

export type FundamentalsRow = Pick<
  typeof tickers.$inferSelect,
  | 'symbol'
  | 'assetClass'
  | 'sector'
  | 'industry'
  | 'marketCap'
  | 'peRatio'
  | 'forwardPe'
  | 'epsGrowthPct'
  | 'profitMarginPct'
  | 'debtToEquity'
  | 'dividendYieldPct'
  | 'fundamentalsAsOf'
  | 'fundamentalsSource'
>;

/** Reads and writes the fundamentals part of `tickers`; the market repository owns the rest. */
export function createFundamentalsRepository(db: Db) {
  return {
    async get(symbol: string): Promise<FundamentalsRow | undefined> {
      const [row] = await db
        .select({
          symbol: tickers.symbol,
          assetClass: tickers.assetClass,
          sector: tickers.sector,
          industry: tickers.industry,
          marketCap: tickers.marketCap,
          peRatio: tickers.peRatio,
          forwardPe: tickers.forwardPe,
          epsGrowthPct: tickers.epsGrowthPct,
          profitMarginPct: tickers.profitMarginPct,
          debtToEquity: tickers.debtToEquity,
          dividendYieldPct: tickers.dividendYieldPct,
          fundamentalsAsOf: tickers.fundamentalsAsOf,
          fundamentalsSource: tickers.fundamentalsSource,
        })
        .from(tickers)
        .where(eq(tickers.symbol, symbol.toUpperCase()));
      return row;
    },

    /**
     * Writes fundamentals onto known tickers in one transaction. Sector and industry are only
     * replaced when the update gives them. Returns the symbols that were not found.
     */
    async update(rows: readonly FundamentalsUpdate[]): Promise<{ updated: number; unknown: string[] }> {
      return db.transaction(async (tx) => {
        const unknown: string[] = [];
        let updated = 0;
        for (const r of rows) {
          const { symbol, sector, industry, ...values } = r;
          const set = {
            ...values,
            ...(sector ? { sector } : {}),
            ...(industry ? { industry } : {}),
            updatedAt: sql`now()`,
          };
          const done = await tx
            .update(tickers)
            .set(set)
            .where(eq(tickers.symbol, symbol.toUpperCase()))
            .returning({ symbol: tickers.symbol });
          if (done.length === 0) unknown.push(symbol);
          else updated += 1;
        }
        return { updated, unknown };
      });
    },
  };
}

export type FundamentalsRepository = ReturnType<typeof createFundamentalsRepository>;
