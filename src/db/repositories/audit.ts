import { and, asc, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../client.js';
import { aiJournal, guardrailEvents, llmCalls, strategies } from '../schema/index.js';

export type LlmCallRow = typeof llmCalls.$inferSelect;
export type NewLlmCall = Omit<typeof llmCalls.$inferInsert, 'llmCallId' | 'createdAt'>;
export type JournalRow = typeof aiJournal.$inferSelect;
export type NewJournalEntry = Omit<typeof aiJournal.$inferInsert, 'journalId' | 'createdAt'>;
export type GuardrailEventRow = typeof guardrailEvents.$inferSelect;
export type NewGuardrailEvent = Omit<typeof guardrailEvents.$inferInsert, 'eventId'>;
export type StrategyRow = typeof strategies.$inferSelect;

/** Reads and writes the audit chain: LLM calls, agent signals, guardrail events, strategies. */
export function createAuditRepository(db: Db) {
  return {
    async insertLlmCall(call: NewLlmCall): Promise<{ id: string }> {
      const [row] = await db.insert(llmCalls).values(call).returning({ id: llmCalls.llmCallId });
      if (!row) throw new Error('llm_calls insert returned nothing');
      return row;
    },

    /**
     * Blanks the prompts and raw response of calls made before `cutoff` (retention); the hash,
     * token counts, timings and parsed output stay for the audit. Returns how many were blanked.
     */
    async purgeRawLlmText(cutoff: Date, now: Date): Promise<number> {
      const rows = await db
        .update(llmCalls)
        .set({ systemPrompt: '', userPrompt: '', rawResponse: '', rawPurgedAt: now })
        .where(and(lt(llmCalls.createdAt, cutoff), isNull(llmCalls.rawPurgedAt)))
        .returning({ id: llmCalls.llmCallId });
      return rows.length;
    },

    async getLlmCall(id: string): Promise<LlmCallRow | undefined> {
      const [row] = await db.select().from(llmCalls).where(eq(llmCalls.llmCallId, id));
      return row;
    },

    /**
     * Files calls under an evaluation after the fact: the client records each attempt before
     * the caller knows where the answer will be used. Calls already filed elsewhere stay put.
     */
    async linkCallsToEvaluation(evalId: string, callIds: readonly string[]): Promise<number> {
      if (callIds.length === 0) return 0;
      const rows = await db
        .update(llmCalls)
        .set({ evalId })
        .where(
          and(
            inArray(llmCalls.llmCallId, [...callIds]),
            or(isNull(llmCalls.evalId), eq(llmCalls.evalId, evalId)),
          ),
        )
        .returning({ id: llmCalls.llmCallId });
      return rows.length;
    },

    /** Calls filed under the evaluation, any its journal rows point at, and `alsoIds`; oldest first. */
    async callsForEvaluation(evalId: string, alsoIds: readonly string[] = []): Promise<LlmCallRow[]> {
      const linked = db
        .select({ id: aiJournal.llmCallId })
        .from(aiJournal)
        .where(eq(aiJournal.evalId, evalId));
      const conditions = [eq(llmCalls.evalId, evalId), inArray(llmCalls.llmCallId, linked)];
      if (alsoIds.length > 0) conditions.push(inArray(llmCalls.llmCallId, [...alsoIds]));
      return db
        .select()
        .from(llmCalls)
        .where(or(...conditions))
        .orderBy(asc(llmCalls.createdAt), asc(llmCalls.attempt));
    },

    async insertJournal(entry: NewJournalEntry): Promise<{ id: string }> {
      const [row] = await db.insert(aiJournal).values(entry).returning({ id: aiJournal.journalId });
      if (!row) throw new Error('ai_journal insert returned nothing');
      return row;
    },

    async journalForEvaluation(evalId: string): Promise<JournalRow[]> {
      return db
        .select()
        .from(aiJournal)
        .where(eq(aiJournal.evalId, evalId))
        .orderBy(asc(aiJournal.createdAt), asc(aiJournal.agent));
    },

    async journalForUser(userId: string, limit = 50): Promise<JournalRow[]> {
      return db
        .select()
        .from(aiJournal)
        .where(eq(aiJournal.userId, userId))
        .orderBy(desc(aiJournal.createdAt))
        .limit(limit);
    },

    async getJournal(id: string): Promise<JournalRow | undefined> {
      const [row] = await db.select().from(aiJournal).where(eq(aiJournal.journalId, id));
      return row;
    },

    /** Sets the 1:1 trade link; the unique index rejects a second journal row for one trade. */
    async linkJournalToTrade(journalId: string, tradeId: string): Promise<void> {
      await db.update(aiJournal).set({ tradeId }).where(eq(aiJournal.journalId, journalId));
    },

    async insertGuardrailEvent(event: NewGuardrailEvent): Promise<{ id: string }> {
      const [row] = await db.insert(guardrailEvents).values(event).returning({ id: guardrailEvents.eventId });
      if (!row) throw new Error('guardrail_events insert returned nothing');
      return row;
    },

    async guardrailEventsForEvaluation(evalId: string): Promise<GuardrailEventRow[]> {
      return db
        .select()
        .from(guardrailEvents)
        .where(eq(guardrailEvents.evalId, evalId))
        .orderBy(asc(guardrailEvents.ts));
    },

    async guardrailEventsForUser(userId: string, limit = 50): Promise<GuardrailEventRow[]> {
      return db
        .select()
        .from(guardrailEvents)
        .where(eq(guardrailEvents.userId, userId))
        .orderBy(desc(guardrailEvents.ts))
        .limit(limit);
    },

    async createStrategy(strategy: {
      userId: string;
      name: string;
      description?: string | undefined;
    }): Promise<StrategyRow> {
      const [row] = await db
        .insert(strategies)
        .values({ userId: strategy.userId, name: strategy.name, description: strategy.description ?? null })
        .returning();
      if (!row) throw new Error('strategies insert returned nothing');
      return row;
    },

    async deleteStrategy(strategyId: string): Promise<void> {
      await db.delete(strategies).where(eq(strategies.strategyId, strategyId));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
