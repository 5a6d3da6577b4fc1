import { and, asc, desc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  positions,
  tradeEvaluations,
  tradeFills,
  tradeIntents,
  trades,
  tradeStopChanges,
} from '../schema/index.js';

export type TradeRow = typeof trades.$inferSelect;
export type NewTrade = typeof trades.$inferInsert;
export type FillRow = typeof tradeFills.$inferSelect;
export type NewFill = typeof tradeFills.$inferInsert;
export type PositionRow = typeof positions.$inferSelect;
export type NewPosition = typeof positions.$inferInsert;
type IntentRow = typeof tradeIntents.$inferSelect;

const KEY_CHUNK = 500;

export function createTradeRepository(db: Db) {
  return {
    ...tradeQueries(db),
    /** Runs `fn` in one transaction with the queries bound to it: every write or none. */
    async transaction<T>(fn: (tx: TradeQueries) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) => fn(tradeQueries(tx as unknown as Db)));
    },
  };
}

function tradeQueries(db: Db) {
  return {
    /** The open trade in a symbol, row-locked so concurrent fills of it queue up. */
    async openTradeFor(userId: string, symbol: string): Promise<TradeRow | undefined> {
      const [row] = await db
        .select()
        .from(trades)
        .where(and(eq(trades.userId, userId), eq(trades.symbol, symbol), eq(trades.status, 'open')))
        .for('update');
      return row;
    },

    async openTrades(userId: string): Promise<TradeRow[]> {
      return db
        .select()
        .from(trades)
        .where(and(eq(trades.userId, userId), eq(trades.status, 'open')))
        .orderBy(asc(trades.symbol));
    },

    async recentClosed(userId: string, limit: number): Promise<TradeRow[]> {
      return db
        .select()
        .from(trades)
        .where(and(eq(trades.userId, userId), eq(trades.status, 'closed')))
        .orderBy(desc(trades.closeTs))
        .limit(limit);
    },

    async getTrade(tradeId: string): Promise<TradeRow | undefined> {
      const [row] = await db.select().from(trades).where(eq(trades.tradeId, tradeId));
      return row;
    },

    async insertTrade(values: NewTrade): Promise<TradeRow> {
      const [row] = await db.insert(trades).values(values).returning();
      if (!row) throw new Error('trade insert returned nothing');
      return row;
    },

    async updateTrade(tradeId: string, patch: Partial<NewTrade>): Promise<TradeRow> {
      const [row] = await db
        .update(trades)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(trades.tradeId, tradeId))
        .returning();
      if (!row) throw new Error(`trade ${tradeId} vanished during update`);
      return row;
    },

    /** Appends a fill as the trade's next `seq`. Undefined when its natural key was imported before. */
    async appendFill(values: Omit<NewFill, 'seq'>): Promise<FillRow | undefined> {
      const [last] = await db
        .select({ seq: sql<number>`coalesce(max(${tradeFills.seq}), 0)` })
        .from(tradeFills)
        .where(eq(tradeFills.tradeId, values.tradeId));
      const [row] = await db
        .insert(tradeFills)
        .values({ ...values, seq: Number(last?.seq ?? 0) + 1 })
        .onConflictDoNothing({ target: [tradeFills.userId, tradeFills.naturalKey] })
        .returning();
      return row;
    },

    async fillsOf(tradeId: string): Promise<FillRow[]> {
      return db
        .select()
        .from(tradeFills)
        .where(eq(tradeFills.tradeId, tradeId))
        .orderBy(asc(tradeFills.ts), asc(tradeFills.seq));
    },

    /**
     * The stop in force now: the last recorded move (null when the stop was removed), or
     * undefined when it never moved (the planned stop holds).
     */
    async currentStop(tradeId: string): Promise<number | null | undefined> {
      const [last] = await db
        .select({ stop: tradeStopChanges.stop })
        .from(tradeStopChanges)
        .where(eq(tradeStopChanges.tradeId, tradeId))
        .orderBy(desc(tradeStopChanges.ts), desc(tradeStopChanges.createdAt))
        .limit(1);
      return last ? last.stop : undefined;
    },

    async fillsOfTrades(tradeIds: string[]): Promise<FillRow[]> {
      if (tradeIds.length === 0) return [];
      return db
        .select()
        .from(tradeFills)
        .where(inArray(tradeFills.tradeId, tradeIds))
        .orderBy(asc(tradeFills.ts), asc(tradeFills.seq));
    },

    /** Which of these natural keys this user has imported already. */
    async existingNaturalKeys(userId: string, keys: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let i = 0; i < keys.length; i += KEY_CHUNK) {
        const rows = await db
          .select({ key: tradeFills.naturalKey })
          .from(tradeFills)
          .where(
            and(eq(tradeFills.userId, userId), inArray(tradeFills.naturalKey, keys.slice(i, i + KEY_CHUNK))),
          );
        for (const r of rows) if (r.key) found.add(r.key);
      }
      return found;
    },

    async countFills(userId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)` })
        .from(tradeFills)
        .where(eq(tradeFills.userId, userId));
      return Number(row?.n ?? 0);
    },

    async upsertPosition(row: NewPosition): Promise<void> {
      const { userId: _u, symbol: _s, ...rest } = row;
      await db
        .insert(positions)
        .values(row)
        .onConflictDoUpdate({
          target: [positions.userId, positions.symbol],
          set: { ...rest, updatedAt: new Date() },
        });
    },

    async deletePosition(userId: string, symbol: string): Promise<void> {
      await db.delete(positions).where(and(eq(positions.userId, userId), eq(positions.symbol, symbol)));
    },

    async positionsOf(userId: string): Promise<PositionRow[]> {
      return db.select().from(positions).where(eq(positions.userId, userId)).orderBy(asc(positions.symbol));
    },

    /** Trades of users whose id starts with `userPrefix` ("slack:T01:") closed in (from, to]. */
    async closedBetween(userPrefix: string, from: Date, to: Date): Promise<TradeRow[]> {
      return db
        .select()
        .from(trades)
        .where(
          and(
            sql`starts_with(${trades.userId}, ${userPrefix})`,
            eq(trades.status, 'closed'),
            gt(trades.closeTs, from),
            lte(trades.closeTs, to),
          ),
        )
        .orderBy(asc(trades.closeTs));
    },

    /** Intents a new trade could carry out: same user, symbol and side, not yet taken, created in [since, until]. */
    async intentCandidates(
      userId: string,
      symbol: string,
      side: 'long' | 'short',
      since: Date,
      until: Date,
    ): Promise<IntentRow[]> {
      return db
        .select()
        .from(tradeIntents)
        .where(
          and(
            eq(tradeIntents.userId, userId),
            eq(tradeIntents.symbol, symbol),
            eq(tradeIntents.side, side),
            inArray(tradeIntents.status, ['draft', 'evaluated']),
            gte(tradeIntents.createdAt, since),
            lte(tradeIntents.createdAt, until),
          ),
        )
        .orderBy(desc(tradeIntents.createdAt))
        .limit(20);
    },

    async getIntent(intentId: string): Promise<IntentRow | undefined> {
      const [row] = await db.select().from(tradeIntents).where(eq(tradeIntents.intentId, intentId));
      return row;
    },

    async intentsByIds(intentIds: string[]): Promise<IntentRow[]> {
      if (intentIds.length === 0) return [];
      return db.select().from(tradeIntents).where(inArray(tradeIntents.intentId, intentIds));
    },

    async setIntentStatus(intentId: string, status: IntentRow['status']): Promise<void> {
      await db.update(tradeIntents).set({ status }).where(eq(tradeIntents.intentId, intentId));
    },

    async latestEvaluationId(intentId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ evalId: tradeEvaluations.evalId })
        .from(tradeEvaluations)
        .where(eq(tradeEvaluations.intentId, intentId))
        .orderBy(desc(tradeEvaluations.createdAt))
        .limit(1);
      return row?.evalId;
    },
  };
}

export type TradeQueries = ReturnType<typeof tradeQueries>;
export type TradeRepository = ReturnType<typeof createTradeRepository>;
