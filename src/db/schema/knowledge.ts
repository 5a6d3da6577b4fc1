import { index, integer, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Chunks of the knowledge base with their vectors: the embedded knowledge store's persistence
 * (src/rag). `embedder` records which embedder made `vector`, so a change of embedder is seen
 * and triggers re-indexing; `content_hash` is the source file's hash for incremental indexing.
 */
export const knowledgeChunks = pgTable(
  'knowledge_chunks',
  {
    id: text('id').primaryKey(),
    domain: text('domain').$type<'technical' | 'fundamental' | 'sentiment' | 'risk'>().notNull(),
    docPath: text('doc_path').notNull(),
    title: text('title').notNull(),
    heading: text('heading').notNull(),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    tags: text('tags').array().notNull(),
    contentHash: text('content_hash').notNull(),
    embedder: text('embedder').notNull(),
    vector: real('vector').array().notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_knowledge_chunks_domain').on(t.domain),
    index('idx_knowledge_chunks_doc_path').on(t.docPath),
  ],
);
