import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/index.js';

/** Every table a request can write to (market bars, tickers and knowledge are loaded, not written by requests). */
export const WRITABLE_TABLES = [
  'user_accounts',
  'user_rules',
  'team_rules',
  'assistant_sessions',
  'assistant_messages',
  'trade_intents',
  'trade_evaluations',
  'trade_evaluation_items',
  'trades',
  'trade_fills',
  'positions',
  'trade_journal',
  'post_trade_reviews',
  'guardrail_events',
  'llm_calls',
  'ai_journal',
  'charts',
  'key_levels',
  'regime_snapshots',
] as const;

/** Row counts of `tables`, in one statement, to compare before and after a request. */
export async function rowCounts(
  database: Database,
  tables: readonly string[] = WRITABLE_TABLES,
): Promise<Record<string, number>> {
  const columns = sql.join(
    tables.map((t) => sql`(select count(*) from ${sql.identifier(t)})::int as ${sql.identifier(t)}`),
    sql`, `,
  );
  const result = (await database.db.execute(sql`select ${columns}`)) as unknown as {
    rows: Record<string, number>[];
  };
  const row = result.rows[0] ?? {};
  return Object.fromEntries(tables.map((t) => [t, Number(row[t])]));
}
