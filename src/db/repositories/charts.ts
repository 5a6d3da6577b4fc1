import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { charts } from '../schema/index.js';

export type ChartRow = typeof charts.$inferSelect;
export type NewChartRow = Omit<typeof charts.$inferInsert, 'chartId'>;

/** Rows describing rendered chart images; the bytes live in the object store under `imageKey`. */
export function createChartRepository(db: Db) {
  return {
    async saveChart(row: NewChartRow): Promise<ChartRow> {
      const [saved] = await db.insert(charts).values(row).returning();
      if (!saved) throw new Error('charts insert returned nothing');
      return saved;
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
