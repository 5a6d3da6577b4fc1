export {
  DOMAINS,
  isDomain,
  searchableText,
  type ChunkFilter,
  type Domain,
  type KnowledgeChunk,
  type KnowledgeEmbeddings,
  type KnowledgeStore,
  type RetrievedChunk,
  type ScoredChunk,
  type SearchOptions,
  type StoredChunk,
  type StoredDocument,
  type StoreStats,
} from './types.js';
export {
  createLocalEmbeddings,
  LocalHashEmbeddings,
  type LocalEmbeddingsOptions,
} from './embeddings/local-embeddings.js';
export {
  createOpenAiCompatibleEmbeddings,
  OpenAiCompatibleEmbeddings,
  type OpenAiCompatibleEmbeddingsOptions,
} from './embeddings/openai-compatible-embeddings.js';
export {
  createKnowledgeIndexer,
  type IndexReport,
  type KnowledgeIndexer,
  type KnowledgeIndexerDeps,
} from './indexing/indexer.js';
export {
  FrontMatter,
  loadDocuments,
  parseKnowledgeFile,
  type LoadProblem,
  type SourceDocument,
} from './indexing/load-documents.js';
export { DEFAULT_SPLIT, splitDocument, type SplitOptions } from './indexing/split-document.js';
export { createEmbeddedStore, matchesFilter, type EmbeddedStoreDeps } from './stores/embedded-store.js';
export { createQdrantStore, type QdrantStoreOptions } from './stores/qdrant/qdrant-store.js';
export {
  createRetriever,
  type RetrievalMode,
  type RetrieveOptions,
  type Retriever,
  type RetrieverDeps,
} from './retrieval/retriever.js';
export { reciprocalRankFusion, type FusedHit } from './retrieval/fusion.js';
export { neutraliseDelimiters, quoteForPrompt } from './retrieval/quote-for-prompt.js';
export { sentencesOf, snippet } from './retrieval/snippet.js';
export { isStopword, lexicalTerms, words } from './text/tokens.js';
export {
  createKnowledgeBase,
  type KnowledgeBase,
  type KnowledgeBaseDeps,
  type KnowledgeSettings,
} from './knowledge-base.js';
