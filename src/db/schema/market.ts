import {
  boolean,
  doublePrecision,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  date,
} from 'drizzle-orm/pg-core';

/** Static data and fundamentals. `isSynthetic` marks generated demo instruments. */
export const tickers = pgTable('tickers', {
  symbol: text('symbol').primaryKey(),
  name: text('name').notNull(),
  assetClass: text('asset_class').$type<'equity' | 'index' | 'etf' | 'fx' | 'crypto' | 'future'>().notNull(),
  sector: text('sector'),
  industry: text('industry'),
  exchange: text('exchange'),
  currency: text('currency').notNull().default('USD'),
  isSynthetic: boolean('is_synthetic').notNull().default(false),
  source: text('source').notNull(),
  marketCap: doublePrecision('market_cap'),
  peRatio: doublePrecision('pe_ratio'),
  forwardPe: doublePrecision('forward_pe'),
  epsGrowthPct: doublePrecision('eps_growth_pct'),
  profitMarginPct: doublePrecision('profit_margin_pct'),
  debtToEquity: doublePrecision('debt_to_equity'),
  dividendYieldPct: doublePrecision('dividend_yield_pct'),
  fundamentalsAsOf: date('fundamentals_as_of'),
  fundamentalsSource: text('fundamentals_source'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const bars = pgTable(
  'bars',
  {
    symbol: text('symbol')
      .notNull()
      .references(() => tickers.symbol, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
    open: doublePrecision('open').notNull(),
    high: doublePrecision('high').notNull(),
    low: doublePrecision('low').notNull(),
    close: doublePrecision('close').notNull(),
    volume: doublePrecision('volume').notNull(),
  },
  (t) => [
    primaryKey({ name: 'pk_bars', columns: [t.symbol, t.timeframe, t.ts] }),
    index('idx_bars_timeframe_ts').on(t.timeframe, t.ts),
  ],
);
