import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { aiJournal, charts } from '../schema/index.js';

export type ChartRow = typeof charts.$inferSelect;
/** `chartId` may be chosen by the caller, so an answer can name a chart that is still rendering. */
export type NewChartRow = Omit<typeof charts.$inferInsert, 'chartId'> & { chartId?: string };

/** Rows describing rendered chart images; the bytes live in the object store under `imageKey`. */
export function createChartRepository(db: Db) {
  return {
    async saveChart(row: NewChartRow): Promise<ChartRow> {
      const [saved] = await db.insert(charts).values(row).returning();
      if (!saved) throw new Error('charts insert returned nothing');
      return saved;
    },

    /** Points the evaluation's agent journal rows that have no chart yet at this one; returns how many. */
    async linkJournal(evalId: string, chartId: string): Promise<number> {
      const rows = await db
        .update(aiJournal)
        .set({ chartId })
        .where(and(eq(aiJournal.evalId, evalId), isNull(aiJournal.chartId)))
        .returning({ id: aiJournal.journalId });
      return rows.length;
    },

    async getChart(chartId: string): Promise<ChartRow | undefined> {
      const [row] = await db.select().from(charts).where(eq(charts.chartId, chartId));
      return row;
    },

    async chartsForEvaluation(evalId: string): Promise<ChartRow[]> {
      return db.select().from(charts).where(eq(charts.evalId, evalId)).orderBy(asc(charts.generatedAt));
    },

    async recentForSymbol(symbol: string, limit = 20): Promise<ChartRow[]> {
      return db
        .select()
        .from(charts)
        .where(eq(charts.symbol, symbol))
        .orderBy(desc(charts.generatedAt))
        .limit(limit);
    },
  };
}

export type ChartRepository = ReturnType<typeof createChartRepository>;
