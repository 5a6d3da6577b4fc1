import type {
  ChunkFilter,
  Domain,
  KnowledgeEmbeddings,
  KnowledgeStore,
  RetrievedChunk,
  ScoredChunk,
} from '../types.js';
import { reciprocalRankFusion } from './fusion.js';

export type RetrievalMode = 'hybrid' | 'lexical' | 'dense';

export interface RetrieveOptions {
  /** The agent's namespace. Absent = every domain. */
  domain?: Domain;
  /** Hits to return (default 5). */
  k?: number;
  filter?: ChunkFilter;
  /** Default hybrid; the single-list modes exist for measurement (bench/retrieval.ts). */
  mode?: RetrievalMode;
}

export interface Retriever {
  retrieve(query: string, options?: RetrieveOptions): Promise<RetrievedChunk[]>;
}

export interface RetrieverDeps {
  store: KnowledgeStore;
  embeddings: KnowledgeEmbeddings;
  /** How deep each list is read before fusion (default max(50, 5k)). */
  candidates?: (k: number) => number;
  /** RRF constant; 60 as in Cormack, Clarke & Büttcher (2009). */
  rrfK?: number;
}

function toRetrieved(
  hit: ScoredChunk,
  score: number,
  ranks: { lexicalRank?: number; denseRank?: number } = {},
  similarity?: number,
): RetrievedChunk {
  const { chunk } = hit;
  return {
    chunkId: chunk.id,
    domain: chunk.domain,
    docPath: chunk.docPath,
    title: chunk.title,
    heading: chunk.heading,
    text: chunk.text,
    score,
    ...ranks,
    ...(similarity === undefined ? {} : { similarity }),
  };
}

/**
 * Hybrid retrieval: BM25 and dense search over the same namespace, fused by reciprocal rank
 * (score = Σ 1/(60 + rank)), so neither list's raw scores need calibrating against the other.
 */
export function createRetriever(deps: RetrieverDeps): Retriever {
  const depth = deps.candidates ?? ((k: number) => Math.max(50, k * 5));
  const rrfK = deps.rrfK ?? 60;
  return {
    async retrieve(query, options = {}) {
      const k = options.k ?? 5;
      const text = query.trim();
      if (text.length === 0 || k <= 0) return [];
      const mode = options.mode ?? 'hybrid';
      const search = {
        ...(options.domain ? { domain: options.domain } : {}),
        ...(options.filter ? { filter: options.filter } : {}),
      };
      if (mode === 'lexical') {
        const hits = await deps.store.searchLexical(text, { ...search, k });
        return hits.map((hit, i) => toRetrieved(hit, hit.score, { lexicalRank: i + 1 }));
      }
      const vector = await deps.embeddings.embedQuery(text);
      if (mode === 'dense') {
        const hits = await deps.store.searchDense(vector, { ...search, k });
        return hits.map((hit, i) => toRetrieved(hit, hit.score, { denseRank: i + 1 }, hit.score));
      }
      const n = depth(k);
      const [lexical, dense] = await Promise.all([
        deps.store.searchLexical(text, { ...search, k: n }),
        deps.store.searchDense(vector, { ...search, k: n }),
      ]);
      return reciprocalRankFusion({ lexical, dense }, rrfK)
        .slice(0, k)
        .map((fused) => toRetrieved(fused.hit, fused.score, fused.ranks, fused.similarity));
    },
  };
}
