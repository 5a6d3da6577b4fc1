import type { Embeddings } from '@langchain/core/embeddings';

/** One namespace per analysis agent. */
export const DOMAINS = ['technical', 'fundamental', 'sentiment', 'risk'] as const;
export type Domain = (typeof DOMAINS)[number];

export function isDomain(value: string): value is Domain {
  return (DOMAINS as readonly string[]).includes(value);
}

/** A piece of a knowledge document, with the provenance an agent needs to cite it. */
export interface KnowledgeChunk {
  /** Derived from the chunk's content: the same text in the same place always gets the same id. */
  id: string;
  domain: Domain;
  /** `knowledge/risk/risk-of-ruin.md`: the folder's name, then the path inside it. */
  docPath: string;
  title: string;
  /** Heading path inside the document, e.g. `Risk of ruin > Worked example`. */
  heading: string;
  /** Position of the chunk in its document, from 0. */
  ordinal: number;
  text: string;
  tags: string[];
  /** Hash of the whole source file: an unchanged file is not re-indexed. */
  contentHash: string;
}

/** A chunk with the vector that an embedder made of it. */
export interface StoredChunk extends KnowledgeChunk {
  embedder: string;
  vector: number[];
}

/** Payload filters every store understands. `tags` matches a chunk carrying any of them. */
export interface ChunkFilter {
  docPath?: string;
  tags?: string[];
}

export interface ScoredChunk {
  chunk: KnowledgeChunk;
  score: number;
}

export interface StoredDocument {
  domain: Domain;
  docPath: string;
  contentHash: string;
  embedder: string;
  chunks: number;
}

export interface StoreStats {
  kind: KnowledgeStore['kind'];
  domains: Record<Domain, { documents: number; chunks: number }>;
  embedders: string[];
}

export interface SearchOptions {
  /** Absent = every domain. */
  domain?: Domain;
  k: number;
  filter?: ChunkFilter;
}

/**
 * Where chunks live. Both implementations pass the same contract suite
 * (test/rag/store-contract.ts).
 */
export interface KnowledgeStore {
  readonly kind: 'embedded' | 'qdrant';
  /** Swaps a document's chunks for new ones (an empty list deletes the document). */
  replaceDocument(domain: Domain, docPath: string, chunks: StoredChunk[]): Promise<void>;
  deleteDocument(domain: Domain, docPath: string): Promise<number>;
  /** Drops every chunk, e.g. before re-embedding with another embedder. */
  clear(): Promise<void>;
  listDocuments(): Promise<StoredDocument[]>;
  stats(): Promise<StoreStats>;
  searchDense(vector: number[], options: SearchOptions): Promise<ScoredChunk[]>;
  /** BM25 over the same text the embedder saw (title, heading, tags, body). */
  searchLexical(query: string, options: SearchOptions): Promise<ScoredChunk[]>;
}

/** A LangChain `Embeddings` that says who it is, so stored vectors can record their maker. */
export interface KnowledgeEmbeddings extends Embeddings {
  /** Name, model, dimensions and version: a change means stored vectors are stale. */
  readonly id: string;
}

/** What an agent gets back: data with provenance, never instructions. */
export interface RetrievedChunk {
  chunkId: string;
  domain: Domain;
  docPath: string;
  title: string;
  heading: string;
  text: string;
  score: number;
  /** 1-based rank in each list that found it (absent = that list did not). */
  lexicalRank?: number;
  denseRank?: number;
  /** Cosine similarity from the dense list (absent = that list did not find it); unlike `score`, comparable across queries. */
  similarity?: number;
}

/** Text fed to both BM25 and the embedder: the heading path is part of the chunk's meaning. */
export function searchableText(chunk: Pick<KnowledgeChunk, 'title' | 'heading' | 'tags' | 'text'>): string {
  const heading = chunk.heading.startsWith(chunk.title) ? chunk.heading : `${chunk.title} > ${chunk.heading}`;
  return `${heading}\n${chunk.tags.join(', ')}\n\n${chunk.text}`;
}
