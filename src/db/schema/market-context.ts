import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tradeEvaluations } from './evaluations.js';
import { tickers } from './market.js';

// The jsonb columns hold the analysis core's JSON-serialisable shapes (src/market/levels,
// src/market/regime); the snapshot service maps rows to and from them, so the db layer does not
// import market code.

/**
 * Key levels of one symbol/timeframe as of one bar (seed 004). `ts` is the open time of the last
 * stored bar the snapshot saw; for a resampled timeframe that is the last bar of the stored one.
 */
export const keyLevels = pgTable(
  'key_levels',
  {
    symbol: text('symbol')
      .notNull()
      .references(() => tickers.symbol, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull(),
    /** Open time of the last bar of the snapshot's own timeframe (a week's Monday for 1w). */
    barTs: timestamp('bar_ts', { withTimezone: true, mode: 'date' }).notNull(),
    cadence: text('cadence').notNull(),
    lastClose: doublePrecision('last_close'),
    atr: doublePrecision('atr'),
    priorDayTs: timestamp('prior_day_ts', { withTimezone: true, mode: 'date' }),
    priorDayHigh: doublePrecision('prior_day_high'),
    priorDayLow: doublePrecision('prior_day_low'),
    priorDayClose: doublePrecision('prior_day_close'),
    pivots: jsonb('pivots').$type<unknown>(),
    anchoredVwapLevels: jsonb('anchored_vwap_levels').$type<unknown[]>().notNull(),
    rollingRangeHigh: doublePrecision('rolling_range_high'),
    rollingRangeLow: doublePrecision('rolling_range_low'),
    rollingRangeLookback: integer('rolling_range_lookback'),
    /** The 20/60/250-bar highs and lows with how far back each holds (key levels version 2). */
    rollingExtremes: jsonb('rolling_extremes').$type<unknown[]>(),
    supportResistance: jsonb('support_resistance').$type<unknown[]>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'pk_key_levels', columns: [t.symbol, t.timeframe, t.ts, t.version] })],
);

/** Trend, volatility, liquidity and HMM state of one symbol/timeframe as of one bar (seed 004). */
export const regimeSnapshots = pgTable(
  'regime_snapshots',
  {
    symbol: text('symbol')
      .notNull()
      .references(() => tickers.symbol, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull(),
    barTs: timestamp('bar_ts', { withTimezone: true, mode: 'date' }).notNull(),
    label: text('label').notNull(),
    trendState: text('trend_state').notNull(),
    trendStrength: doublePrecision('trend_strength'),
    trendComponents: jsonb('trend_components').$type<unknown>().notNull(),
    volState: text('vol_state').notNull(),
    atrPercentile: doublePrecision('atr_percentile'),
    volZ: doublePrecision('vol_z'),
    volExpansionFlag: boolean('vol_expansion_flag'),
    volComponents: jsonb('vol_components').$type<unknown>().notNull(),
    liquidityState: text('liquidity_state').notNull(),
    spreadProxy: doublePrecision('spread_proxy'),
    relvol: doublePrecision('relvol'),
    hmmStateId: integer('hmm_state_id'),
    /** State probabilities at the last bar, by state id (0 = calmest). */
    hmmProbs: jsonb('hmm_probs').$type<number[]>(),
    transitionRisk: doublePrecision('transition_risk'),
    /** The whole fitted-model summary: states, transition matrix, likelihood, convergence. */
    hmm: jsonb('hmm').$type<unknown>(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'pk_regime_snapshots', columns: [t.symbol, t.timeframe, t.ts, t.version] })],
);

/** A rendered chart (seed 002, adapted): the image lives in the object store, its URL here. */
export const charts = pgTable(
  'charts',
  {
    chartId: uuid('chart_id').primaryKey().defaultRandom(),
    evalId: uuid('eval_id').references(() => tradeEvaluations.evalId, { onDelete: 'set null' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    chartType: text('chart_type').notNull(),
    imageKey: text('image_key').notNull(),
    imageUrl: text('image_url').notNull(),
    indicatorsApplied: jsonb('indicators_applied').$type<Record<string, unknown>>().notNull(),
    dataPoints: integer('data_points').notNull(),
    lastPrice: doublePrecision('last_price'),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_charts_eval').on(t.evalId),
    index('idx_charts_symbol_generated').on(t.symbol, t.generatedAt),
  ],
);
