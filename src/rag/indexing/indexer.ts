import type { Logger } from 'pino';
import { AppError } from '../../errors.js';
import {
  DOMAINS,
  searchableText,
  type Domain,
  type KnowledgeEmbeddings,
  type KnowledgeStore,
  type StoredChunk,
  type StoredDocument,
} from '../types.js';
import { loadDocuments, type LoadProblem, type SourceDocument } from './load-documents.js';
import { DEFAULT_SPLIT, splitDocument, type SplitOptions } from './split-document.js';

export interface IndexReport {
  /** Chunks per domain once indexing is done. */
  domains: Record<Domain, number>;
  documents: { added: number; updated: number; removed: number; unchanged: number };
  chunks: { written: number; removed: number };
  /** Files left out, by path, with the reason (bad front matter, unreadable folder...). */
  skipped: LoadProblem[];
  embedder: string;
  /** True when vectors from another embedder were found and everything was re-embedded. */
  reembedded: boolean;
  durationMs: number;
}

export interface KnowledgeIndexer {
  /** `signal` stops the run between two documents (what was written stays, and is consistent). */
  indexAll(options?: { signal?: AbortSignal }): Promise<IndexReport>;
}

export interface KnowledgeIndexerDeps {
  store: KnowledgeStore;
  embeddings: KnowledgeEmbeddings;
  /** Folders to read; the first is usually the repository's `knowledge/`. */
  dirs: readonly string[];
  split?: SplitOptions;
  logger?: Pick<Logger, 'warn' | 'info'>;
}

async function embedDocument(doc: SourceDocument, deps: KnowledgeIndexerDeps): Promise<StoredChunk[]> {
  const chunks = await splitDocument(doc, deps.split ?? DEFAULT_SPLIT);
  const vectors =
    chunks.length > 0 ? await deps.embeddings.embedDocuments(chunks.map((c) => searchableText(c))) : [];
  return chunks.map((chunk, i) => ({ ...chunk, embedder: deps.embeddings.id, vector: vectors[i] ?? [] }));
}

/**
 * Makes the store match the knowledge folders. Incremental: a file whose hash and embedder are
 * unchanged is not touched; an edited file's chunks are replaced; a file that is gone (or no
 * longer valid) loses its chunks. Vectors made by another embedder are all rebuilt, since old
 * and new vectors cannot be compared.
 */
export function createKnowledgeIndexer(deps: KnowledgeIndexerDeps): KnowledgeIndexer {
  return {
    async indexAll(options = {}) {
      const started = performance.now();
      const checkpoint = () => {
        if (options.signal?.aborted)
          throw new AppError({
            code: 'knowledge-index-aborted',
            category: 'internal',
            message: 'knowledge indexing stopped before the end',
          });
      };
      const { documents, problems } = await loadDocuments(deps.dirs);
      for (const problem of problems) deps.logger?.warn(problem, 'knowledge file skipped');

      let stored = await deps.store.listDocuments();
      const reembedded = stored.some((doc) => doc.embedder !== deps.embeddings.id);
      checkpoint();
      if (reembedded) {
        deps.logger?.info(
          { from: [...new Set(stored.map((d) => d.embedder))], to: deps.embeddings.id },
          'embedder changed: re-indexing everything',
        );
        await deps.store.clear();
        stored = [];
      }
      const byPath = new Map<string, StoredDocument[]>();
      for (const doc of stored) byPath.set(doc.docPath, [...(byPath.get(doc.docPath) ?? []), doc]);

      const counts = { added: 0, updated: 0, removed: 0, unchanged: 0 };
      const chunkCounts = { written: 0, removed: 0 };
      for (const doc of documents) {
        checkpoint();
        const previous = byPath.get(doc.docPath) ?? [];
        byPath.delete(doc.docPath);
        const [only] = previous;
        if (previous.length === 1 && only?.contentHash === doc.contentHash && only.domain === doc.domain) {
          counts.unchanged += 1;
          continue;
        }
        const chunks = await embedDocument(doc, deps);
        await deps.store.replaceDocument(doc.domain, doc.docPath, chunks);
        for (const old of previous) {
          // a document that moved to another domain leaves its old namespace
          if (old.domain !== doc.domain) await deps.store.deleteDocument(old.domain, doc.docPath);
        }
        chunkCounts.written += chunks.length;
        chunkCounts.removed += previous.reduce((n, d) => n + d.chunks, 0);
        if (previous.length > 0) counts.updated += 1;
        else counts.added += 1;
      }
      for (const [docPath, gone] of byPath) {
        checkpoint();
        for (const domain of new Set(gone.map((d) => d.domain)))
          chunkCounts.removed += await deps.store.deleteDocument(domain, docPath);
        counts.removed += 1;
      }

      const stats = await deps.store.stats();
      const domains = Object.fromEntries(DOMAINS.map((d) => [d, stats.domains[d].chunks])) as Record<
        Domain,
        number
      >;
      return {
        domains,
        documents: counts,
        chunks: chunkCounts,
        skipped: problems,
        embedder: deps.embeddings.id,
        reembedded,
        durationMs: performance.now() - started,
      };
    },
  };
}
