import { and, asc, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { postTradeReviews, tradeStopChanges, trades } from '../schema/index.js';

export type ReviewRow = typeof postTradeReviews.$inferSelect;
export type NewReviewRow = typeof postTradeReviews.$inferInsert;
export type StopChangeRow = typeof tradeStopChanges.$inferSelect;
export type NewStopChange = typeof tradeStopChanges.$inferInsert;
type TradeRow = typeof trades.$inferSelect;

/** Post-trade reviews and the stop changes they read. */
export function createReviewRepository(db: Db) {
  return {
    /**
     * Stores a review unless one exists for the same trade and version, and returns whichever is
     * stored: two writers racing for one trade end up reading the same row.
     */
    async insertOnce(values: NewReviewRow): Promise<{ row: ReviewRow; created: boolean }> {
      const [inserted] = await db
        .insert(postTradeReviews)
        .values(values)
        .onConflictDoNothing({ target: [postTradeReviews.tradeId, postTradeReviews.version] })
        .returning();
      if (inserted) return { row: inserted, created: true };
      const [existing] = await db
        .select()
        .from(postTradeReviews)
        .where(
          and(eq(postTradeReviews.tradeId, values.tradeId), eq(postTradeReviews.version, values.version)),
        );
      if (!existing) throw new Error(`review of trade ${values.tradeId} neither inserted nor found`);
      return { row: existing, created: false };
    },

    /** Writes a review over the stored one of the same trade and version (an explicit refresh). */
    async replace(values: NewReviewRow): Promise<ReviewRow> {
      const { tradeId: _t, version: _v, reviewId: _r, ...rest } = values;
      const [row] = await db
        .insert(postTradeReviews)
        .values(values)
        .onConflictDoUpdate({ target: [postTradeReviews.tradeId, postTradeReviews.version], set: rest })
        .returning();
      if (!row) throw new Error('review upsert returned nothing');
      return row;
    },

    async setCoachNote(reviewId: string, coachNote: string | null): Promise<void> {
      await db.update(postTradeReviews).set({ coachNote }).where(eq(postTradeReviews.reviewId, reviewId));
    },

    async forTrade(tradeId: string, version: number): Promise<ReviewRow | undefined> {
      const [row] = await db
        .select()
        .from(postTradeReviews)
        .where(and(eq(postTradeReviews.tradeId, tradeId), eq(postTradeReviews.version, version)));
      return row;
    },

    async forTrades(tradeIds: string[], version: number): Promise<ReviewRow[]> {
      if (tradeIds.length === 0) return [];
      return db
        .select()
        .from(postTradeReviews)
        .where(and(inArray(postTradeReviews.tradeId, tradeIds), eq(postTradeReviews.version, version)));
    },

    /** The user's most recently closed trade, in one symbol when given. */
    async latestClosed(userId: string, symbol?: string): Promise<TradeRow | undefined> {
      const conditions = [eq(trades.userId, userId), eq(trades.status, 'closed')];
      if (symbol) conditions.push(eq(trades.symbol, symbol));
      const [row] = await db
        .select()
        .from(trades)
        .where(and(...conditions))
        .orderBy(desc(trades.closeTs))
        .limit(1);
      return row;
    },

    /** Closed trades (closed at or after `since`) with no review of this version yet, oldest first. */
    async closedWithoutReview(version: number, since: Date, limit: number): Promise<TradeRow[]> {
      const rows = await db
        .select({ trade: trades })
        .from(trades)
        .leftJoin(
          postTradeReviews,
          and(eq(postTradeReviews.tradeId, trades.tradeId), eq(postTradeReviews.version, version)),
        )
        .where(
          and(eq(trades.status, 'closed'), gte(trades.closeTs, since), isNull(postTradeReviews.reviewId)),
        )
        .orderBy(asc(trades.closeTs))
        .limit(limit);
      return rows.map((r) => r.trade);
    },

    async addStopChange(values: NewStopChange): Promise<StopChangeRow> {
      const [row] = await db.insert(tradeStopChanges).values(values).returning();
      if (!row) throw new Error('stop change insert returned nothing');
      return row;
    },

    async stopChangesOf(tradeId: string): Promise<StopChangeRow[]> {
      return db
        .select()
        .from(tradeStopChanges)
        .where(eq(tradeStopChanges.tradeId, tradeId))
        .orderBy(asc(tradeStopChanges.ts), asc(tradeStopChanges.createdAt));
    },
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
