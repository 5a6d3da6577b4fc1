import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  boolean,
} from 'drizzle-orm/pg-core';
import { assistantSessions } from './conversation.js';
import { tradeEvaluations, tradeIntents } from './evaluations.js';
import { userAccounts } from './people.js';

const tz = { withTimezone: true } as const;

/**
 * A round trip in one symbol: opened by the first fill, closed when the position is flat again.
 * Everything numeric is a projection of its fills (recomputed on every fill), kept here so lists,
 * summaries and the post-trade review read one row. The planned levels are what the trader said
 * at open or what the linked intent proposed; the review compares them with the fills.
 */
export const trades = pgTable(
  'trades',
  {
    tradeId: uuid('trade_id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    side: text('side').$type<'long' | 'short'>().notNull(),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    openTs: timestamp('open_ts', tz).notNull(),
    closeTs: timestamp('close_ts', tz),
    avgEntry: doublePrecision('avg_entry').notNull(),
    avgExit: doublePrecision('avg_exit'),
    /** Peak position size: the quantity the trade's risk was taken on. */
    qty: doublePrecision('qty').notNull(),
    openQty: doublePrecision('open_qty').notNull(),
    /** Realised P&L net of fees. */
    pnl: doublePrecision('pnl').notNull().default(0),
    pnlR: doublePrecision('pnl_r'),
    fees: doublePrecision('fees').notNull().default(0),
    slippageEst: doublePrecision('slippage_est'),
    outcomeLabel: text('outcome_label').$type<'win' | 'loss' | 'breakeven'>(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    plannedEntry: doublePrecision('planned_entry'),
    plannedStop: doublePrecision('planned_stop'),
    plannedTarget: doublePrecision('planned_target'),
    /** Money the plan allowed to lose (intent size x risk per share, or the trader's max-risk rule). */
    plannedRisk: doublePrecision('planned_risk'),
    /** Largest open risk to the stop at any time (open qty x |avg price - stop|). */
    peakRisk: doublePrecision('peak_risk'),
    linkedIntentId: uuid('linked_intent_id').references(() => tradeIntents.intentId, {
      onDelete: 'set null',
    }),
    linkedEvalId: uuid('linked_eval_id').references(() => tradeEvaluations.evalId, { onDelete: 'set null' }),
    source: text('source').$type<'chat' | 'import'>().notNull(),
    /** The trader's reason for taking the trade despite its warnings (`/trade open ... because ...`). */
    entryReason: text('entry_reason'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    // At most one open trade per user and symbol: scaling and partial exits are fills of it.
    uniqueIndex('uq_trades_open_user_symbol').on(t.userId, t.symbol).where(sql`${t.status} = 'open'`),
    index('idx_trades_user_close').on(t.userId, t.closeTs),
    index('idx_trades_close_ts').on(t.closeTs),
    index('idx_trades_intent').on(t.linkedIntentId),
    check('ck_trades_side', sql`${t.side} in ('long', 'short')`),
    check('ck_trades_qty', sql`${t.qty} > 0 and ${t.openQty} >= 0`),
  ],
);

export const tradeFills = pgTable(
  'trade_fills',
  {
    fillId: uuid('fill_id').primaryKey().defaultRandom(),
    tradeId: uuid('trade_id')
      .notNull()
      .references(() => trades.tradeId, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    /** 1, 2, 3... within the trade: orders fills that share a timestamp (date-only imports). */
    seq: integer('seq').notNull(),
    ts: timestamp('ts', tz).notNull(),
    side: text('side').$type<'buy' | 'sell'>().notNull(),
    price: doublePrecision('price').notNull(),
    qty: doublePrecision('qty').notNull(),
    fee: doublePrecision('fee').notNull().default(0),
    fillType: text('fill_type').$type<'open' | 'add' | 'reduce' | 'close'>().notNull(),
    venue: text('venue'),
    source: text('source').$type<'chat' | 'import'>().notNull(),
    /** Identity of an imported row (hash of its fields + occurrence): re-importing a file adds nothing. */
    naturalKey: text('natural_key'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('uq_trade_fills_trade_seq').on(t.tradeId, t.seq),
    uniqueIndex('uq_trade_fills_natural_key').on(t.userId, t.naturalKey),
    check('ck_trade_fills_qty', sql`${t.qty} > 0 and ${t.price} > 0 and ${t.fee} >= 0`),
  ],
);

/** The open position per user and symbol (signed qty: negative = short); removed when flat. */
export const positions = pgTable(
  'positions',
  {
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    tradeId: uuid('trade_id')
      .notNull()
      .references(() => trades.tradeId, { onDelete: 'cascade' }),
    qty: doublePrecision('qty').notNull(),
    avgPrice: doublePrecision('avg_price').notNull(),
    openTs: timestamp('open_ts', tz).notNull(),
    markPrice: doublePrecision('mark_price'),
    unrealizedPnl: doublePrecision('unrealized_pnl'),
    riskEst: doublePrecision('risk_est'),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'pk_positions', columns: [t.userId, t.symbol] }),
    index('idx_positions_trade').on(t.tradeId),
  ],
);

export const tradeJournal = pgTable(
  'trade_journal',
  {
    journalId: uuid('journal_id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    tradeId: uuid('trade_id').references(() => trades.tradeId, { onDelete: 'set null' }),
    intentId: uuid('intent_id').references(() => tradeIntents.intentId, { onDelete: 'set null' }),
    evalId: uuid('eval_id').references(() => tradeEvaluations.evalId, { onDelete: 'set null' }),
    sessionId: uuid('session_id').references(() => assistantSessions.sessionId, { onDelete: 'set null' }),
    kind: text('kind').$type<'note' | 'report' | 'conversation'>().notNull().default('note'),
    symbol: text('symbol'),
    noteText: text('note_text').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    /** "eval:<id>" for a saved report: pressing Save twice stores it once. */
    sourceKey: text('source_key'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [
    index('idx_trade_journal_user_created').on(t.userId, t.createdAt),
    index('idx_trade_journal_created').on(t.createdAt),
    index('idx_trade_journal_fts').using('gin', sql`to_tsvector('english', ${t.noteText})`),
    uniqueIndex('uq_trade_journal_source').on(t.userId, t.sourceKey),
  ],
);

/** A channel that receives the daily post-trade summary at a local time in its time zone. */
export const summarySubscriptions = pgTable(
  'summary_subscriptions',
  {
    subscriptionId: uuid('subscription_id').primaryKey().defaultRandom(),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    /** Local wall-clock time, HH:MM (24 h). */
    localTime: text('local_time').notNull(),
    timeZone: text('time_zone').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: text('created_by').references(() => userAccounts.userId, { onDelete: 'set null' }),
    /** Runs scheduled before this instant are not caught up (set on every (re)subscribe). */
    activeSince: timestamp('active_since', tz).notNull().defaultNow(),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('uq_summary_subscriptions_channel').on(t.platform, t.workspace, t.channel),
    check('ck_summary_subscriptions_time', sql`${t.localTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
  ],
);

/**
 * One row per scheduled run. The (job, run_key) unique index is the claim: whichever process
 * inserts the row runs the job, every other process sees the conflict and skips.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    runId: uuid('run_id').primaryKey().defaultRandom(),
    job: text('job').notNull(),
    runKey: text('run_key').notNull(),
    scheduledFor: timestamp('scheduled_for', tz).notNull(),
    runBy: text('run_by').notNull(),
    status: text('status').$type<'running' | 'done' | 'failed'>().notNull().default('running'),
    attempts: integer('attempts').notNull().default(1),
    startedAt: timestamp('started_at', tz).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', tz),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    /** What a run produced to deliver (the daily summary's channel and post), stored before it is sent. */
    output: jsonb('output').$type<Record<string, unknown>>(),
    /** Null while `output` is not yet delivered: a sweeper sends it again (at-least-once). */
    deliveredAt: timestamp('delivered_at', tz),
    deliveryAttempts: integer('delivery_attempts').notNull().default(0),
    /** Who sends `output` holds it until then, so two processes do not post the same run at once. */
    deliveryLeaseUntil: timestamp('delivery_lease_until', tz),
  },
  (t) => [
    uniqueIndex('uq_job_runs_job_key').on(t.job, t.runKey),
    index('idx_job_runs_job_scheduled').on(t.job, t.scheduledFor),
  ],
);
