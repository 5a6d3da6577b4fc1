import type { ScoredChunk } from '../types.js';

export interface FusedHit {
  hit: ScoredChunk;
  score: number;
  ranks: { lexicalRank?: number; denseRank?: number };
  /** The dense list's cosine similarity, when that list found the chunk: an absolute measure of fit. */
  similarity?: number;
}

/**
 * Reciprocal rank fusion: each list adds 1/(k + rank) for every chunk it ranks (rank from 1).
 * Ties break on the better single rank, then on chunk id, so the order is deterministic.
 */
export function reciprocalRankFusion(
  lists: { lexical: readonly ScoredChunk[]; dense: readonly ScoredChunk[] },
  k = 60,
): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  const add = (list: readonly ScoredChunk[], key: 'lexicalRank' | 'denseRank') => {
    list.forEach((hit, i) => {
      const rank = i + 1;
      const entry = fused.get(hit.chunk.id) ?? { hit, score: 0, ranks: {} };
      entry.score += 1 / (k + rank);
      entry.ranks[key] = rank;
      if (key === 'denseRank') entry.similarity = hit.score;
      fused.set(hit.chunk.id, entry);
    });
  };
  add(lists.lexical, 'lexicalRank');
  add(lists.dense, 'denseRank');
  const best = (f: FusedHit) => Math.min(f.ranks.lexicalRank ?? Infinity, f.ranks.denseRank ?? Infinity);
  return [...fused.values()].sort(
    (a, b) => b.score - a.score || best(a) - best(b) || a.hit.chunk.id.localeCompare(b.hit.chunk.id),
  );
}
