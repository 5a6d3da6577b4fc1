import { hash32 } from '../../embeddings/hashed-features.js';
import { lexicalTerms } from '../../text/tokens.js';

export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface Bm25Params {
  k1: number;
  b: number;
  /** Expected chunk length in terms. Qdrant applies IDF itself but cannot know lengths. */
  avgLength: number;
}

// avgLength ~ the terms in a 900-character chunk plus its heading and tags after stop words.
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75, avgLength: 90 };

function termIndex(term: string): number {
  return hash32(`t${term}`) & 0x7fffffff;
}

/**
 * The document side of BM25 as a sparse vector: the saturated, length-normalised term
 * frequency per term. The collection's `modifier: idf` makes Qdrant multiply in each term's
 * IDF at query time, which is Qdrant's documented way to run BM25. Same analysis as the
 * embedded store's BM25 (tokens.ts), so both stores rank on the same terms.
 */
export function documentSparseVector(text: string, params: Bm25Params = DEFAULT_BM25): SparseVector {
  const terms = lexicalTerms(text);
  const counts = new Map<number, number>();
  for (const term of terms) {
    const index = termIndex(term);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const norm = params.k1 * (1 - params.b + (params.b * terms.length) / params.avgLength);
  const indices = [...counts.keys()].sort((a, b) => a - b);
  return {
    indices,
    values: indices.map((i) => {
      const tf = counts.get(i) ?? 0;
      return (tf * (params.k1 + 1)) / (tf + norm);
    }),
  };
}

/** The query side: each distinct term once, weight 1. */
export function querySparseVector(text: string): SparseVector {
  const indices = [...new Set(lexicalTerms(text).map(termIndex))].sort((a, b) => a - b);
  return { indices, values: indices.map(() => 1) };
}
