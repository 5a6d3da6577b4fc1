import {
  DOMAINS,
  type Domain,
  type KnowledgeStore,
  type ScoredChunk,
  type StoredDocument,
  type StoreStats,
} from '../types.js';

/** Best k of several per-namespace result lists, by score. */
export function mergeByScore(lists: readonly ScoredChunk[][], k: number): ScoredChunk[] {
  if (lists.length === 1) return (lists[0] ?? []).slice(0, k);
  return lists
    .flat()
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

export function statsFromDocuments(
  kind: KnowledgeStore['kind'],
  documents: readonly StoredDocument[],
): StoreStats {
  const domains = Object.fromEntries(DOMAINS.map((d) => [d, { documents: 0, chunks: 0 }])) as Record<
    Domain,
    { documents: number; chunks: number }
  >;
  const embedders = new Set<string>();
  for (const doc of documents) {
    domains[doc.domain].documents += 1;
    domains[doc.domain].chunks += doc.chunks;
    embedders.add(doc.embedder);
  }
  return { kind, domains, embedders: [...embedders].sort() };
}
