import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  boolean,
} from 'drizzle-orm/pg-core';
import { assistantSessions } from './conversation.js';
import { userAccounts } from './people.js';

export const tradeIntents = pgTable(
  'trade_intents',
  {
    intentId: uuid('intent_id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => assistantSessions.sessionId, { onDelete: 'set null' }),
    symbol: text('symbol').notNull(),
    side: text('side').$type<'long' | 'short'>().notNull(),
    timeframe: text('timeframe').notNull(),
    proposedEntry: doublePrecision('proposed_entry').notNull(),
    proposedStop: doublePrecision('proposed_stop'),
    proposedTarget: doublePrecision('proposed_target'),
    targets: jsonb('targets').$type<number[]>().notNull().default([]),
    proposedSize: doublePrecision('proposed_size'),
    proposedNotional: doublePrecision('proposed_notional'),
    proposedRiskPct: doublePrecision('proposed_risk_pct'),
    proposedRiskAmount: doublePrecision('proposed_risk_amount'),
    holdingHorizon: text('holding_horizon'),
    orderType: text('order_type').notNull().default('limit'),
    thesis: text('thesis'),
    rawText: text('raw_text'),
    status: text('status')
      .$type<'draft' | 'evaluated' | 'open' | 'closed' | 'cancelled'>()
      .notNull()
      .default('draft'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_trade_intents_user_created').on(t.userId, t.createdAt),
    index('idx_trade_intents_symbol').on(t.symbol),
  ],
);

export const tradeEvaluations = pgTable(
  'trade_evaluations',
  {
    evalId: uuid('eval_id').primaryKey().defaultRandom(),
    intentId: uuid('intent_id')
      .notNull()
      .references(() => tradeIntents.intentId, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    evalTs: timestamp('eval_ts', { withTimezone: true }).notNull(),
    overallScore: integer('overall_score').notNull(),
    overallSeverity: text('overall_severity').notNull(),
    modulesRun: jsonb('modules_run').$type<unknown[]>().notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    contextFacts: jsonb('context_facts').$type<Record<string, unknown>>().notNull(),
    configVersion: text('config_version').notNull(),
    /** The trader's `user_rules` version in force (0: none set), and their team's (0: none). */
    rulesVersion: integer('rules_version'),
    teamRulesVersion: integer('team_rules_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set once the agents (and chart) have run: null means the evaluation is still running or was cut off. */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** Set by the sweeper on an evaluation its process never completed: it has no agent results. */
    interruptedAt: timestamp('interrupted_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_trade_evaluations_intent').on(t.intentId),
    index('idx_trade_evaluations_user_created').on(t.userId, t.createdAt),
  ],
);

export const tradeEvaluationItems = pgTable(
  'trade_evaluation_items',
  {
    evalItemId: uuid('eval_item_id').primaryKey().defaultRandom(),
    evalId: uuid('eval_id')
      .notNull()
      .references(() => tradeEvaluations.evalId, { onDelete: 'cascade' }),
    moduleName: text('module_name').notNull(),
    moduleVersion: integer('module_version').notNull(),
    issueCode: text('issue_code').notNull(),
    severity: text('severity').notNull(),
    message: text('message').notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    recommendation: jsonb('recommendation').$type<Record<string, unknown>>().notNull(),
    rank: integer('rank').notNull(),
    shown: boolean('shown').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('idx_trade_evaluation_items_eval').on(t.evalId)],
);
