import { Embeddings } from '@langchain/core/embeddings';
import type { KnowledgeEmbeddings } from '../types.js';
import { DEFAULT_WEIGHTS, hashedVector, type FeatureWeights } from './hashed-features.js';

/** Bump when the feature extraction changes: stored vectors then no longer match queries. */
const FEATURE_VERSION = 1;

export interface LocalEmbeddingsOptions {
  /** Vector length. 512 keeps a 10k-chunk scan within the latency budget (see bench/retrieval.ts). */
  dimensions?: number;
  weights?: FeatureWeights;
}

/**
 * The default embedder: no model download, no network, same vector for the same text on every
 * machine. Hashed word, bigram, character n-gram and trading-concept features (hashed-features.ts).
 * Weak on its own next to a neural model; its job is to add what BM25 misses (morphology,
 * acronyms, phrasing) so the hybrid beats lexical search, which bench/retrieval.ts measures.
 */
export class LocalHashEmbeddings extends Embeddings implements KnowledgeEmbeddings {
  readonly id: string;
  readonly dimensions: number;
  private readonly weights: FeatureWeights;

  constructor(options: LocalEmbeddingsOptions = {}) {
    super({});
    this.dimensions = options.dimensions ?? 512;
    this.weights = options.weights ?? DEFAULT_WEIGHTS;
    const w = this.weights;
    const tuned = w === DEFAULT_WEIGHTS ? '' : `-w${w.word}.${w.bigram}.${w.char}.${w.concept}`;
    this.id = `local-hash-v${FEATURE_VERSION}-${this.dimensions}${tuned}`;
  }

  embedDocuments(documents: string[]): Promise<number[][]> {
    return Promise.resolve(
      documents.map((text) => Array.from(hashedVector(text, this.dimensions, this.weights))),
    );
  }

  embedQuery(query: string): Promise<number[]> {
    return Promise.resolve(Array.from(hashedVector(query, this.dimensions, this.weights)));
  }
}

export function createLocalEmbeddings(options: LocalEmbeddingsOptions = {}): LocalHashEmbeddings {
  return new LocalHashEmbeddings(options);
}
