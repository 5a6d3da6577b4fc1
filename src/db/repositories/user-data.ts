import { eq, getTableName, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import * as schema from '../schema/index.js';

const {
  aiJournal,
  answerJobs,
  idempotencyKeys,
  apiTokens,
  assistantMessages,
  assistantSessions,
  charts,
  guardrailEvents,
  llmCalls,
  positions,
  postTradeReviews,
  strategies,
  tradeEvaluationItems,
  tradeEvaluations,
  tradeFills,
  tradeIntents,
  tradeJournal,
  trades,
  tradeStopChanges,
  userAccounts,
  userRules,
  webSessions,
} = schema;

interface Scope {
  evalIds: string[];
  sessionIds: string[];
}

/** How one table's rows belong to a user. */
interface PersonalTable {
  table: PgTable;
  rows: (userId: string, scope: Scope) => SQL | undefined;
}

const byUser =
  (column: AnyPgColumn) =>
  (userId: string): SQL =>
    eq(column, userId);
const within = (column: AnyPgColumn, ids: string[]): SQL | undefined =>
  ids.length > 0 ? inArray(column, ids) : undefined;

/**
 * Every table holding a trader's data, children before parents: the order rows are deleted in.
 * `NOT_PERSONAL` names the rest; a test fails when a table is in neither list.
 */
export const PERSONAL_TABLES: readonly PersonalTable[] = [
  { table: answerJobs, rows: (_, s) => within(answerJobs.sessionId, s.sessionIds) },
  {
    // Keys are scoped "POST /api/evaluate <caller> for <user>": the user's as caller or as subject.
    table: idempotencyKeys,
    rows: (u) =>
      or(
        sql`strpos(${idempotencyKeys.scope}, ${` ${u} for `}) > 0`,
        sql`right(${idempotencyKeys.scope}, ${u.length + 5}) = ${` for ${u}`}`,
      ),
  },
  { table: tradeEvaluationItems, rows: (_, s) => within(tradeEvaluationItems.evalId, s.evalIds) },
  { table: charts, rows: (_, s) => within(charts.evalId, s.evalIds) },
  { table: assistantMessages, rows: (_, s) => within(assistantMessages.sessionId, s.sessionIds) },
  {
    table: guardrailEvents,
    rows: (u, s) => {
      const linked = within(guardrailEvents.evalId, s.evalIds);
      return linked ? or(eq(guardrailEvents.userId, u), linked) : eq(guardrailEvents.userId, u);
    },
  },
  { table: aiJournal, rows: byUser(aiJournal.userId) },
  { table: llmCalls, rows: byUser(llmCalls.userId) },
  { table: postTradeReviews, rows: byUser(postTradeReviews.userId) },
  { table: tradeStopChanges, rows: byUser(tradeStopChanges.userId) },
  { table: tradeJournal, rows: byUser(tradeJournal.userId) },
  { table: positions, rows: byUser(positions.userId) },
  { table: tradeFills, rows: byUser(tradeFills.userId) },
  { table: trades, rows: byUser(trades.userId) },
  { table: tradeEvaluations, rows: byUser(tradeEvaluations.userId) },
  { table: tradeIntents, rows: byUser(tradeIntents.userId) },
  { table: assistantSessions, rows: byUser(assistantSessions.userId) },
  { table: strategies, rows: byUser(strategies.userId) },
  { table: apiTokens, rows: byUser(apiTokens.userId) },
  { table: webSessions, rows: byUser(webSessions.userId) },
  { table: userRules, rows: byUser(userRules.userId) },
  { table: userAccounts, rows: byUser(userAccounts.userId) },
];

/**
 * Tables with no trader's data: market data, the knowledge base, teams, job bookkeeping and
 * channel subscriptions (whose `created_by` is cleared when its author is deleted).
 */
export const NOT_PERSONAL: readonly string[] = [
  'teams',
  // A team's defaults; changed_by names the lead who set them, as summary_subscriptions.created_by does.
  'team_rules',
  'tickers',
  'bars',
  'news_items',
  // Earnings and macro dates: market data, imported by an operator, no one's own.
  'market_events',
  'knowledge_chunks',
  'key_levels',
  'regime_snapshots',
  'summary_subscriptions',
  'job_runs',
];

export type UserExport = Record<string, Record<string, unknown>[]>;

export function createUserDataRepository(db: Db) {
  async function scopeOf(q: Db, userId: string): Promise<Scope> {
    const evals = await q
      .select({ id: tradeEvaluations.evalId })
      .from(tradeEvaluations)
      .where(eq(tradeEvaluations.userId, userId));
    const sessions = await q
      .select({ id: assistantSessions.sessionId })
      .from(assistantSessions)
      .where(eq(assistantSessions.userId, userId));
    return { evalIds: evals.map((r) => r.id), sessionIds: sessions.map((r) => r.id) };
  }

  return {
    async exists(userId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: userAccounts.userId })
        .from(userAccounts)
        .where(eq(userAccounts.userId, userId));
      return row !== undefined;
    },

    /** Every row of the user's, by table, read in one snapshot. */
    async export(userId: string): Promise<UserExport> {
      return db.transaction(async (tx) => {
        const q = tx as unknown as Db;
        const scope = await scopeOf(q, userId);
        const out: UserExport = {};
        for (const { table, rows } of [...PERSONAL_TABLES].reverse()) {
          const where = rows(userId, scope);
          out[getTableName(table)] = where
            ? ((await q.select().from(table).where(where)) as Record<string, unknown>[])
            : [];
        }
        return out;
      });
    },

    /**
     * Deletes every row of the user's in one transaction; returns the count per table and the
     * object-store keys of their charts (removed by the caller once the rows are gone).
     */
    async delete(userId: string): Promise<{ counts: Record<string, number>; chartKeys: string[] }> {
      return db.transaction(async (tx) => {
        const q = tx as unknown as Db;
        const scope = await scopeOf(q, userId);
        const chartKeys =
          scope.evalIds.length > 0
            ? (
                await q
                  .select({ key: charts.imageKey })
                  .from(charts)
                  .where(inArray(charts.evalId, scope.evalIds))
              ).map((r) => r.key)
            : [];
        const counts: Record<string, number> = {};
        for (const { table, rows } of PERSONAL_TABLES) {
          const where = rows(userId, scope);
          counts[getTableName(table)] = where ? (await q.delete(table).where(where).returning()).length : 0;
        }
        return { counts, chartKeys };
      });
    },
  };
}

export type UserDataRepository = ReturnType<typeof createUserDataRepository>;
