import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tradeEvaluations } from './evaluations.js';
import { charts } from './market-context.js';
import { userAccounts } from './people.js';
import { trades } from './trading.js';

/**
 * A named strategy a journal entry can be filed under. Minimal on purpose: seed 000 links
 * `ai_journal.strategy_id` here with SET NULL; richer profiles and playbooks live elsewhere.
 */
export const strategies = pgTable(
  'strategies',
  {
    strategyId: uuid('strategy_id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('uq_strategies_user_name').on(t.userId, t.name)],
);

/**
 * One HTTP attempt against an LLM provider (seed 003's decision log, widened). Text arrives
 * scrubbed and cut by the client. `user_id` is not a foreign key: the recorder runs inside the
 * client for any caller, and a missing account must never cost an audit row.
 */
export const llmCalls = pgTable(
  'llm_calls',
  {
    llmCallId: uuid('llm_call_id').primaryKey().defaultRandom(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    purpose: text('purpose').notNull(),
    userId: text('user_id'),
    requestId: text('request_id'),
    systemPrompt: text('system_prompt').notNull(),
    userPrompt: text('user_prompt').notNull(),
    rawResponse: text('raw_response').notNull(),
    parsedOutput: jsonb('parsed_output').$type<unknown>(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    cacheWriteTokens: integer('cache_write_tokens').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    stopReason: text('stop_reason'),
    providerRequestId: text('provider_request_id'),
    error: text('error'),
    attempt: integer('attempt').notNull(),
    turn: integer('turn').notNull().default(1),
    promptHash: text('prompt_hash').notNull(),
    extraFields: jsonb('extra_fields').$type<string[]>().notNull().default([]),
    truncatedPrompt: boolean('truncated_prompt').notNull().default(false),
    truncatedResponse: boolean('truncated_response').notNull().default(false),
    truncatedOutput: boolean('truncated_output').notNull().default(false),
    evalId: uuid('eval_id').references(() => tradeEvaluations.evalId, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when LLM_RAW_RETENTION_DAYS blanked the prompts and the raw response (hash, tokens, timings stay). */
    rawPurgedAt: timestamp('raw_purged_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_llm_calls_eval').on(t.evalId),
    index('idx_llm_calls_request').on(t.requestId),
    index('idx_llm_calls_user_created').on(t.userId, t.createdAt),
    index('idx_llm_calls_prompt_hash').on(t.promptHash),
  ],
);

export const AGENT_NAMES = ['technical', 'fundamental', 'sentiment', 'risk'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];
export const JOURNAL_SIGNALS = ['BUY', 'SELL', 'BUY_LIMIT', 'SELL_LIMIT', 'HOLD'] as const;
export type JournalSignal = (typeof JOURNAL_SIGNALS)[number];

/**
 * Every agent signal, LLM or rules (seed 000's ai_journal with a user instead of an account).
 * It links the evaluation, the trade it led to (one journal row per trade at most), the chart
 * the agents saw and the LLM call behind the answer.
 */
export const aiJournal = pgTable(
  'ai_journal',
  {
    journalId: uuid('journal_id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    tradeId: uuid('trade_id').references(() => trades.tradeId, { onDelete: 'set null' }),
    chartId: uuid('chart_id').references(() => charts.chartId, { onDelete: 'set null' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    agent: text('agent').$type<AgentName>().notNull(),
    signal: text('signal').$type<JournalSignal>().notNull(),
    confidence: real('confidence').notNull(),
    rationale: text('rationale').notNull(),
    indicatorsSnapshot: jsonb('indicators_snapshot').$type<Record<string, unknown>>().notNull().default({}),
    llmProvider: text('llm_provider').notNull(),
    modelName: text('model_name').notNull().default(''),
    strategyId: uuid('strategy_id').references(() => strategies.strategyId, { onDelete: 'set null' }),
    evalId: uuid('eval_id').references(() => tradeEvaluations.evalId, { onDelete: 'set null' }),
    llmCallId: uuid('llm_call_id').references(() => llmCalls.llmCallId, { onDelete: 'set null' }),
    retrievedChunkIds: jsonb('retrieved_chunk_ids').$type<string[]>().notNull().default([]),
    keyFactors: jsonb('key_factors').$type<unknown[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('uq_ai_journal_trade_id').on(t.tradeId),
    index('idx_ai_journal_user_id').on(t.userId),
    index('idx_ai_journal_symbol').on(t.symbol),
    index('idx_ai_journal_eval').on(t.evalId),
    check('ck_ai_journal_signal', sql`${t.signal} in ('BUY', 'SELL', 'BUY_LIMIT', 'SELL_LIMIT', 'HOLD')`),
    check('ck_ai_journal_agent', sql`${t.agent} in ('technical', 'fundamental', 'sentiment', 'risk')`),
    check('ck_ai_journal_confidence', sql`${t.confidence} >= 0 and ${t.confidence} <= 1`),
  ],
);

export const GUARDRAIL_STAGES = ['input', 'retrieved', 'output', 'explanation'] as const;
export type GuardrailStage = (typeof GUARDRAIL_STAGES)[number];
export const GUARDRAIL_ACTIONS = ['blocked', 'rewritten', 'flagged'] as const;
export type GuardrailAction = (typeof GUARDRAIL_ACTIONS)[number];

/** Every block, rewrite or flag a guardrail made; `excerpt` is scrubbed and short. */
export const guardrailEvents = pgTable(
  'guardrail_events',
  {
    eventId: uuid('event_id').primaryKey().defaultRandom(),
    ts: timestamp('ts', { withTimezone: true }).notNull().defaultNow(),
    // Not a FK: input is screened before the account may exist, and the event must still land.
    userId: text('user_id'),
    requestId: text('request_id'),
    stage: text('stage').$type<GuardrailStage>().notNull(),
    rule: text('rule').notNull(),
    action: text('action').$type<GuardrailAction>().notNull(),
    excerpt: text('excerpt').notNull().default(''),
    evalId: uuid('eval_id').references(() => tradeEvaluations.evalId, { onDelete: 'set null' }),
  },
  (t) => [
    index('idx_guardrail_events_user_ts').on(t.userId, t.ts),
    index('idx_guardrail_events_eval').on(t.evalId),
    check('ck_guardrail_events_stage', sql`${t.stage} in ('input', 'retrieved', 'output', 'explanation')`),
    check('ck_guardrail_events_action', sql`${t.action} in ('blocked', 'rewritten', 'flagged')`),
  ],
);
