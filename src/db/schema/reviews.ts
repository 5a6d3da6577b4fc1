import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tradeEvaluations } from './evaluations.js';
import { userAccounts } from './people.js';
import { trades } from './trading.js';

const tz = { withTimezone: true } as const;

/**
 * Seed 004's post-trade review: one row per trade and review version. The grades, lessons and
 * findings have their own columns so summaries and queries read them directly; `facts` keeps the
 * rest of the review (averages, R, plan, coverage) so a stored review renders without the bars.
 */
export const postTradeReviews = pgTable(
  'post_trade_reviews',
  {
    reviewId: uuid('review_id').primaryKey().defaultRandom(),
    tradeId: uuid('trade_id')
      .notNull()
      .references(() => trades.tradeId, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    generatedAt: timestamp('generated_at', tz).notNull(),
    processGrade: text('process_grade').$type<'A' | 'B' | 'C' | 'D' | 'F'>().notNull(),
    processScore: integer('process_score').notNull(),
    outcomeGrade: text('outcome_grade').$type<'A' | 'B' | 'C' | 'D' | 'F'>().notNull(),
    verdict: text('verdict').notNull(),
    realisedR: doublePrecision('realised_r'),
    pnl: doublePrecision('pnl').notNull(),
    keyLessons: jsonb('key_lessons').$type<string[]>().notNull(),
    whatWentWell: jsonb('what_went_well').$type<string[]>().notNull(),
    whatToImprove: jsonb('what_to_improve').$type<string[]>().notNull(),
    linkedEvalId: uuid('linked_eval_id').references(() => tradeEvaluations.evalId, { onDelete: 'set null' }),
    findings: jsonb('findings').$type<Record<string, unknown>[]>().notNull(),
    excursions: jsonb('excursions').$type<Record<string, unknown>>().notNull(),
    warnings: jsonb('warnings').$type<Record<string, unknown>[]>().notNull(),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    /** The lessons phrased by the explanation layer (LLM, grounded); null in rule mode or when it fell back. */
    coachNote: text('coach_note'),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [
    // One review per trade and version: the job, /review and the API all land on this row.
    uniqueIndex('uq_post_trade_reviews_trade_version').on(t.tradeId, t.version),
    index('idx_post_trade_reviews_user_generated').on(t.userId, t.generatedAt),
    check(
      'ck_post_trade_reviews_grades',
      sql`${t.processGrade} in ('A','B','C','D','F') and ${t.outcomeGrade} in ('A','B','C','D','F')`,
    ),
  ],
);

/** Every stop move during a trade: a price, or null when the stop was removed. The review reads them in order. */
export const tradeStopChanges = pgTable(
  'trade_stop_changes',
  {
    changeId: uuid('change_id').primaryKey().defaultRandom(),
    tradeId: uuid('trade_id')
      .notNull()
      .references(() => trades.tradeId, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    ts: timestamp('ts', tz).notNull(),
    stop: doublePrecision('stop'),
    source: text('source').$type<'chat' | 'api' | 'import'>().notNull(),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [
    index('idx_trade_stop_changes_trade_ts').on(t.tradeId, t.ts),
    check('ck_trade_stop_changes_stop', sql`${t.stop} is null or ${t.stop} > 0`),
  ],
);
