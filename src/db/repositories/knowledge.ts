import { asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { knowledgeChunks } from '../schema/index.js';

export type KnowledgeChunkRow = typeof knowledgeChunks.$inferSelect;
export type NewKnowledgeChunk = typeof knowledgeChunks.$inferInsert;

export interface KnowledgeDocumentRow {
  domain: KnowledgeChunkRow['domain'];
  docPath: string;
  contentHash: string;
  embedder: string;
  chunks: number;
  indexedAt: Date | null;
}

// Each row carries a vector of a few hundred reals: smaller batches keep one statement modest.
const INSERT_BATCH = 200;

export function createKnowledgeRepository(db: Db) {
  return {
    /** Deletes a document's chunks and inserts its new ones in one transaction. */
    async replaceDocument(docPath: string, rows: NewKnowledgeChunk[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(knowledgeChunks).where(eq(knowledgeChunks.docPath, docPath));
        for (let i = 0; i < rows.length; i += INSERT_BATCH) {
          await tx.insert(knowledgeChunks).values(rows.slice(i, i + INSERT_BATCH));
        }
      });
    },

    async deleteDocument(docPath: string): Promise<number> {
      const deleted = await db
        .delete(knowledgeChunks)
        .where(eq(knowledgeChunks.docPath, docPath))
        .returning({ id: knowledgeChunks.id });
      return deleted.length;
    },

    async clear(): Promise<void> {
      await db.delete(knowledgeChunks);
    },

    /** One row per (document, hash, embedder): more than one row for a path means a half-finished write. */
    async listDocuments(): Promise<KnowledgeDocumentRow[]> {
      return db
        .select({
          domain: knowledgeChunks.domain,
          docPath: knowledgeChunks.docPath,
          contentHash: knowledgeChunks.contentHash,
          embedder: knowledgeChunks.embedder,
          chunks: count(),
          indexedAt: max(knowledgeChunks.indexedAt),
        })
        .from(knowledgeChunks)
        .groupBy(
          knowledgeChunks.domain,
          knowledgeChunks.docPath,
          knowledgeChunks.contentHash,
          knowledgeChunks.embedder,
        )
        .orderBy(asc(knowledgeChunks.docPath));
    },

    /** Every chunk, in document order: the embedded store builds its in-memory index from this. */
    async loadAll(): Promise<KnowledgeChunkRow[]> {
      return db
        .select()
        .from(knowledgeChunks)
        .orderBy(asc(knowledgeChunks.domain), asc(knowledgeChunks.docPath), asc(knowledgeChunks.ordinal));
    },

    /** Chunks by id, for the audit chain's retrieved passages. */
    async chunksByIds(
      ids: readonly string[],
    ): Promise<Pick<KnowledgeChunkRow, 'id' | 'docPath' | 'heading' | 'text'>[]> {
      if (ids.length === 0) return [];
      return db
        .select({
          id: knowledgeChunks.id,
          docPath: knowledgeChunks.docPath,
          heading: knowledgeChunks.heading,
          text: knowledgeChunks.text,
        })
        .from(knowledgeChunks)
        .where(inArray(knowledgeChunks.id, [...ids]));
    },

    async countChunks(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(knowledgeChunks);
      return row?.n ?? 0;
    },
  };
}

export type KnowledgeRepository = ReturnType<typeof createKnowledgeRepository>;
