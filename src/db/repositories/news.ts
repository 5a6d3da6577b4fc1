import { and, arrayContains, count, desc, gte, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { newsItems } from '../schema/index.js';

export type NewsRow = typeof newsItems.$inferSelect;
export type NewNewsItem = Omit<typeof newsItems.$inferInsert, 'newsId' | 'createdAt'>;

/** A stored headline in the shape the agents read (times in epoch ms). */
export interface StoredNewsItem {
  headline: string;
  source: string;
  publishedAt: number;
  symbols: string[];
  url: string;
  score: number | null;
  scoredWith: string | null;
}

const INSERT_CHUNK = 500;

function toItem(row: NewsRow): StoredNewsItem {
  return {
    headline: row.headline,
    source: row.source,
    publishedAt: row.publishedAt.getTime(),
    symbols: row.symbols,
    url: row.url,
    score: row.score,
    scoredWith: row.scoredWith,
  };
}

export function createNewsRepository(db: Db) {
  return {
    /** Inserts headlines; a URL already stored is kept as it was. Returns how many were new. */
    async insertMany(items: readonly NewNewsItem[]): Promise<number> {
      if (items.length === 0) return 0;
      return db.transaction(async (tx) => {
        let added = 0;
        for (let i = 0; i < items.length; i += INSERT_CHUNK) {
          const rows = await tx
            .insert(newsItems)
            .values(items.slice(i, i + INSERT_CHUNK))
            .onConflictDoNothing({ target: newsItems.url })
            .returning({ id: newsItems.newsId });
          added += rows.length;
        }
        return added;
      });
    },

    /** Headlines tagged with `symbol`, published in [from, to), newest first. */
    async forSymbol(
      symbol: string,
      window: { from: number; to: number },
      limit = 200,
    ): Promise<StoredNewsItem[]> {
      const rows = await db
        .select()
        .from(newsItems)
        .where(
          and(
            arrayContains(newsItems.symbols, [symbol.toUpperCase()]),
            gte(newsItems.publishedAt, new Date(window.from)),
            lt(newsItems.publishedAt, new Date(window.to)),
          ),
        )
        .orderBy(desc(newsItems.publishedAt))
        .limit(limit);
      return rows.map(toItem);
    },

    async countNews(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(newsItems);
      return Number(row?.n ?? 0);
    },
  };
}

export type NewsRepository = ReturnType<typeof createNewsRepository>;
