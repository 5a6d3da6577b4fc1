import { sql } from 'drizzle-orm';
import { doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Headlines for the Sentiment agent, from RSS/Atom feeds and JSON files. The URL identifies a
 * story, so a re-import adds nothing twice. `score` is the headline's word-list tone and
 * `scored_with` names the list, so scores from different methods are never mixed unknowingly.
 */
export const newsItems = pgTable(
  'news_items',
  {
    newsId: uuid('news_id').primaryKey().defaultRandom(),
    headline: text('headline').notNull(),
    source: text('source').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    symbols: text('symbols').array().notNull().default(sql`'{}'::text[]`),
    url: text('url').notNull().unique('uq_news_items_url'),
    score: doublePrecision('score'),
    scoredWith: text('scored_with'),
    importedFrom: text('imported_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_news_items_published_at').on(t.publishedAt),
    index('idx_news_items_symbols').using('gin', t.symbols),
  ],
);
