import { and, desc, eq, gt, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tradeJournal } from '../schema/index.js';

export type TradeJournalRow = typeof tradeJournal.$inferSelect;
export type NewTradeJournalEntry = typeof tradeJournal.$inferInsert;

const MAX_LIST = 50;

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function createJournalRepository(db: Db) {
  return {
    /** Stores an entry. Undefined when an entry with the same (user, source key) exists: a repeated Save. */
    async add(entry: NewTradeJournalEntry): Promise<TradeJournalRow | undefined> {
      const [row] = await db
        .insert(tradeJournal)
        .values(entry)
        .onConflictDoNothing({ target: [tradeJournal.userId, tradeJournal.sourceKey] })
        .returning();
      return row;
    },

    async findBySource(userId: string, sourceKey: string): Promise<TradeJournalRow | undefined> {
      const [row] = await db
        .select()
        .from(tradeJournal)
        .where(and(eq(tradeJournal.userId, userId), eq(tradeJournal.sourceKey, sourceKey)));
      return row;
    },

    async list(userId: string, limit = 10): Promise<TradeJournalRow[]> {
      return db
        .select()
        .from(tradeJournal)
        .where(eq(tradeJournal.userId, userId))
        .orderBy(desc(tradeJournal.createdAt))
        .limit(Math.min(Math.max(1, limit), MAX_LIST));
    },

    /**
     * Full-text search (English stemming: "breakouts" finds "breakout"), best match first; when
     * that finds nothing, every word as a substring of the note, a tag or the symbol, so partial
     * words and tickers still match.
     */
    async search(userId: string, words: string, limit = 10): Promise<TradeJournalRow[]> {
      const n = Math.min(Math.max(1, limit), MAX_LIST);
      const query = sql`websearch_to_tsquery('english', ${words})`;
      const vector = sql`to_tsvector('english', ${tradeJournal.noteText})`;
      const ranked = await db
        .select()
        .from(tradeJournal)
        .where(and(eq(tradeJournal.userId, userId), sql`${vector} @@ ${query}`))
        .orderBy(desc(sql`ts_rank(${vector}, ${query})`), desc(tradeJournal.createdAt))
        .limit(n);
      if (ranked.length > 0) return ranked;
      const terms = words
        .split(/\s+/)
        .map((w) => w.replace(/^[#$]/, ''))
        .filter((w) => w.length > 0)
        .slice(0, 10);
      if (terms.length === 0) return [];
      const each: SQL[] = terms.map((w) => {
        const pattern = `%${escapeLike(w)}%`;
        return or(
          ilike(tradeJournal.noteText, pattern),
          ilike(tradeJournal.symbol, pattern),
          sql`${tradeJournal.tags}::text ilike ${pattern}`,
        ) as SQL;
      });
      return db
        .select()
        .from(tradeJournal)
        .where(and(eq(tradeJournal.userId, userId), ...each))
        .orderBy(desc(tradeJournal.createdAt))
        .limit(n);
    },

    /** Entries of users whose id starts with `userPrefix`, written in (from, to]. */
    async between(userPrefix: string, from: Date, to: Date, limit = 200): Promise<TradeJournalRow[]> {
      return db
        .select()
        .from(tradeJournal)
        .where(
          and(
            sql`starts_with(${tradeJournal.userId}, ${userPrefix})`,
            gt(tradeJournal.createdAt, from),
            lte(tradeJournal.createdAt, to),
          ),
        )
        .orderBy(desc(tradeJournal.createdAt))
        .limit(limit);
    },
  };
}

export type JournalRepository = ReturnType<typeof createJournalRepository>;
