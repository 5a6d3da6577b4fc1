import { and, asc, count, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tradeEvaluationItems, tradeEvaluations, tradeIntents } from '../schema/index.js';

export type NewIntent = typeof tradeIntents.$inferInsert;
export type IntentRow = typeof tradeIntents.$inferSelect;
export type EvaluationRow = typeof tradeEvaluations.$inferSelect;
export type EvaluationItemRow = typeof tradeEvaluationItems.$inferSelect;
export type NewEvaluation = Omit<typeof tradeEvaluations.$inferInsert, 'intentId' | 'evalId'>;
export type NewEvaluationItem = Omit<typeof tradeEvaluationItems.$inferInsert, 'evalId' | 'evalItemId'>;

export function createEvaluationRepository(db: Db) {
  return {
    /** Writes the intent, the evaluation and its items in one transaction: all or nothing. */
    async saveEvaluated(
      intent: NewIntent,
      evaluation: NewEvaluation,
      items: NewEvaluationItem[],
    ): Promise<{ intentId: string; evalId: string }> {
      return db.transaction(async (tx) => {
        const [savedIntent] = await tx
          .insert(tradeIntents)
          .values({ ...intent, status: 'evaluated' })
          .returning({ intentId: tradeIntents.intentId });
        if (!savedIntent) throw new Error('intent insert returned nothing');
        const [savedEval] = await tx
          .insert(tradeEvaluations)
          .values({ ...evaluation, intentId: savedIntent.intentId })
          .returning({ evalId: tradeEvaluations.evalId });
        if (!savedEval) throw new Error('evaluation insert returned nothing');
        if (items.length > 0) {
          await tx
            .insert(tradeEvaluationItems)
            .values(items.map((item) => ({ ...item, evalId: savedEval.evalId })));
        }
        return { intentId: savedIntent.intentId, evalId: savedEval.evalId };
      });
    },

    async getEvaluation(
      evalId: string,
    ): Promise<{ evaluation: EvaluationRow; intent: IntentRow; items: EvaluationItemRow[] } | undefined> {
      const [evaluation] = await db
        .select()
        .from(tradeEvaluations)
        .where(eq(tradeEvaluations.evalId, evalId));
      if (!evaluation) return undefined;
      const [intent] = await db
        .select()
        .from(tradeIntents)
        .where(eq(tradeIntents.intentId, evaluation.intentId));
      if (!intent) return undefined;
      const items = await db
        .select()
        .from(tradeEvaluationItems)
        .where(eq(tradeEvaluationItems.evalId, evalId))
        .orderBy(asc(tradeEvaluationItems.rank));
      return { evaluation, intent, items };
    },

    /** The intent exactly as it was evaluated (kept in the summary), for Edit forms; unknown to the caller until parsed. */
    async evaluatedIntent(intentId: string): Promise<unknown> {
      const [row] = await db
        .select({ summary: tradeEvaluations.summary })
        .from(tradeEvaluations)
        .where(eq(tradeEvaluations.intentId, intentId))
        .orderBy(desc(tradeEvaluations.createdAt))
        .limit(1);
      return row?.summary.intent;
    },

    async latestForUser(userId: string, limit = 10): Promise<EvaluationRow[]> {
      return db
        .select()
        .from(tradeEvaluations)
        .where(eq(tradeEvaluations.userId, userId))
        .orderBy(desc(tradeEvaluations.createdAt))
        .limit(limit);
    },

    /** The agents and chart are in: the evaluation is whole. */
    async markCompleted(evalId: string, now: Date): Promise<void> {
      await db.update(tradeEvaluations).set({ completedAt: now }).where(eq(tradeEvaluations.evalId, evalId));
    },

    /** Marks evaluations started before `before` and never completed (their process died). */
    async markInterrupted(before: Date, now: Date): Promise<number> {
      const rows = await db
        .update(tradeEvaluations)
        .set({ interruptedAt: now })
        .where(
          and(
            isNull(tradeEvaluations.completedAt),
            isNull(tradeEvaluations.interruptedAt),
            lt(tradeEvaluations.createdAt, before),
          ),
        )
        .returning({ evalId: tradeEvaluations.evalId });
      return rows.length;
    },

    async countEvaluations(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(tradeEvaluations);
      return Number(row?.n ?? 0);
    },
  };
}

export type EvaluationRepository = ReturnType<typeof createEvaluationRepository>;
